import Foundation
import Testing

/// The progress bar: on stderr when it is a terminal and the files are read in several blocks, never otherwise.
@Suite struct ProgressBarTests {
    static let tiny = ReportCommandTests.self

    @Test(arguments: ["report --format csv", "check --customer A --quantity 10", "brief --customer A"])
    func terminalSeesTheBarThenItIsErased(command subcommand: String) throws {
        let space = Workspace()
        let f = space.file("f.csv", Self.tiny.forecasts), a = space.file("a.csv", Self.tiny.actuals)
        // `script` runs the command on a pseudo-terminal and copies what it wrote there to its stdout.
        let command = "\(CLI.executable.path) \(subcommand) --forecasts \(f) --actuals \(a) --read-block-size 16 > /dev/null"
        let outcome = try CLI.shell("script -qfec '\(command)' /dev/null", in: space.url)
        #expect(outcome.status == 0)
        let terminal = outcome.stdout
        #expect(terminal.contains("reading a.csv ["))
        #expect(terminal.contains("reading f.csv ["))
        #expect(terminal.contains("] 100%"))
        // The last thing written is the erase, so the terminal is left clean.
        #expect(terminal.hasSuffix("\r\u{1B}[2K"))
    }

    @Test func noBarWhenStderrIsNotATerminal() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.tiny.forecasts),
                                   "--actuals", space.file("a.csv", Self.tiny.actuals), "--read-block-size", "16", "--format", "csv"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty)
        #expect(outcome.stdout == Self.tiny.metrics)
    }
}

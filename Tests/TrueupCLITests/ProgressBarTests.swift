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
        // The bar's last write is the erase, so the terminal is left clean: after it, at most `--format csv`'s matched shares.
        let afterErase = terminal.components(separatedBy: "\r\u{1B}[2K").last ?? terminal
        #expect(terminal.contains("\r\u{1B}[2K"))
        #expect(afterErase.isEmpty || (subcommand.hasPrefix("report") && afterErase.hasPrefix("trueup: Matched: ")), "\(afterErase)")
    }

    @Test func noBarWhenStderrIsNotATerminal() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.tiny.forecasts),
                                   "--actuals", space.file("a.csv", Self.tiny.actuals), "--read-block-size", "16", "--format", "csv"])
        #expect(outcome.status == 0)
        #expect(!outcome.stderr.contains("reading"), "no bar")
        #expect(outcome.stderr.hasPrefix("trueup: Matched: "), "only the matched shares, --format csv's one sentence")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(outcome.stdout == Self.tiny.metrics)
    }
}

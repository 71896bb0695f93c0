import Foundation
import Testing

/// Every command's `--help` is exactly its golden text in Help/, next to this file.
///
/// After changing a command's options or wording on purpose, rewrite the file with
/// `trueup COMMAND --help > Tests/TrueupCLITests/Help/COMMAND.txt` and read the diff.
@Suite struct HelpTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Help")

    @Test(arguments: ["report", "merge", "route", "check", "brief", "agreement", "history", "policy", "generate"])
    func commandHelp(_ command: String) throws {
        let golden = try String(contentsOf: Self.goldens.appendingPathComponent("\(command).txt"), encoding: .utf8)
        try assertRun([command, "--help"], stdout: golden)
    }

    /// The overview is wrapped by the parser, never by a line break in the source: no short line
    /// that the next line's sentence goes on from ("... over the months since the history" / "drifted or ...").
    @Test(arguments: ["report", "merge", "route", "check", "brief", "agreement", "history", "policy", "generate"])
    func overviewParagraphsAreWrappedWhole(_ command: String) throws {
        let outcome = try CLI.run([command, "--help"])
        let overview = outcome.stdout.components(separatedBy: "\nUSAGE:")[0].split(separator: "\n", omittingEmptySubsequences: false)
        for (line, next) in zip(overview, overview.dropFirst()) {
            let cut = !line.isEmpty && line.count < 60 && !line.hasSuffix(".") && !line.hasSuffix(":")
                && next.first.map { $0.isLowercase } == true
            #expect(!cut, "\(command) --help breaks a sentence after: \(line)")
            #expect(!line.hasSuffix("\\"), "\(command) --help shows a backslash: \(line)")
        }
    }

    @Test func rootHelp() throws {
        let golden = try String(contentsOf: Self.goldens.appendingPathComponent("trueup.txt"), encoding: .utf8)
        try assertRun(["--help"], stdout: golden)
    }

    /// A usage error is exit 64 with the message and the command's usage on stderr, nothing on stdout.
    @Test func unknownGroupingIsAUsageError() throws {
        let outcome = try CLI.run(["report", "--forecasts", "f.csv", "--actuals", "a.csv", "--by", "region"])
        #expect(outcome.status == 64)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("Error: The value 'region' is invalid for '--by <grouping>': --by takes customer, item or customer,item; not 'region'.\n"))
    }
}

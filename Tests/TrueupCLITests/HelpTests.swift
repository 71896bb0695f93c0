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

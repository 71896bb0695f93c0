import Foundation
import Testing

/// `--skip-bad-rows` leaves out at most 5% of a side's rows unless `--max-bad-rows` allows more, and
/// a file-wide cause (an encoding, a number column) is named with its option, never `--skip-bad-rows`:
/// the demo's actuals perturbed in the test.
@Suite struct BadRowsLimitCLITests {
    static let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")
    static var forecasts: String { demo.appendingPathComponent("forecasts.csv").path }

    static func demoActuals() throws -> [Substring] {
        try String(contentsOf: demo.appendingPathComponent("actuals.csv"), encoding: .utf8).split(separator: "\n")
    }

    @Test func aWindows1252FileReadAsUTF8GetsTheEncodingAdvice() throws {
        let w = Workspace()
        // C0005 and C0006 renamed with umlauts, the whole file written in Windows-1252.
        let text = try Self.demoActuals().map { line in
            line.hasPrefix("C0005,") ? "Müller" + line.dropFirst(5) : line.hasPrefix("C0006,") ? "Jäger" + line.dropFirst(5) : line
        }.joined(separator: "\n") + "\n"
        let bytes = text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let a = w.url.appendingPathComponent("a.csv")
        try Data(bytes).write(to: a)
        let stopped = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a.path, "--no-history"])
        #expect(stopped.status == 65)
        #expect(stopped.stderr.contains("Most of them have bytes that are not UTF-8"))
        #expect(stopped.stderr.contains("Run with --encoding "))
        #expect(!stopped.stderr.contains("--skip-bad-rows"), "a file-wide cause is never skipped")
        // 1,200 of 24,000 rows (5%) is not more than --skip-bad-rows leaves out, but they are every row of two customers.
        let skipped = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a.path, "--no-history", "--skip-bad-rows"])
        #expect(skipped.status == 65)
        #expect(skipped.stderr.hasPrefix("trueup: \(a.path): every row of customers \"M\u{FFFD}ller\" (600 rows), \"J\u{FFFD}ger\" (600 rows) can't be read: --skip-bad-rows would leave them out of this file entirely.\n"))
        #expect(skipped.stderr.contains("Run with --encoding "))
        let allowed = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a.path, "--no-history", "--skip-bad-rows",
                                   "--max-bad-rows", "5"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test func moreThanFivePercentRejectedStopsUnlessAllowed() throws {
        let w = Workspace()
        // Every 10th quantity written as a word: 10% of the rows can't be read.
        let lines = try Self.demoActuals()
        let text = lines.enumerated().map { index, line in
            index > 0 && index % 10 == 0 ? line.split(separator: ",").prefix(3).joined(separator: ",") + ",lots" : String(line)
        }.joined(separator: "\n") + "\n"
        let a = w.file("a.csv", text)
        let stopped = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history", "--skip-bad-rows"])
        #expect(stopped.status == 65)
        #expect(stopped.stderr.hasPrefix("trueup: \(a): 2,400 of 24,000 rows (10.0%) can't be read, more than the 5% --skip-bad-rows leaves out.\n"))
        #expect(stopped.stderr.contains("trueup:   \(a):11: column actual: \"lots\" is not a number"))
        #expect(stopped.stderr.contains("run with --max-bad-rows 10 to leave them out anyway"))
        let allowed = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history", "--skip-bad-rows",
                                   "--max-bad-rows", "10", "--allow-low-coverage"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("2,400 rejected"))
        let bad = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--max-bad-rows", "120"])
        #expect(bad.status == 64)
    }

    @Test func aDecimalCommaColumnIsNamedAsTheCause() throws {
        let w = Workspace()
        // Quantities with a decimal comma in a comma file, quoted: "37,5" can't be read with the point.
        let text = try Self.demoActuals().enumerated().map { index, line in
            index == 0 ? String(line) : line.split(separator: ",").prefix(3).joined(separator: ",") + ",\"" + line.split(separator: ",")[3] + ",5\""
        }.joined(separator: "\n") + "\n"
        let a = w.file("a.csv", text)
        let stopped = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history"])
        #expect(stopped.status == 65)
        #expect(stopped.stderr.contains("Run with --decimal-mark point|comma, or name the quantity column with --columns."))
        #expect(!stopped.stderr.contains("--skip-bad-rows"))
        let given = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history", "--actuals-decimal-mark", "comma"])
        #expect(given.status == 0, "\(given.stderr)")
    }
}

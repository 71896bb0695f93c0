import Foundation
import Testing

/// A decimal mark no value settles is said on stderr and in run.json, and `--decimal-mark`
/// (or one side's `--actuals-decimal-mark`) sets it: the demo's actuals rewritten in the test.
@Suite struct DecimalMarkCLITests {
    static let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")
    static var forecasts: String { demo.appendingPathComponent("forecasts.csv").path }

    /// The demo's actual rows, each quantity capped at 999 (so no value settles the mark), written by `line`.
    static func actuals(_ line: ([Substring], Int) -> String) throws -> String {
        let text = try String(contentsOf: demo.appendingPathComponent("actuals.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n")
        return rows.enumerated().map { index, row in
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            return index == 0 ? String(row) : line(fields, min(Int(fields[3]) ?? 0, 999))
        }.joined(separator: "\n") + "\n"
    }

    @Test func aSemicolonFileWithPointDecimalsIsReadRightWithDecimalMarkPoint() throws {
        let w = Workspace()
        let plain = w.file("plain.csv", try Self.actuals { f, v in "\(f[0]),\(f[1]),\(f[2]),\(v)" })
        let sap = w.file("sap.csv", try Self.actuals { f, v in "\(f[0]);\(f[1]);\(f[2]);\(v).000" }.replacingOccurrences(of: ",", with: ";"))
        let clean = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", plain, "--format", "csv", "--no-history"])
        #expect(clean.stderr.isEmpty)

        let guessed = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", sap, "--format", "csv", "--no-history",
                                   "--out", w.url.path + "/guessed"])
        #expect(guessed.status == 0)
        #expect(guessed.stderr.contains("trueup: \(sap): no quantity settles the decimal mark, so the comma is assumed: \"37.000\" (line 3) is read as 37000. If the point is the decimal mark, run with --actuals-decimal-mark point (or --decimal-mark point for both files)."))
        let guessedRun = try #require(w.read("guessed/run.json"))
        #expect(guessedRun.contains("\"decimal_mark\": \"comma\""))
        #expect(guessedRun.contains("\"decimal_mark_evidence\": \"assumed: no quantity settles it; \\\"37.000\\\" at \(sap):3 is read as 37000\""))

        for option in [["--decimal-mark", "point"], ["--actuals-decimal-mark", "point"]] {
            let given = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", sap, "--format", "csv", "--no-history",
                                     "--out", w.url.path + "/given"] + option)
            #expect(given.status == 0)
            #expect(given.stdout == clean.stdout, "read with the point, the SAP file scores as the plain one (\(option))")
            #expect(!given.stderr.contains("decimal mark"))
            let run = try #require(w.read("given/run.json"))
            #expect(run.contains("\"decimal_mark\": \"point\""))
            #expect(run.contains("\"decimal_mark_evidence\": \"given\""))
        }
        let bad = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", sap, "--decimal-mark", "dot"])
        #expect(bad.status == 64)
    }

    @Test func quotedThousandsInACommaFileAreSaidAndTheCommaCanBeGiven() throws {
        let w = Workspace()
        let file = w.file("a.csv", "customer,item,period,actual\n" + (1...8).map { "A,x,2024-0\($0),\"2,949\"\n" }.joined())
        let forecasts = w.file("f.csv", "customer,item,period,lag,forecast\n" + (1...8).map { "A,x,2024-0\($0),1,3\n" }.joined())
        // Read by the point assumed, the actuals are 983× the forecast of 3 every month: a factor of 1000 (within 3%)
        // for every customer, so the run stops, naming the mark assumed (METRICS.md, units).
        let guessed = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", file, "--format", "csv", "--no-history"])
        #expect(guessed.status == 65)
        #expect(guessed.stdout.isEmpty)
        #expect(guessed.stderr.hasPrefix("trueup: For 1 of 1 customers the actuals are 1000× the forecast in at least 80% of their months"))
        #expect(guessed.stderr.contains("trueup: The actuals' decimal mark was assumed, not read from the values: the point, so \"2,949\" (\(file):2) is read as 2949.\n"))
        // Forecasts in the same units: the mark assumed is said, and the run goes on.
        let thousands = w.file("f3000.csv", "customer,item,period,lag,forecast\n" + (1...8).map { "A,x,2024-0\($0),1,3000\n" }.joined())
        let said = try CLI.run(["report", "--wide", "--forecasts", thousands, "--actuals", file, "--format", "csv", "--no-history"])
        #expect(said.status == 0)
        #expect(said.stderr.contains("\(file): no quantity settles the decimal mark, so the point is assumed: \"2,949\" (line 2) is read as 2949. If the comma is the decimal mark, run with --actuals-decimal-mark comma"))
        #expect(said.stdout.contains(",23592,"), "8 months of 2949")
        let given = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", file, "--format", "csv", "--no-history",
                                 "--actuals-decimal-mark", "comma"])
        #expect(given.status == 0)
        #expect(given.stderr.isEmpty)
        #expect(given.stdout.contains(",23.592,"), "8 months of 2.949")
    }
}

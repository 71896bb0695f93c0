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
        #expect(CLI.withoutMatched(clean.stderr).isEmpty)

        // The comma assumed, every actual is 1000 times too large: over the window every customer bought
        // about 1000 times its forecast, and with the mark assumed the run stops, naming it (no verdict on it).
        let guessed = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", sap, "--format", "csv", "--no-history",
                                   "--out", w.url.path + "/guessed"])
        #expect(guessed.status == 65)
        #expect(guessed.stderr.contains("customers the actuals are 1000× the forecast over the window"))
        #expect(guessed.stderr.contains("The actuals' decimal mark was assumed, not read from the values: the comma, so \"37.000\" (\(sap):3) is read as 37000."))
        #expect(w.read("guessed/run.json") == nil, "no verdict written")

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

    /// A semicolon SAP file with point decimals, every value under 1000 (`563.000`): the comma assumed
    /// makes every actual 1000 times too large. With forecasts that miss by up to 40% a month no
    /// customer shows the factor month by month (within 3%), but over the window each bought 500 to
    /// 2,000 times what it forecast: with the mark assumed, the run stops, naming it and the way out.
    @Test func aMisreadMarkIsCaughtOverTheWindowWhenTheMonthsAreNoisy() throws {
        let w = Workspace()
        var random = SystemRandomNumberGenerator()
        var actuals = "Sold-To;Material;Period;Billed Qty\n", forecasts = "customer,item,period,lag,forecast\n"
        for c in 1...12 {
            for m in 1...12 {
                let actual = Int.random(in: 20...999, using: &random)
                let forecast = Double(actual) * Double.random(in: 0.6...1.4, using: &random)
                actuals += "C\(c);X;2024-\(m < 10 ? "0" : "")\(m);\(actual).000\n"
                forecasts += "C\(c),X,2024-\(m < 10 ? "0" : "")\(m),1,\(Int(forecast.rounded()))\n"
            }
        }
        let sap = w.file("sap.csv", actuals), plain = w.file("f.csv", forecasts)
        let arguments = ["report", "--forecasts", plain, "--actuals", sap, "--format", "csv", "--no-history",
                         "--columns", "customer=Sold-To,item=Material,period=Period,actual=Billed Qty"]
        let assumed = try CLI.run(arguments)
        #expect(assumed.status == 65, "\(assumed.stderr)")
        #expect(assumed.stdout.isEmpty)
        #expect(assumed.stderr.hasPrefix("trueup: For 12 of 12 customers the actuals are 1000× the forecast over the window (between 500× and 2000×), "
            + "and a decimal mark was assumed"), "\(assumed.stderr)")
        #expect(assumed.stderr.contains("trueup: The actuals' decimal mark was assumed, not read from the values: the comma"))
        #expect(assumed.stderr.contains("--actuals-decimal-mark"))
        // The mark given: read right, and no stop.
        let given = try CLI.run(arguments + ["--actuals-decimal-mark", "point"])
        #expect(given.status == 0, "\(given.stderr)")
        // A mark given, not assumed, is not second-guessed over the window: the month-by-month rule alone judges.
        let givenComma = try CLI.run(arguments + ["--actuals-decimal-mark", "comma"])
        #expect(givenComma.status == 0, "\(givenComma.stderr)")
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
        let said = try CLI.run(["report", "--wide", "--forecasts", thousands, "--actuals", file, "--format", "csv", "--no-history",
                                "--out", w.url.path + "/said"])
        #expect(said.status == 0)
        let saidRun = try #require(w.read("said/run.json"))
        #expect(saidRun.contains("\"decimal_mark\": \"point\""))
        #expect(saidRun.contains("\"decimal_mark_evidence\": \"assumed: no quantity settles it; \\\"2,949\\\" at \(file):2 is read as 2949\""), "\(saidRun)")
        #expect(said.stderr.contains("\(file): no quantity settles the decimal mark, so the point is assumed: \"2,949\" (line 2) is read as 2949. If the comma is the decimal mark, run with --actuals-decimal-mark comma"))
        #expect(said.stdout.contains(",23592,"), "8 months of 2949")
        let given = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", file, "--format", "csv", "--no-history",
                                 "--actuals-decimal-mark", "comma"])
        #expect(given.status == 0)
        #expect(CLI.withoutMatched(given.stderr).isEmpty)
        #expect(given.stdout.contains(",23.592,"), "8 months of 2.949")
    }
}

import Foundation
import Testing

/// METRICS.md "Data that can't be right", units: a generated book whose customers forecast their
/// purchases closely (within 1%), perturbed as units go wrong. A few customers forecasting in cases
/// of 12 (or the forecast 10× the actuals) are unscored (`units-mismatch`, the factor named), and
/// `check` won't plan on them; most customers' actuals in thousandths stop the run, and so does a
/// semicolon export with point decimals (`563.000`) read by the comma assumed, until
/// `--actuals-decimal-mark point` reads it right.
@Suite struct UnitsMismatchCLITests {
    /// A generated book, its actuals summed by (customer, item, month), and forecasts made from them.
    struct Book {
        let w = Workspace()
        let actualLines: [String]
        let forecastLines: [String]
        var actual: [String: Double] = [:]

        init() throws {
            let made = try CLI.run(["generate", "--customers", "12", "--items", "10", "--months", "18", "--lags", "2", "--seed", "31",
                                    w.url.path + "/gen"])
            #expect(made.status == 0)
            actualLines = try #require(w.read("gen/actuals.csv")).split(separator: "\n").map(String.init)
            forecastLines = try #require(w.read("gen/forecasts.csv")).split(separator: "\n").map(String.init)
            for line in actualLines.dropFirst() {
                let f = line.split(separator: ",").map(String.init)
                actual[f[0] + "," + f[1] + "," + f[2], default: 0] += Double(f[3]) ?? 0
            }
        }

        /// Forecasts within 1% of the purchases, `scale`d for the customers in `scaled` (the wobble fixed by the line).
        func forecasts(_ scaled: [String: Double] = [:]) -> String {
            var out = [forecastLines[0]]
            for (k, line) in forecastLines.dropFirst().enumerated() {
                let f = line.split(separator: ",").map(String.init)
                let wobble = 1 + Double((k * 37) % 21 - 10) / 1000
                let value = (actual[f[0] + "," + f[1] + "," + f[2]] ?? 0) * wobble * (scaled[f[0]] ?? 1)
                out.append("\(f[0]),\(f[1]),\(f[2]),\(f[3]),\(String(format: "%.3f", value))")
            }
            return out.joined(separator: "\n") + "\n"
        }

        /// The actuals with each quantity of the customers in `scaled` multiplied, as `format` writes it.
        func actuals(_ scaled: Set<String> = [], by factor: Double = 1, delimiter: String = ",",
                     format: (Double) -> String = { String(Int($0)) }) -> String {
            var out = [actualLines[0].replacingOccurrences(of: ",", with: delimiter)]
            for line in actualLines.dropFirst() {
                let f = line.split(separator: ",").map(String.init)
                let value = (Double(f[3]) ?? 0) * (scaled.contains(f[0]) ? factor : 1)
                out.append([f[0], f[1], f[2], format(value)].joined(separator: delimiter))
            }
            return out.joined(separator: "\n") + "\n"
        }
    }

    static func flags(_ w: Workspace, _ folder: String) throws -> [String: String] {
        var rows: [String: String] = [:]
        for line in try #require(w.read(folder + "/flags.csv")).split(separator: "\n").dropFirst() {
            rows[String(line.prefix { $0 != "," })] = String(line)
        }
        return rows
    }

    @Test func customersForecastingInOtherUnitsAreUnscoredWithTheirFactor() throws {
        let book = try Book()
        let w = book.w
        let a = w.file("a.csv", book.actuals())
        let clean = w.file("clean.csv", book.forecasts())
        let cases = w.file("cases.csv", book.forecasts(["C0003": 1.0 / 12, "C0007": 1.0 / 12, "C0010": 10]))
        let before = try CLI.run(["report", "--forecasts", clean, "--actuals", a, "--out", w.url.path + "/clean", "--no-history"])
        #expect(before.status == 0)
        #expect(before.stderr.isEmpty)
        let run = try CLI.run(["report", "--wide", "--forecasts", cases, "--actuals", a, "--out", w.url.path + "/out", "--no-history"])
        #expect(run.status == 0)
        let twelve = "Actuals are 12× the forecast in 18 of 18 months: forecast and actuals look like different units (cases of 12?); not tiered on these figures."
        let ten = "The forecast is 10× the actuals in 18 of 18 months: forecast and actuals look like different units (a decimal point shifted or packs of 10?); not tiered on these figures."
        let flags = try Self.flags(w, "out")
        #expect(flags["C0003"]?.hasPrefix("C0003,1,unscored,units-mismatch,\(twelve),18,") == true)
        #expect(flags["C0007"]?.hasPrefix("C0007,1,unscored,units-mismatch,\(twelve),18,") == true)
        #expect(flags["C0010"]?.hasPrefix("C0010,1,unscored,units-mismatch,\(ten),18,") == true)
        // Every other customer keeps its tier and its figures.
        let cleanFlags = try Self.flags(w, "clean")
        for (customer, line) in cleanFlags where !["C0003", "C0007", "C0010"].contains(customer) {
            let tier = { (row: String) in row.split(separator: ",").prefix(4).joined(separator: ",") }
            #expect(flags[customer].map(tier) == tier(line), "\(customer) keeps its tier")
        }
        let cleanMetrics = try #require(w.read("clean/metrics.csv")).split(separator: "\n")
        let metrics = try #require(w.read("out/metrics.csv")).split(separator: "\n")
        #expect(metrics.count == cleanMetrics.count, "the unscored keep their rows in metrics.csv")
        for (line, cleanLine) in zip(metrics, cleanMetrics) where !["C0003", "C0007", "C0010"].contains(String(line.prefix(5))) {
            #expect(line == cleanLine)
        }
        // The table lists them last, with the short code and the sentence; every output says so.
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let listed = lines.filter { $0.hasPrefix("unscored") }
        #expect(listed.count == 3 && listed.allSatisfy { $0.hasSuffix("units-mismatch") })
        #expect(run.stdout.contains("  C0003  " + twelve))
        #expect(run.stdout.contains(", 3 unscored; 12 customers."))
        let note = "3 customers' forecasts and actuals look like different units (C0007: actuals 12× the forecast in 18 of 18 months; C0010: forecast 10× the actuals in 18 of 18 months; C0003: actuals 12× the forecast in 18 of 18 months): listed as unscored (units-mismatch), not tiered on those figures. Fix the units of one file for them to be judged."
        #expect(run.stderr == "trueup: " + note + "\n")
        #expect(run.stdout.contains("\n" + note + "\n"), "the table's footer")
        #expect(w.read("out/README.txt")?.contains(note) == true)
        #expect(w.read("out/report.html")?.contains("units-mismatch") == true)
        #expect(w.read("out/run.json")?.contains("\"unscored\": 3") == true)
        let narrow = try CLI.run(["report", "--forecasts", cases, "--actuals", a, "--no-history"], environment: ["COLUMNS": "100"])
        #expect(narrow.stdout.contains("units = units-mismatch"), "the narrow table's legend")

        // check and brief won't plan on figures in different units.
        for command in [["check", "--quantity", "100"], ["check", "--quantity", "100", "--format", "json"], ["brief"]] {
            let stopped = try CLI.run(Array(command.prefix(1)) + ["--forecasts", cases, "--actuals", a, "--customer", "C0007"] + command.dropFirst())
            #expect(stopped.status == 65, "\(command[0])")
            #expect(stopped.stdout.isEmpty)
            #expect(stopped.stderr == "trueup: Customer C0007 at lag 1: actuals are 12× the forecast in 18 of 18 months: forecast and actuals look like different units (cases of 12?). It is listed as unscored (units-mismatch): a plan or a verdict on figures in different units would be wrong by that factor. Fix the units of one file (or, for a misread decimal mark, run with --decimal-mark point|comma) and run again.\n")
        }
        let other = try CLI.run(["check", "--forecasts", cases, "--actuals", a, "--customer", "C0001", "--quantity", "100"])
        #expect(other.status == 0, "another customer is checked as before")
    }

    @Test func mostCustomersInOtherUnitsStopTheRun() throws {
        let book = try Book()
        let w = book.w
        let f = w.file("f.csv", book.forecasts())
        let a = w.file("a.csv", book.actuals(Set((1...9).map { "C000\($0)" }), by: 1000))
        let expected = """
            trueup: For 9 of 12 customers the actuals are 1000× the forecast in at least 80% of their months (within 3%): a whole file is in other units, or its decimal mark was misread, and no customer's verdict would mean anything.
            trueup:   customer "C0001": 18 of 18 months
            trueup:   customer "C0002": 18 of 18 months
            trueup:   customer "C0003": 18 of 18 months
            trueup:   customer "C0004": 18 of 18 months
            trueup:   customer "C0005": 18 of 18 months
            trueup:   ... and 4 more
            trueup: If a decimal mark was misread, run with --decimal-mark point|comma (or --forecasts-decimal-mark, --actuals-decimal-mark for one file); otherwise put both files in the same units and run again.

            """
        for command in [["report", "--no-history"], ["check", "--customer", "C0011", "--quantity", "5"]] {
            let run = try CLI.run(Array(command.prefix(1)) + ["--forecasts", f, "--actuals", a] + command.dropFirst())
            #expect(run.status == 65)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == expected)
        }
        // Half of the customers is not most: those six are unscored, the run goes on.
        let half = w.file("half.csv", book.actuals(Set((1...6).map { "C000\($0)" }), by: 1000))
        let run = try CLI.run(["report", "--forecasts", f, "--actuals", half, "--no-history"])
        #expect(run.status == 0)
        #expect(run.stdout.contains(", 6 unscored; 12 customers."))
    }

    @Test func aSemicolonExportWithPointDecimalsReadAsThousandsStopsUntilTheMarkIsSet() throws {
        let book = try Book()
        let w = book.w
        // Quantities in tenths, all under 1000; SAP writes three decimals after a point: "107.800", read by the comma as 107800.
        let everyone = Set((1...12).map { String(format: "C%04d", $0) })
        let f = w.file("f.csv", book.forecasts(Dictionary(uniqueKeysWithValues: everyone.map { ($0, 0.1) })))
        let plain = w.file("plain.csv", book.actuals(everyone, by: 0.1, format: { String(format: "%.1f", $0) }))
        let sap = w.file("sap.csv", book.actuals(everyone, by: 0.1, delimiter: ";", format: { String(format: "%.3f", $0) }))
        let run = try CLI.run(["report", "--forecasts", f, "--actuals", sap, "--no-history"])
        #expect(run.status == 65)
        let first = try #require(book.actualLines.dropFirst().first?.split(separator: ",").last.flatMap { Double($0) })
        let value = String(format: "%.3f", first * 0.1)
        #expect(run.stderr.hasPrefix("trueup: For 12 of 12 customers the actuals are 1000× the forecast"))
        #expect(run.stderr.contains("trueup: The actuals' decimal mark was assumed, not read from the values: the comma, so \"\(value)\" (\(sap):2) is read as \(Int((first * 100).rounded())).\n"))
        #expect(run.stderr.contains("--decimal-mark point|comma"))
        let right = try CLI.run(["report", "--forecasts", f, "--actuals", sap, "--actuals-decimal-mark", "point", "--format", "csv"])
        let clean = try CLI.run(["report", "--forecasts", f, "--actuals", plain, "--format", "csv"])
        #expect(right.status == 0)
        #expect(right.stdout == clean.stdout, "read right: the plain file's metrics.csv")
    }
}

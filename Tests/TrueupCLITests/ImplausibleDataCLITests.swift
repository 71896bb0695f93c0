import Foundation
import Testing

/// METRICS.md "Data that can't be right", the demo data perturbed as real exports go wrong: a
/// stray future-dated row, a month missing from the export, a last month exported on the 17th,
/// the same file saved twice into a folder, a pivot's Subtotal rows.
@Suite struct ImplausibleDataCLITests {
    static let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")
    static let forecasts = demo.appendingPathComponent("forecasts.csv").path
    static let actualLines: [String] = {
        let text = (try? String(contentsOf: demo.appendingPathComponent("actuals.csv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }()

    /// The demo's actuals with `extra` rows after them, as a file.
    static func actuals(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    /// metrics.csv of the clean demo data.
    static func cleanMetrics() throws -> String {
        let clean = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", demo.appendingPathComponent("actuals.csv").path,
                                 "--format", "csv"])
        #expect(clean.status == 0)
        return clean.stdout
    }

    /// The run.json of a run with `--out`, parsed.
    static func runJSON(_ w: Workspace, _ folder: String) throws -> [String: Any] {
        let text = try #require(w.read(folder + "/run.json"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aStrayRowIsOpenAndNamedByItsLine() throws {
        let w = Workspace()
        let a = w.file("a.csv", Self.actuals(Self.actualLines + ["C0001,SKU00001,2062-01,5"]))
        let out = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--out", w.url.path + "/out", "--no-history"])
        #expect(out.status == 0)
        let notice = "2062-01 looks like a stray or mistyped date: 1 actual row against a median of 1,000 rows a month, 433 months after 2025-12, the month before it with rows. It is open, not scored; the last closed period is 2025-12. The row: \(a):24002. If 2062-01 is right, run with --as-of 2062-01 to score it."
        #expect(out.stderr == "trueup: " + notice + "\n")
        #expect(out.stdout.contains("Actual rows:   24,001 read = 24,000 used + 1 open + 0 outside window + 0 unmatched + 0 rejected\n"))
        #expect(out.stdout.contains("\n" + notice + "\n"), "the table's footer")
        #expect(w.read("out/README.txt")?.contains("Months not scored\n-----------------\n" + notice + "\n") == true)
        let run = try Self.runJSON(w, "out")
        #expect(run["last_closed_period"] as? String == "2025-12")
        let stray = try #require((run["stray_months"] as? [[String: Any]])?.first)
        #expect(stray["month"] as? String == "2062-01")
        #expect(stray["previous_month"] as? String == "2025-12")
        #expect(stray["rows_at"] as? [String] == ["\(a):24002"])
        let rows = try #require((run["rows"] as? [String: [String: Any]])?["actuals"])
        #expect(rows["open"] as? Int == 1)
        #expect(rows["adds_up"] as? Bool == true)
        let csv = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--format", "csv"])
        #expect(csv.stdout == (try Self.cleanMetrics()), "the stray row changes no figure")
        // --as-of takes the month as closed: the 36 years before it then have no actual row at all.
        let asOf = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--as-of", "2062-01"])
        #expect(asOf.status == 65)
        #expect(asOf.stderr.hasPrefix("trueup: The actuals have no row at all in 432 months, 2026-01, 2026-02,"))
    }

    @Test func aMonthWithoutActualsStopsTheRunAndAllowGapsLeavesItOut() throws {
        let w = Workspace()
        let a = w.file("a.csv", Self.actuals(Self.actualLines.filter { !$0.contains(",2025-03,") }))
        let stopped = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a])
        #expect(stopped.status == 65)
        #expect(stopped.stdout.isEmpty)
        #expect(stopped.stderr == "trueup: The actuals have no row at all in 2025-03 (a month between the first month with actuals, 2024-01, and the last closed period, 2025-12): scored, every forecast there would count against zero purchases. Was a month left out of the export? Add its rows, or run with --allow-gaps to leave it out of every figure (or --as-of to end the scored months before it).\n")
        let allowed = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--allow-gaps", "--out", w.url.path + "/out",
                                   "--no-history"])
        #expect(allowed.status == 0)
        let notice = "2025-03 has no actual row at all and is left out of every figure, like an open month (--allow-gaps)."
        #expect(allowed.stderr == "trueup: " + notice + "\n")
        #expect(allowed.stdout.contains("Forecast rows: 77,000 read = 69,000 used + 8,000 open + 0 outside window + 0 rejected\n"),
                "2025-03's 3,000 forecasts are open, beside the 5,000 after the last closed period")
        #expect(allowed.stdout.contains("\n" + notice + "\n"))
        #expect(w.read("out/README.txt")?.contains(notice) == true)
        #expect(w.read("out/report.html")?.contains(notice) == true)
        let run = try Self.runJSON(w, "out")
        #expect(run["gap_months"] as? [String] == ["2025-03"])
        #expect((run["options"] as? [String: Any])?["allow_gaps"] as? Bool == true)
        #expect(w.read("out/metrics.csv")?.contains("\nC0001,1,23,25,575,") == true, "23 scored periods: 2025-03 is not one")
        // Two gaps, named together.
        let two = w.file("two.csv", Self.actuals(Self.actualLines.filter { !$0.contains(",2025-03,") && !$0.contains(",2024-07,") }))
        let both = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", two])
        #expect(both.status == 65)
        #expect(both.stderr.hasPrefix("trueup: The actuals have no row at all in 2 months, 2024-07, 2025-03 (months between"))
    }

    /// The demo's actuals with a day on every row; the last month's days stop at `lastDay`.
    static func dated(lastDay: Int) -> [String] {
        var lines = [Self.actualLines[0]]
        for (k, line) in Self.actualLines.dropFirst().enumerated() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let days = fields[2].hasSuffix("-02") ? 28 : 30
            let day = fields[2] == "2025-12" ? 1 + k % lastDay : 1 + (k * 7) % days
            fields[2] += day < 10 ? "-0\(day)" : "-\(day)"
            lines.append(fields.joined(separator: ","))
        }
        return lines
    }

    @Test func aLastMonthExportedOnThe17thIsOpen() throws {
        let w = Workspace()
        let whole = w.file("whole.csv", Self.actuals(Self.dated(lastDay: 28)))
        let scored = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", whole, "--format", "csv"])
        #expect(CLI.withoutMatched(scored.stderr).isEmpty)
        #expect(scored.stdout == (try Self.cleanMetrics()), "days within 5 of the months before: 2025-12 is closed")
        let cut = w.file("cut.csv", Self.actuals(Self.dated(lastDay: 17)))
        let out = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", cut, "--out", w.url.path + "/out", "--no-history"])
        #expect(out.status == 0)
        let notice = "2025-12 looks exported part way: its dates end on day 17, while each of the 6 months before it runs to day 25 or later (2025-06 to day 30, 2025-07 to day 25, 2025-08 to day 26, 2025-09 to day 27, 2025-10 to day 28, 2025-11 to day 29). It is open, not scored; the last closed period is 2025-11. If 2025-12 is complete, run with --as-of 2025-12 to score it."
        #expect(out.stderr == "trueup: " + notice + "\n")
        #expect(out.stdout.contains("(last closed period 2025-11)"))
        #expect(out.stdout.contains("\n" + notice + "\n"))
        #expect(w.read("out/README.txt")?.contains(notice) == true)
        let run = try Self.runJSON(w, "out")
        let cutOff = try #require(run["cut_off_month"] as? [String: Any])
        #expect(cutOff["month"] as? String == "2025-12")
        #expect(cutOff["latest_day"] as? Int == 17)
        #expect((cutOff["earlier_months"] as? [[String: Any]])?.count == 6)
        let rows = try #require((run["rows"] as? [String: [String: Any]])?["actuals"])
        #expect(rows["open"] as? Int == 1_000)
        #expect(rows["adds_up"] as? Bool == true)
        // The same dates as a German export (DD.MM.YYYY, semicolons) are read through intake, which keeps the days too.
        let german = Self.dated(lastDay: 17).dropFirst().map { line -> String in
            let f = line.split(separator: ",").map(String.init)
            let date = f[2]
            return "\(f[0]);\(f[1]);\(date.suffix(2)).\(date.dropFirst(5).prefix(2)).\(date.prefix(4));\(f[3])"
        }
        let de = w.file("de.csv", Self.actuals(["Kunde;Material;Datum;Menge"] + german))
        let read = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", de,
                                "--columns", "customer=Kunde,item=Material,period=Datum,actual=Menge"])
        #expect(read.stderr.contains("2025-12 looks exported part way: its dates end on day 17"))
        let asOf = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", cut, "--as-of", "2025-12", "--format", "csv"])
        #expect(CLI.withoutMatched(asOf.stderr).isEmpty)
    }

    @Test func theSameFileTwiceInAFolderIsRefused() throws {
        let w = Workspace()
        try FileManager.default.createDirectory(at: w.url.appendingPathComponent("actuals"), withIntermediateDirectories: true)
        let header = Self.actualLines[0]
        let rows = Self.actualLines.dropFirst()
        w.file("actuals/actuals_2024.csv", Self.actuals([header] + rows.filter { $0.contains(",2024-") }))
        w.file("actuals/actuals_2025.csv", Self.actuals([header] + rows.filter { $0.contains(",2025-") }))
        let folder = w.url.appendingPathComponent("actuals").path
        let once = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", folder, "--format", "csv"])
        #expect(once.status == 0)
        #expect(once.stdout == (try Self.cleanMetrics()))
        w.file("actuals/actuals_2025 (1).csv", Self.actuals([header] + rows.filter { $0.contains(",2025-") }))
        let twice = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", folder])
        #expect(twice.status == 65)
        #expect(twice.stdout.isEmpty)
        #expect(twice.stderr == "trueup: \(folder)/actuals_2025 (1).csv and \(folder)/actuals_2025.csv have the same bytes (the same SHA-256): the same export saved twice, whose rows would all count twice. Remove one of them and run again.\n")
    }

    @Test func subtotalRowsAreTotalsNotData() throws {
        let w = Workspace()
        var lines = [Self.actualLines[0]]
        var added = 0
        for (k, line) in Self.actualLines.dropFirst().enumerated() {
            lines.append(line)
            guard k % 1_000 == 999 else { continue }
            let f = line.split(separator: ",").map(String.init)
            // A pivot's subtotal of the customer, a German sum of the item, a labelled grand total.
            lines += ["\(f[0]) Total,,\(f[2]),12345", "Zwischensumme,\(f[1]),\(f[2]),999", "Subtotal,,,4711"]
            added += 3
        }
        let a = w.file("a.csv", Self.actuals(lines))
        let csv = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout == (try Self.cleanMetrics()), "the totals rows change no figure")
        let out = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--out", w.url.path + "/out", "--no-history"])
        #expect(out.stdout.contains("Actual rows:   24,072 read = 24,000 used + 0 open + 0 outside window + 0 unmatched + 0 rejected + 72 totals rows\n"))
        let run = try Self.runJSON(w, "out")
        let rows = try #require((run["rows"] as? [String: [String: Any]])?["actuals"])
        #expect(rows["totals"] as? Int == added)
        #expect(rows["adds_up"] as? Bool == true)
    }
}

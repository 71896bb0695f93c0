import Foundation
import Testing

/// `report` recording into the history and `trueup history` reading it, end to end on the demo data.
///
/// Three monthly runs, each over the 6 months ending in 2025-10, 2025-11 and 2025-12, go into
/// sibling directories, so they share reports/trueup-history.sqlite. Over those windows some
/// customers' tiers change (C0010 is watch, watch, then unreliable), which the columns must show.
@Suite(.serialized) struct HistoryCommandTests {
    static let demo = ["--forecasts", CLI.packageRoot.appendingPathComponent("datasets/demo/forecasts.csv").path,
                       "--actuals", CLI.packageRoot.appendingPathComponent("datasets/demo/actuals.csv").path]
    static let months = [("2025-05", "2025-10"), ("2025-06", "2025-11"), ("2025-07", "2025-12")]

    /// A CSV file as rows of fields (the files here quote only the explanation, which is never split on).
    static func table(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map { CSV.fields(String($0)) }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    static func runMonth(_ space: Workspace, _ window: (String, String)) throws -> CLI.Outcome {
        try CLI.run(["report", "--wide"] + demo + ["--from", window.0, "--to", window.1, "--out", space.url.appendingPathComponent("reports/\(window.1)").path])
    }

    @Test func threeMonthlyRunsAreRecordedComparedAndIdempotent() throws {
        let space = Workspace()
        var outcomes: [CLI.Outcome] = []
        for window in Self.months { outcomes.append(try Self.runMonth(space, window)) }
        #expect(outcomes.map(\.status) == [0, 0, 0])
        let history = space.url.appendingPathComponent("reports/trueup-history.sqlite").path
        #expect(outcomes[0].stderr == "history: recorded 2025-10 at lag 1 in \(history) (1 run; no earlier run at lag 1)\n")
        #expect(outcomes[2].stderr == "history: recorded 2025-12 at lag 1 in \(history) (3 runs; previous 2025-11, run 2)\n")

        // `trueup history` lists the three runs, oldest first.
        let list = try CLI.run(["history", "--out", space.url.appendingPathComponent("reports/2025-12").path])
        #expect(list.status == 0, "\(list.stderr)")
        let listed = list.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(listed.map { String($0[1]) } == ["2025-10", "2025-11", "2025-12"])
        #expect(listed.allSatisfy { $0[2] == "1" }, "recorded at the report lag")
        let runsCSV = Self.table(try CLI.run(["history", "--history", history, "--format", "csv"]).stdout)
        #expect(runsCSV.map { $0["window_from"] ?? "" } == ["2025-05", "2025-06", "2025-07"])

        // Each run's tier counts are its flags.csv's.
        let flags = try Self.months.map { try #require(space.read("reports/\($0.1)/flags.csv")) }.map(Self.table)
        for (run, file) in zip(runsCSV, flags) {
            #expect(run["unreliable"] == String(file.filter { $0["tier"] == "unreliable" }.count))
            #expect(run["watch"] == String(file.filter { $0["tier"] == "watch" }.count))
        }

        // A customer's figures run by run are its lag-1 row of each run's metrics.csv, digit for digit.
        let c0012 = Self.table(try CLI.run(["history", "--history", history, "--customer", "C0010", "--format", "csv"]).stdout)
        #expect(c0012.map { $0["tier"] ?? "" } == ["watch", "watch", "unreliable"])
        for (k, window) in Self.months.enumerated() {
            let metrics = Self.table(try #require(space.read("reports/\(window.1)/metrics.csv")))
            let row = try #require(metrics.first { $0["customer"] == "C0010" && $0["lag"] == "1" })
            for column in ["wmape", "bias_pct", "fva_pts", "sign_test_p", "tracking_signal", "periods", "actual", "forecast"] {
                #expect(c0012[k][column] == row[column], "C0010 \(column) in the run for \(window.1)")
            }
            #expect(c0012[k]["as_of"] == window.1)
        }
        let shown = try CLI.run(["history", "--history", history, "--customer", "C0010"])
        #expect(shown.stdout.contains("2025-12  1    unreliable"))

        // Re-running a month replaces its run: still three runs, and the same flags.csv.
        let before = space.read("reports/2025-11/flags.csv")
        let again = try Self.runMonth(space, Self.months[1])
        #expect(again.stderr == "history: replaced 2025-11 at lag 1 in \(history) (3 runs; previous 2025-10, run 1)\n")
        #expect(space.read("reports/2025-11/flags.csv") == before)
        let after = Self.table(try CLI.run(["history", "--history", history, "--format", "csv"]).stdout)
        #expect(after.map { $0["as_of"] ?? "" } == ["2025-10", "2025-11", "2025-12"])

        // run.json says where each run was recorded, under which number, and whether it replaced one.
        func recorded(_ month: String) throws -> [String: Any] {
            let text = try #require(space.read("reports/\(month)/run.json"))
            let run = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return try #require(run["history"] as? [String: Any])
        }
        #expect(try recorded("2025-10")["path"] as? String == history)
        #expect(try recorded("2025-10")["replaced"] as? Bool == false)
        #expect(try recorded("2025-11")["replaced"] as? Bool == true)
        let numbers = try ["2025-10", "2025-11", "2025-12"].map { try recorded($0)["run"] as? Int }
        #expect(numbers.map { $0.map(String.init) ?? "" } == after.map { $0["run"] ?? "" })
    }

    @Test func flagsCSVHistoryColumnsAreTheEarlierRunsFlags() throws {
        let space = Workspace()
        for window in Self.months { #expect(try Self.runMonth(space, window).status == 0) }
        let text = try #require(space.read("reports/2025-12/flags.csv"))
        #expect(text.hasPrefix("customer,lag,tier,reasons,explanation,periods,bias_pct,wmape,fva_pts,benchmark,benchmark_fva_pts,sign_test_p,tracking_signal,"
                               + "error_share_pct,range_held,range_backtested,previous_tier,wmape_change_pts,bias_change_pts,flagged_runs,runs,new_flag\n"))
        let runs = try Self.months.map { try #require(space.read("reports/\($0.1)/flags.csv")) }.map(Self.table)
        let severity = ["trusted": 0, "insufficient-data": 1, "watch": 2, "unreliable": 3]
        let flagged: Set = ["watch", "unreliable"]
        // Every customer's history columns, recomputed from the three flags.csv files.
        for row in runs[2] {
            let name = try #require(row["customer"]), tier = try #require(row["tier"])
            let previous = try #require(runs[1].first { $0["customer"] == name })
            #expect(row["previous_tier"] == previous["tier"])
            // Each figure is written at 10 significant digits, so the change of the written values
            // is the written change to within a unit of the 10th digit of the larger of the two.
            func agrees(_ change: Double, _ now: String?, _ then: String?) -> Bool {
                let now = Double(now ?? "") ?? .nan, then = Double(then ?? "") ?? .nan
                return abs(change - (now - then)) <= 1e-9 * max(1, abs(now), abs(then))
            }
            let change = try #require(Double(row["wmape_change_pts"] ?? ""))
            #expect(agrees(change, row["wmape"], previous["wmape"]))
            let bias = try #require(Double(row["bias_change_pts"] ?? ""))
            #expect(agrees(bias, row["bias_pct"], previous["bias_pct"]))
            let threshold = max(severity[tier] ?? 0, 2)
            let count = runs.filter { run in (severity[run.first { $0["customer"] == name }?["tier"] ?? ""] ?? -1) >= threshold }.count
            #expect(row["flagged_runs"] == String(count), "\(name)")
            #expect(row["runs"] == "3")
            let expectedNew = flagged.contains(tier) && !flagged.contains(previous["tier"] ?? "")
            #expect(row["new_flag"] == (expectedNew ? "true" : "false"))
        }
        // By hand: C0010 was watch, watch, unreliable; C0006 watch, unreliable, unreliable.
        let c0012 = try #require(runs[2].first { $0["customer"] == "C0010" })
        #expect([c0012["tier"], c0012["previous_tier"], c0012["flagged_runs"], c0012["new_flag"]] == ["unreliable", "watch", "1", "false"])
        let c0006 = try #require(runs[2].first { $0["customer"] == "C0006" })
        #expect([c0006["tier"], c0006["previous_tier"], c0006["flagged_runs"]] == ["unreliable", "unreliable", "2"])
        // The first run has nothing to compare with.
        #expect(runs[0].allSatisfy { $0["previous_tier"] == "" && $0["runs"] == "1" && $0["new_flag"] == "false" })
    }

    @Test func theTableAndJSONShowTheChange() throws {
        let space = Workspace()
        for window in Self.months.dropLast() { #expect(try Self.runMonth(space, window).status == 0) }
        let table = try Self.runMonth(space, Self.months[2])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("History: the previous run, 2025-11 at lag 1, had ") == true)
        let c0012 = try #require(lines.first { $0.contains(" C0010 ") })
        #expect(c0012.contains("watch→unreliable"))
        #expect(c0012.contains("unreliable 1 of 3"))
        let json = try CLI.run(["report", "--wide"] + Self.demo + ["--from", "2025-07", "--to", "2025-12", "--format", "json",
                                                         "--history", space.url.appendingPathComponent("reports/trueup-history.sqlite").path])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let history = try #require(document["history"] as? [String: Any])
        #expect(history["previous_as_of"] as? String == "2025-11")
        let flags = try #require(document["flags"] as? [[String: Any]])
        let row = try #require(flags.first { $0["customer"] as? String == "C0010" })
        #expect(row["previous_tier"] as? String == "watch")
        #expect(row["flagged_runs"] as? Int == 1)
        #expect(row["new_flag"] as? Bool == false)
    }

    @Test func whereTheHistoryIsAndIsNot() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("reports/2025-12").path
        let history = space.url.appendingPathComponent("reports/trueup-history.sqlite").path
        // Without --out and --history nothing is recorded; with --no-history neither.
        #expect(try CLI.run(["report", "--wide"] + Self.demo).stderr.isEmpty)
        let off = try CLI.run(["report", "--wide"] + Self.demo + ["--out", out, "--no-history"])
        #expect(off.status == 0 && off.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: history))
        // Grouped by item there are no tiers to record: no file is made, and one line says so
        // when a history file was asked for by name.
        let byItem = try CLI.run(["report", "--wide"] + Self.demo + ["--out", out, "--by", "item"])
        #expect(byItem.status == 0 && byItem.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: history))
        let byItemNamed = try CLI.run(["report", "--wide"] + Self.demo + ["--out", out, "--by", "item", "--history", history])
        #expect(byItemNamed.status == 0)
        #expect(byItemNamed.stderr == "history: not recorded: tiers, and so the history, are per customer; --by item has none.\n")
        #expect(!FileManager.default.fileExists(atPath: history))
        // A file that is not a history is refused before any work, naming it.
        let notHistory = space.file("notes.sqlite", "not a database\n")
        let refused = try CLI.run(["report", "--wide"] + Self.demo + ["--history", notHistory])
        #expect(refused.status == 65)
        #expect(refused.stderr == "trueup: \(notHistory): not a trueup history: it is not an SQLite database. Name another file with --history FILE, or leave the history out with --no-history.\n")
        #expect(refused.stdout.isEmpty)
        #expect(try CLI.run(["history", "--history", notHistory]).status == 65)
        // `trueup history` without a file, and for an unknown customer.
        let missing = try CLI.run(["history", "--history", history])
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("trueup: \(history): there is no history file here."))
        #expect(try CLI.run(["report", "--wide"] + Self.demo + ["--out", out]).status == 0)
        let unknown = try CLI.run(["history", "--history", history, "--customer", "c0012"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("No customer c0012 in any recorded run"))
        #expect(unknown.stderr.contains("Similar names: C0012"))
    }

    /// Names read from the inputs go into the history: `--customer` shows the latest in its title,
    /// escaped for the terminal, and `--format csv` gains `customer_name` after `customer`.
    @Test func customerNamesAreRecordedAndShown() throws {
        let space = Workspace()
        let name = "Müller\u{1B}[31m & Söhne"
        let forecasts = space.file("f.csv", """
            customer,name,item,period,lag,forecast
            C1,\(name),x,2025-01,1,10
            C1,\(name),x,2025-02,1,12
            C2,,x,2025-01,1,5
            C2,,x,2025-02,1,6

            """)
        let actuals = space.file("a.csv", "customer,item,period,actual\nC1,x,2025-01,9\nC1,x,2025-02,13\nC2,x,2025-01,5\nC2,x,2025-02,7\n")
        let history = space.url.appendingPathComponent("h.sqlite").path
        let run = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--history", history])
        #expect(run.status == 0, "\(run.stderr)")
        let shown = try CLI.run(["history", "--history", history, "--customer", "C1"])
        #expect(shown.stdout.hasPrefix("Customer C1 (Müller\\u{1B}[31m & Söhne), run by run:\n"), "\(shown.stdout)")
        let csv = try CLI.run(["history", "--history", history, "--customer", "C1", "--format", "csv"]).stdout
        #expect(csv.hasPrefix("run,as_of,lag,customer,customer_name,tier,"), "\(csv)")
        // CSV cells hold no control byte: ESC is written as its escape, as on the terminal.
        #expect(Self.table(csv).first?["customer_name"] == "Müller\\u{1B}[31m & Söhne")
        // A customer never recorded with a name: no title, and no name column.
        let c2 = try CLI.run(["history", "--history", history, "--customer", "C2"])
        #expect(c2.stdout.hasPrefix("Customer C2, run by run:\n"), "\(c2.stdout)")
        let c2CSV = try CLI.run(["history", "--history", history, "--customer", "C2", "--format", "csv"]).stdout
        #expect(c2CSV.hasPrefix("run,as_of,lag,customer,tier,"), "\(c2CSV)")
    }
}

/// Splits one CSV line into fields, honouring double quotes.
enum CSV {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { fields.append(field); field = "" }
            else { field.append(c) }
        }
        fields.append(field)
        return fields
    }
}

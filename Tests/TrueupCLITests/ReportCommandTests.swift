import Foundation
import Testing

/// `trueup report` end to end: output, files, exit codes and messages.
@Suite struct ReportCommandTests {
    static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/tiny")
    static let forecasts = (try? String(contentsOf: fixtures.appendingPathComponent("forecasts.csv"), encoding: .utf8)) ?? ""
    static let actuals = (try? String(contentsOf: fixtures.appendingPathComponent("actuals.csv"), encoding: .utf8)) ?? ""
    /// metrics.csv of the tiny set; the figures are derived by hand in GoldenMetricsTests.
    static let metrics = (try? String(contentsOf: fixtures.appendingPathComponent("metrics.csv"), encoding: .utf8)) ?? ""

    @Test func csvFormatPrintsMetricsCSV() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.forecasts),
                                   "--actuals", space.file("a.csv", Self.actuals), "--format", "csv"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == Self.metrics)
        // stdout is one CSV table: the join's matched shares are the one sentence on stderr.
        #expect(outcome.stderr == "trueup: Matched: 82% of actual volume and 89% of forecast volume at lag 1 are on items both "
            + "forecast and bought (coverage.csv with --out).\n")
    }

    /// `--timings` names every step once, in the order run, aligned, with its peak memory and the total last
    /// (the tiny fixture has one lag, so no stability steps).
    @Test func timingsNameEveryStepInOrder() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.forecasts), "--actuals", space.file("a.csv", Self.actuals),
                                   "--out", space.url.appendingPathComponent("out").path, "--timings"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n").drop { $0 != "timings:" }.dropFirst()
        let names = lines.map { line in String(line.dropFirst(2)).replacingOccurrences(of: #" +[0-9.]+ s +[0-9,]+ MB peak$"#, with: "", options: .regularExpression) }
        #expect(names == ["read actuals", "read forecasts", "join", "join audit", "cells", "figures", "tiers", "hashes",
                          "history", "write", "workbook", "total"], "\(outcome.stderr)")
        #expect(Set(lines.map(\.count)).count == 1, "the seconds and the megabytes end in one column each")
        // With two lags, the forecasts by lag and the stability figures are steps of their own.
        let twoLags = try CLI.run(["report", "--wide", "--forecasts", space.file("f2.csv", AgreementCommandTests.forecasts),
                                   "--actuals", space.file("a2.csv", AgreementCommandTests.actuals), "--no-history", "--timings"])
        let stepped = twoLags.stderr.split(separator: "\n").drop { $0 != "timings:" }.dropFirst()
            .map { String($0.dropFirst(2)).replacingOccurrences(of: #" +[0-9.]+ s +[0-9,]+ MB peak$"#, with: "", options: .regularExpression) }
        #expect(stepped == ["read actuals", "read forecasts", "join", "join audit", "cells", "figures", "forecasts by lag",
                            "stability and agreements", "tiers", "hashes", "write", "total"], "\(twoLags.stderr)")
    }

    @Test func outWritesMetricsAndRunJSON() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("reports/2024-03").path
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.forecasts),
                                   "--actuals", space.file("a.csv", Self.actuals), "--out", out])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Forecast rows: 7 read = 6 used + 1 open + 0 outside window + 0 rejected"))
        #expect(outcome.stdout.contains("Actual rows:   8 read = 7 used + 0 open + 0 outside window + 1 unmatched + 0 rejected"))
        #expect(space.read("reports/2024-03/metrics.csv") == Self.metrics)
        let runJSON = try #require(space.read("reports/2024-03/run.json"))
        let run = try #require(try JSONSerialization.jsonObject(with: Data(runJSON.utf8)) as? [String: Any])
        #expect(run["last_closed_period"] as? String == "2024-03")
        let inputs = try #require(run["inputs"] as? [String: [String: Any]])
        // SHA-256 of the forecasts text above, computed independently with sha256sum.
        #expect(inputs["forecasts"]?["sha256"] as? String == "3a1bedf81b3a5ae30cc0e5bd1806f0773ad8f420a67d950701a5c315dda18941")
        #expect(inputs["forecasts"]?["bytes"] as? Int == Self.forecasts.utf8.count)
        let rows = try #require(run["rows"] as? [String: [String: Any]])
        #expect(rows["forecasts"]?["read"] as? Int == 7)
        #expect(rows["forecasts"]?["open"] as? Int == 1)
        #expect(rows["actuals"]?["unmatched"] as? Int == 1)
        #expect(rows["actuals"]?["adds_up"] as? Bool == true)
        #expect(space.read("reports/2024-03/rejects.csv") == nil)
    }

    @Test func jsonFormatHasNullForEmptyFigures() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.forecasts),
                                   "--actuals", space.file("a.csv", Self.actuals), "--format", "json", "--by", "customer,item"])
        #expect(outcome.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(document["flags"] == nil, "flags are per customer; grouped by customer and item there are none")
        let rows = try #require(document["metrics"] as? [[String: Any]])
        #expect(rows.count == 4)
        let ay = try #require(rows.first { $0["item"] as? String == "y" })
        #expect(ay["customer"] as? String == "A")
        #expect(ay["wmape"] is NSNull)
        #expect(ay["bias_pct"] is NSNull)
        #expect(ay["smape"] as? Double == 200)
    }

    @Test func missingFileIsExit66() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.url.appendingPathComponent("nope.csv").path,
                                   "--actuals", space.file("a.csv", Self.actuals)])
        #expect(outcome.status == 66)
        #expect(outcome.stderr.contains("nope.csv: can't open the file"))
        #expect(!outcome.stderr.contains("Fatal error"))
    }

    @Test func badRowsAreExit65WithFileLineAndColumn() throws {
        let space = Workspace()
        let bad = Self.forecasts + (1...12).map { "C,x,2024-0\($0 % 9 + 1),1,many\n" }.joined()
        let f = space.file("f.csv", bad)
        let outcome = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", space.file("a.csv", Self.actuals)])
        #expect(outcome.status == 65)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.first == "trueup: \(f):9: column forecast: \"many\" is not a number")
        #expect(lines.filter { $0.contains("is not a number") }.count == 10)
        #expect(outcome.stderr.contains("... and 2 more."))
        #expect(outcome.stderr.contains("12 rows can't be read"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func skipBadRowsWritesRejects() throws {
        let space = Workspace()
        let bad = Self.forecasts + "C,x,2024-02,1,\"1,5\"\nC,,2024-02,1,3\n"
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", bad), "--actuals", space.file("a.csv", Self.actuals),
                                   "--skip-bad-rows", "--max-bad-rows", "100", "--out", out])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("0 outside window + 2 rejected"))
        #expect(outcome.stdout.contains("2 rows were left out (--skip-bad-rows): 2 of "))
        let rejects = try #require(space.read("out/rejects.csv"))
        #expect(rejects.hasPrefix("file,line,column,reason,raw,kind\n"))
        #expect(rejects.contains(",9,forecast,\"\"\"1,5\"\" is not a number\",\"C,x,2024-02,1,\"\"1,5\"\"\",number\n"))
        #expect(rejects.contains(",10,item,item is empty,\"C,,2024-02,1,3\",empty_name\n"))
        let run = try #require(space.read("out/run.json"))
        #expect(run.contains("\"rejected\": 2"))
    }

    @Test func missingColumnNamesItAndSuggestsColumns() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", "client,sku,month,amount\nA,x,2024-01,3\n"),
                                   "--actuals", space.file("a.csv", Self.actuals)])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("f.csv:1: no column for forecast"))
        #expect(outcome.stderr.contains("--columns forecast=HEADER"))
        // The header's own line, after blank lines.
        let late = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", "\n\nclient,sku,month,amount\nA,x,2024-01,3\n"),
                                "--actuals", space.file("a.csv", Self.actuals)])
        #expect(late.status == 65)
        #expect(late.stderr.contains("f.csv:3: no column for forecast"))
        let fixed = try CLI.run(["report", "--wide", "--forecasts", space.url.appendingPathComponent("f.csv").path,
                                 "--actuals", space.file("a.csv", Self.actuals), "--columns", "forecast=Amount", "--format", "csv"])
        #expect(fixed.status == 0)
    }

    @Test func emptyFileIsOneSentence() throws {
        let space = Workspace()
        let f = space.file("f.csv", "")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", space.file("a.csv", Self.actuals)])
        #expect(outcome.status == 65)
        #expect(outcome.stderr == "trueup: \(f): the file is empty; it needs a header line and data rows.\n")
    }

    @Test(arguments: [
        (["--by", "region"], "--by takes customer, item or customer,item"),
        (["--from", "2024-13"], "is not a period"),
        (["--from", "2024-03", "--to", "2024-01"], "is after --to"),
        (["--columns", "colour=Red"], "is not column=header"),
        (["--lag", "7"], "no forecasts at lag 7"),
    ])
    func usageErrorsAreExit64(arguments: [String], message: String) throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.forecasts),
                                   "--actuals", space.file("a.csv", Self.actuals)] + arguments)
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains(message))
    }

    @Test func unwritableOutIsExit73BeforeAnyWork() throws {
        let space = Workspace()
        let blocker = space.file("not-a-dir", "x")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.forecasts),
                                   "--actuals", space.file("a.csv", Self.actuals), "--out", blocker + "/out"])
        #expect(outcome.status == 73)
        #expect(outcome.stdout.isEmpty)
    }
}

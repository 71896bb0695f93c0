import Foundation
import Testing

/// What a user sees when the data lies: look-alike codes, a half-exported month, a customer at
/// another lag, rows left out.
@Suite struct DataTrapCLITests {
    static let forecasts = "customer,item,period,lag,forecast\n"
        + (1...6).map { "0100,SKU-1,2024-0\($0),1,10\nB,x,2024-0\($0),3,10\n" }.joined()
    static let actuals = "customer,item,period,actual\n" + (1...6).map { "100,sku-1,2024-0\($0),9\nB,x,2024-0\($0),10\n" }.joined()

    @Test func lookAlikesStopWithExit65NamingThemAndTheOption() throws {
        let w = Workspace()
        let f = w.file("f.csv", Self.forecasts), a = w.file("a.csv", Self.actuals)
        let stopped = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a])
        #expect(stopped.status == 65)
        #expect(stopped.stdout.isEmpty)
        #expect(stopped.stderr == """
            trueup: The two files spell the same codes differently: 1 customer code and 1 item code in the forecasts look like a different code in the actuals.
            trueup: Joined as spelled, their forecasts would count as never bought and their purchases as never forecast.
            trueup:   customer "0100" in the forecasts, "100" in the actuals
            trueup:   item "SKU-1" in the forecasts, "sku-1" in the actuals (customer "0100")
            trueup: Run with --normalize-keys leading-zeros,case to join them, or --normalize-keys none to keep the codes as they are; --out DIR with none writes DIR/coverage.csv to see them all.

            """)
        let joined = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--normalize-keys", "leading-zeros,case", "--lag", "1",
                                  "--format", "csv"])
        #expect(joined.status == 0)
        #expect(joined.stdout.contains("\n0100,1,6,1,6,54,60,"), "six cells of 10 forecast against 9 bought")
        let partly = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--normalize-keys", "case"])
        #expect(partly.status == 65, "leading zeros still differ")
        #expect(partly.stderr.contains("--normalize-keys leading-zeros,case to join them"))
        let asSpelled = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--normalize-keys", "none", "--out", w.url.path + "/out",
                                     "--no-history", "--allow-low-coverage"])
        #expect(asSpelled.status == 0)
        #expect(asSpelled.stdout.contains("Matched: 53% of actual volume and 0% of forecast volume at lag 1"))
        #expect(w.read("out/coverage.csv")?.contains("\n0100,true,false,1,0,0,60,60,0,0,100\n") == true)
        // report.html's audit: the most forecast never bought and the most bought never forecast, with the look-alike.
        let page = try #require(w.read("out/report.html"))
        #expect(page.contains("<h2>The join audit</h2>"))
        #expect(page.contains("<h3>Most forecast never bought</h3>"))
        #expect(page.contains("<td>0100</td><td class=\"num\">60</td><td class=\"num\">60</td><td>100</td>"))
        #expect(page.contains("<td>100</td><td class=\"num\">54</td><td class=\"num\">54</td><td>0100</td>"))
        #expect(page.contains("1 customer forecast only at other lags than 1: listed as insufficient-data (no-forecast-at-lag)."))
        #expect(page.contains("<td>B</td><td><span class=\"pill tier-insufficient-data\">"), "the lag-3 customer is on the page")
        let bad = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--normalize-keys", "zeros"])
        #expect(bad.status == 64)
    }

    @Test func aHalfExportedMonthIsOpenAndEveryOutputSaysSo() throws {
        let w = Workspace()
        let forecasts = "customer,item,period,lag,forecast\n" + (1...4).map { "A,x,2024-0\($0),1,40\n" }.joined()
        let actuals = "customer,item,period,actual\n" + (1...3).map { "A,x,2024-0\($0),10\nA,x,2024-0\($0),10\nA,x,2024-0\($0),10\nA,x,2024-0\($0),10\n" }.joined() + "A,x,2024-04,3\n"
        let f = w.file("f.csv", forecasts), a = w.file("a.csv", actuals)
        let out = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--out", w.url.path + "/out", "--no-history"])
        #expect(out.status == 0)
        let notice = "2024-04 looks exported part way: 1 actual row and 3 units, against a median of 4 rows and 40 units in the 3 months before. It is open, not scored; the last closed period is 2024-03. If 2024-04 is complete, run with --as-of 2024-04 to score it."
        #expect(out.stdout.hasPrefix(notice + "\n\n"))
        #expect(out.stderr.contains("trueup: " + notice))
        #expect(out.stdout.contains("Actual rows:   13 read = 12 used + 1 open + 0 outside window + 0 unmatched + 0 rejected"))
        let run = try #require(w.read("out/run.json"))
        #expect(run.contains("\"incomplete_month\": {\n    \"month\": \"2024-04\",\n    \"rows\": 1,\n    \"volume\": 3,\n    \"median_rows\": 4,\n    \"median_volume\": 40,"))
        #expect(w.read("out/report.html")?.contains(notice) == true)
        let scored = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--as-of", "2024-04"])
        #expect(!scored.stdout.contains("looks exported part way"))
        #expect(scored.stdout.contains("(last closed period 2024-04)"))
    }

    @Test func aCustomerAtAnotherLagIsListedAndCheckSuggestsTheLag() throws {
        let w = Workspace()
        let f = w.file("f.csv", Self.forecasts), a = w.file("a.csv", Self.actuals)
        let report = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--normalize-keys", "leading-zeros,case", "--out",
                                  w.url.path + "/out", "--no-history"])
        #expect(report.stdout.contains("\ninsufficient-data  B           1        0       0         0       -        -        -                     -  no-forecast-at-lag\n"))
        #expect(report.stdout.contains("Tiers at lag 1: 1 unreliable, 1 insufficient-data; 2 customers, 1 of them with no forecast at lag 1 (no-forecast-at-lag)."))
        #expect(w.read("out/flags.csv")?.contains("\nB,1,insufficient-data,no-forecast-at-lag,") == true)
        let check = try CLI.run(["check", "--forecasts", f, "--actuals", a, "--normalize-keys", "leading-zeros,case", "--customer", "B",
                                 "--quantity", "10"])
        #expect(check.status == 64)
        #expect(check.stderr == "trueup: Customer B has no forecast at lag 1 in the window; it forecasts at lag 3. Run with --lag 3 to check those forecasts.\n")
        let atThree = try CLI.run(["check", "--forecasts", f, "--actuals", a, "--normalize-keys", "leading-zeros,case", "--customer", "B",
                                   "--quantity", "10", "--lag", "3"])
        #expect(atThree.status == 0)
    }

    @Test func rowsLeftOutAreVisibleInEveryCommand() throws {
        let w = Workspace()
        let forecasts = "customer,item,period,lag,forecast\n" + (1...6).map { "A,x,2024-0\($0),1,10\n" }.joined() + "A,x,2024-07,1,lots\n"
        let actuals = "customer,item,period,actual\n" + (1...6).map { "A,x,2024-0\($0),10\n" }.joined()
        let f = w.file("f.csv", forecasts), a = w.file("a.csv", actuals)
        let line = "1 row was left out (--skip-bad-rows): 1 of \(f)."
        let problem = "  \(f):8: column forecast: \"lots\" is not a number"
        let report = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--skip-bad-rows", "--max-bad-rows", "100"])
        #expect(report.status == 0)
        #expect(report.stdout.contains(line + "\n" + problem + "\n"))
        #expect(!report.stdout.contains("rejects.csv"), "no rejects.csv was written")
        #expect(report.stderr.isEmpty, "the table on stdout says it; stderr doesn't repeat it")
        let csv = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--skip-bad-rows", "--max-bad-rows", "100", "--format", "csv"])
        #expect(csv.stderr.hasSuffix("trueup: " + line + "\ntrueup: " + problem + "\n"), "\(csv.stderr)")
        #expect(csv.stderr.hasPrefix("trueup: Matched: "))
        let written = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--skip-bad-rows", "--max-bad-rows", "100", "--out", w.url.path + "/out", "--no-history"])
        #expect(written.stdout.contains("  Listed in \(w.url.path)/out/rejects.csv."))
        let json = try CLI.run(["check", "--forecasts", f, "--actuals", a, "--skip-bad-rows", "--max-bad-rows", "100", "--customer", "A", "--quantity", "5",
                                "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"rows_left_out\": 1"))
        #expect(json.stderr.contains(problem))
        let brief = try CLI.run(["brief", "--forecasts", f, "--actuals", a, "--skip-bad-rows", "--max-bad-rows", "100", "--customer", "A"])
        #expect(brief.stdout.contains("> 1 input row was left out as unreadable (--skip-bad-rows); the figures are without it."))
        #expect(brief.stderr.contains(problem))
    }
}

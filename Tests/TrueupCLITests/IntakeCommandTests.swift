import Foundation
import Testing

/// What ERPs and customers really send, end to end: the same data as a SAP export, a folder of
/// customer sheets, Unicode text and a pipe must give the figures the clean long files give.
@Suite struct IntakeCommandTests {
    /// A small generated book rewritten by Tests/Intake/exotic.py.
    final class Exports {
        let space = Workspace()
        var out: URL { space.url.appendingPathComponent("out") }

        init() throws {
            let gen = space.url.appendingPathComponent("gen").path
            let generated = try CLI.run(["generate", "--customers", "6", "--items", "5", "--months", "14", "--lags", "3",
                                         "--open", "1", "--seed", "5", gen])
            #expect(generated.status == 0)
            let script = CLI.packageRoot.appendingPathComponent("Tests/Intake/exotic.py").path
            let converted = try CLI.shell("python3 '\(script)' gen out", in: space.url)
            #expect(converted.status == 0, "\(converted.stderr)")
        }

        func path(_ name: String) -> String { out.appendingPathComponent(name).path }

        func report(_ arguments: [String], stdin: String? = nil) throws -> CLI.Outcome {
            if let stdin {
                let line = (["trueup", "report"] + arguments + ["--format", "csv"]).map { "'\($0)'" }.joined(separator: " ")
                return try CLI.shell("\(line) < '\(stdin)'", in: space.url)
            }
            return try CLI.run(["report", "--wide"] + arguments + ["--format", "csv"], in: space.url)
        }
    }

    /// metrics.csv parsed: the header, then every row's key and numbers.
    static func table(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The same groups, lags and figures (numbers within 1e-9 relative, so a sum written with more
    /// decimal places is still the same figure).
    static func expectSameFigures(_ got: String, _ expected: String, _ name: String) {
        let a = table(got), b = table(expected)
        #expect(a.count == b.count, "\(name): \(a.count) rows, expected \(b.count)")
        #expect(a.first == b.first, "\(name): header")
        for (x, y) in zip(a, b) {
            #expect(x.count == y.count, "\(name): \(x) vs \(y)")
            for (u, v) in zip(x, y) where u != v {
                guard let p = Double(u), let q = Double(v) else {
                    Issue.record("\(name): \(u) is not \(v) in \(x)")
                    continue
                }
                #expect(abs(p - q) <= 1e-9 * max(1, abs(q)), "\(name): \(u) is not \(v) in \(x)")
            }
        }
        #expect(a.count > 10, "\(name): the book has figures to compare")
    }

    @Test func everyExportGivesTheCleanFigures() throws {
        let exports = try Exports()
        let clean = try exports.report(["--forecasts", exports.path("clean/forecasts.csv"), "--actuals", exports.path("clean/actuals.csv")])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("Müller & Söhne,"), "the renamed customer is in the clean figures")

        let sap = try exports.report(["--forecasts", exports.path("sap/forecasts.csv"), "--actuals", exports.path("sap/actuals.csv"),
                                      "--encoding", "windows-1252",
                                      "--columns", "customer=Kunde,item=Material,period=Monat,forecast=Prognosemenge,snapshot=Prognosedatum"])
        #expect(sap.status == 0, "\(sap.stderr)")
        Self.expectSameFigures(sap.stdout, clean.stdout, "SAP export")

        let sheets = try exports.report(["--forecasts", exports.path("sheets"), "--name-pattern", "{customer}_forecast_{snapshot}.csv",
                                         "--actuals", exports.path("us/actuals.txt")])
        #expect(sheets.status == 0, "\(sheets.stderr)")
        Self.expectSameFigures(sheets.stdout, clean.stdout, "customer sheets and Unicode text")

        let piped = try exports.report(["--forecasts", exports.path("sap/forecasts.csv"), "--encoding", "cp1252", "--actuals", "-"],
                                       stdin: exports.path("clean/actuals.csv"))
        #expect(piped.status == 0, "\(piped.stderr)")
        Self.expectSameFigures(piped.stdout, clean.stdout, "actuals through a pipe")
    }

    @Test func runJSONAccountsForEveryFileAndTotalsRow() throws {
        let exports = try Exports()
        let dir = exports.space.url.appendingPathComponent("run").path
        let outcome = try CLI.run(["report", "--wide", "--forecasts", exports.path("sheets"), "--name-pattern", "{customer}_forecast_{snapshot}.csv",
                                   "--actuals", exports.path("clean/actuals.csv"), "--out", dir, "--no-history"], in: exports.space.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent("run.json"))
        let run = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inputs = try #require(run["inputs"] as? [String: Any])
        let forecasts = try #require(inputs["forecasts"] as? [String: Any])
        let files = try #require(forecasts["files"] as? [[String: Any]])
        let names = try FileManager.default.contentsOfDirectory(atPath: exports.path("sheets")).sorted()
        #expect(files.map { ($0["path"] as? String ?? "").split(separator: "/").last.map(String.init) ?? "" } == names)
        #expect(files.allSatisfy { ($0["sha256"] as? String)?.count == 64 && $0["layout"] as? String == "wide" })
        let rows = try #require((run["rows"] as? [String: Any])?["forecasts"] as? [String: Any])
        let totals = try #require(rows["totals"] as? Int)
        #expect(totals == names.count, "one Total row per sheet")
        #expect(rows["adds_up"] as? Bool == true)
        let read = files.reduce(0) { $0 + ($1["rows_read"] as? Int ?? 0) }
        #expect(rows["read"] as? Int == read)
        #expect(files.reduce(0) { $0 + ($1["totals_rows"] as? Int ?? 0) } == totals)
    }

    static let actuals = "customer,item,period,actual\nA,x,2024-01,5\nA,x,2024-02,6\nA,y,2024-02,3\n"

    /// Every actual row left out by `--skip-bad-rows` (a Windows-1252 file of umlaut names): the stop says
    /// why, as the bad-rows stop would, and names the encoding.
    @Test func everyActualRowLeftOutNamesTheCause() throws {
        let space = Workspace()
        var latin1 = Array("customer,item,period,actual\n".utf8)
        for month in 1...6 { latin1 += [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72] + Array(",x,2024-0\(month),5\n".utf8) }
        let actuals = space.url.appendingPathComponent("a.csv").path
        FileManager.default.createFile(atPath: actuals, contents: Data(latin1))
        let forecasts = space.file("f.csv", "customer,item,period,lag,forecast\n" + (1...6).map { "Müller,x,2024-0\($0),1,5\n" }.joined())
        let run = try CLI.run(["report", "--forecasts", forecasts, "--actuals", actuals, "--no-history", "--format", "csv",
                               "--skip-bad-rows", "--max-bad-rows", "100"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("no actual rows could be read, so no period is closed and nothing can be scored. Most of them have bytes "
            + "that are not UTF-8"), "\(run.stderr)")
        #expect(run.stderr.contains("--encoding windows-1252"))
        let read = try CLI.run(["report", "--forecasts", forecasts, "--actuals", actuals, "--no-history", "--format", "csv",
                                "--encoding", "windows-1252"])
        #expect(read.status == 0, "\(read.stderr)")
    }

    /// A return written as SAP writes it (`7-`, `(7)`) far from the start and the end of a plain file,
    /// where the fast reader's sample doesn't look: the side is read through intake, as `-7`.
    @Test func aReturnOutsideTheSampleIsReadAsANegative() throws {
        let space = Workspace()
        let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")
        let forecasts = demo.appendingPathComponent("forecasts.csv").path
        let lines = try String(contentsOf: demo.appendingPathComponent("actuals.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count > 5000)
        var files = 0
        func written(_ value: String) throws -> String {
            files += 1
            var copy = lines
            var fields = copy[3000].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[3] = value
            copy[3000] = fields.joined(separator: ",")
            return space.file("a\(files).csv", copy.joined(separator: "\n") + "\n")
        }
        let arguments = ["report", "--forecasts", forecasts, "--no-history", "--format", "csv", "--actuals"]
        let minus = try CLI.run(arguments + [try written("-7")])
        #expect(minus.status == 0, "\(minus.stderr)")
        for sap in ["7-", "(7)", "\"7-\""] {
            let run = try CLI.run(arguments + [try written(sap)])
            #expect(run.status == 0, "\(sap): \(run.stderr)")
            #expect(run.stdout == minus.stdout, "\(sap) reads as -7")
        }
    }

    /// A semicolon file whose points turn out to be thousands separators is read again through
    /// intake, and the sides with it from the start: actuals through a pipe are read once and kept,
    /// so the second read sees them too (not an emptied pipe).
    @Test func aPipeIsReadOnceWhenTheSidesAreReadAgain() throws {
        let space = Workspace()
        let forecasts = space.file("forecasts.csv", "customer;item;period;lag;forecast\nA;x;2024-01;1;4.000\nA;x;2024-02;1;6.000\nA;y;2024-02;1;2.000\n")
        let actuals = space.file("actuals.csv", "customer,item,period,actual\nA,x,2024-01,5000\nA,x,2024-02,6000\nA,y,2024-02,3000\n")
        let arguments = ["report", "--wide", "--forecasts", forecasts, "--no-history", "--format", "csv", "--actuals"]
        let fromFile = try CLI.run(arguments + [actuals])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        // The points are thousands: A's forecasts add up to 12,000 against 14,000 bought.
        #expect(fromFile.stdout.split(separator: "\n")[1].hasPrefix("A,1,2,2,3,14000,12000,"))
        let line = (["trueup"] + arguments + ["-"]).map { "'\($0)'" }.joined(separator: " ")
        let piped = try CLI.shell("\(line) < '\(actuals)'", in: space.url)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == fromFile.stdout)
    }

    @Test func aDuplicateAcrossFilesNamesBothFilesAndLines() throws {
        let space = Workspace()
        try FileManager.default.createDirectory(at: space.url.appendingPathComponent("in"), withIntermediateDirectories: true)
        space.file("in/a.csv", "customer,item,period,lag,forecast\nA,x,2024-01,1,5\nA,x,2024-02,1,6\n")
        space.file("in/b.txt", "customer\titem\tperiod\tlag\tforecast\nA\ty\t2024-02\t1\t3\nA\tx\t2024-02\t1\t7\n")
        space.file("in/notes.md", "not read")
        let actuals = space.file("actuals.csv", Self.actuals)
        let outcome = try CLI.run(["report", "--wide", "--forecasts", "in", "--actuals", actuals, "--no-history"], in: space.url)
        #expect(outcome.status == 65)
        #expect(outcome.stderr == """
            trueup: in/b.txt:3: duplicate forecast for customer A, item x, period 2024-02, lag 1; in/a.csv line 3 has the same key and is kept
            trueup: 1 row can't be read. Fix it, or run with --skip-bad-rows to leave it out (it is listed in DIR/rejects.csv).

            """)
    }

    @Test func filesRepeatAndAFolderIsReadInNameOrder() throws {
        let space = Workspace()
        try FileManager.default.createDirectory(at: space.url.appendingPathComponent("in"), withIntermediateDirectories: true)
        space.file("in/2.csv", "customer,item,period,lag,forecast\nA,y,2024-02,1,2\n")
        space.file("in/1.csv", "customer,item,period,lag,forecast\nA,x,2024-02,1,6\n")
        try FileManager.default.createDirectory(at: space.url.appendingPathComponent("in/sub"), withIntermediateDirectories: true)
        space.file("in/sub/3.csv", "customer,item,period,lag,forecast\nA,z,2024-02,1,100\n")
        let extra = space.file("extra.csv", "customer,item,period,lag,forecast\nA,x,2024-01,1,4\n")
        let actuals = space.file("actuals.csv", Self.actuals)
        let dir = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide", "--forecasts", "in", "--forecasts", extra, "--actuals", actuals, "--out", dir,
                                   "--format", "csv", "--no-history"], in: space.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // Subfolders are not read: the forecast of 100 would show in the sum.
        #expect(outcome.stdout.split(separator: "\n")[1].hasPrefix("A,1,2,2,3,14,12,"))
        let run = try #require(space.read("out/run.json"))
        let one = try #require(run.range(of: "\"path\": \"in/1.csv\"")), two = try #require(run.range(of: "\"path\": \"in/2.csv\""))
        let three = try #require(run.range(of: "\"path\": \"\(extra)\""))
        #expect(one.lowerBound < two.lowerBound && two.lowerBound < three.lowerBound)
        #expect(!run.contains("sub/3.csv"))
    }

    @Test func usDatesAreSettledByTheFileOrByDateOrder() throws {
        let space = Workspace()
        let forecasts = space.file("f.csv", "customer,item,period,lag,forecast\nA,x,2024-03,1,5\nA,x,2024-04,1,6\n")
        let ambiguous = space.file("a.csv", "customer,item,date,qty\nA,x,03/04/2024,5\nA,x,04/05/2024,6\n")
        let refused = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", ambiguous, "--no-history"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("a.csv:2: 03/04/2024 could be day/month or month/day"))
        #expect(refused.stderr.contains("--date-order dmy or --date-order mdy"))
        let mdy = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", ambiguous, "--date-order", "mdy", "--format", "csv", "--no-history"])
        #expect(mdy.status == 0, "\(mdy.stderr)")
        #expect(mdy.stdout.contains("A,1,2,1,2,11,11,"), "March and April: both forecasts meet their actual")
        let dmy = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", ambiguous, "--date-order", "dmy", "--format", "csv", "--no-history"])
        #expect(dmy.status == 0, "\(dmy.stderr)")
        #expect(dmy.stdout.contains("A,1,2,1,2,5,11,"), "April and May: March is forecast and not bought, April bought 5")
        // A day above 12 anywhere settles the order for the whole file.
        let settled = space.file("s.csv", "customer,item,date,qty\nA,x,03/04/2024,5\nA,x,04/15/2024,6\n")
        let read = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", settled, "--format", "csv", "--no-history"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("A,1,2,1,2,11,11,"))
    }

    @Test func bothFilesMissingColumnsIsOneMessage() throws {
        let space = Workspace()
        let forecasts = space.file("f.csv", "Kunde,Artikel,Zeitraum,Wert\nA,x,2024-03,5\n")
        let actuals = space.file("a.csv", "Wer,Material,Monat,Anzahl\nA,x,2024-03,5\n")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--no-history"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr == """
            trueup: Neither file has the columns trueup needs:
            trueup: \(forecasts):1: no column for period, forecast. The header is: Kunde, Artikel, Zeitraum, Wert. Name the column with --columns period=HEADER,forecast=HEADER.
            trueup: \(actuals):1: no column for customer, actual. The header is: Wer, Material, Monat, Anzahl. Name the column with --columns customer=HEADER,actual=HEADER.

            """)
    }

    @Test func refusalsNameTheFile() throws {
        let space = Workspace()
        let actuals = space.file("a.csv", Self.actuals)
        try FileManager.default.createDirectory(at: space.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        space.file("empty/readme.md", "no data")
        let empty = try CLI.run(["report", "--wide", "--forecasts", "empty", "--actuals", actuals, "--no-history"], in: space.url)
        #expect(empty.status == 66)
        #expect(empty.stderr == "trueup: empty: the folder has no .csv, .tsv, .txt or .xlsx file (subfolders are not read).\n")
        space.file("old.xls", "\u{D0}\u{CF}")
        let xls = try CLI.run(["report", "--wide", "--forecasts", "old.xls", "--actuals", actuals, "--no-history"], in: space.url)
        #expect(xls.status == 65)
        #expect(xls.stderr.contains("old.xls: this is an .xls workbook"))
        #expect(xls.stderr.contains("save it as .xlsx or CSV"))
        space.file("ACME-2024-07.csv", "item,Jul-24\nx,5\n")
        let mismatch = try CLI.run(["report", "--wide", "--forecasts", "ACME-2024-07.csv", "--name-pattern", "{customer}_forecast_{snapshot}.csv",
                                    "--actuals", actuals, "--no-history"], in: space.url)
        #expect(mismatch.status == 65)
        #expect(mismatch.stderr == "trueup: ACME-2024-07.csv: the file name doesn't match --name-pattern '{customer}_forecast_{snapshot}.csv'; rename the file or change the pattern.\n")
        let twice = try CLI.run(["report", "--wide", "--forecasts", "-", "--actuals", "-", "--no-history"], in: space.url)
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("Only one of --forecasts and --actuals can be -"))
        let encoding = try CLI.run(["report", "--wide", "--forecasts", actuals, "--actuals", actuals, "--encoding", "ebcdic"], in: space.url)
        #expect(encoding.status == 64)
        #expect(encoding.stderr.contains("--encoding takes utf8, windows-1252 (or cp1252) or latin1; not 'ebcdic'."))
    }

    @Test func aBadCellOfACustomerSheetIsPlacedByFileLineAndMonthColumn() throws {
        let space = Workspace()
        space.file("ACME_forecast_2024-01.csv", """
            Item,Description,Jan-24,Feb-24,Mar-24
            x,"Widget, large","1,000",,n/a
            y,Bolt,(5),"2,105.5",7
            Total,,995,"2,105.5",7

            """)
        let actuals = space.file("a.csv", "customer,item,period,actual\nACME,x,2024-01,900\nACME,y,2024-02,2000\nACME,x,2024-03,1\n")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", "ACME_forecast_2024-01.csv", "--name-pattern", "{customer}_forecast_{snapshot}.csv",
                                   "--actuals", actuals, "--no-history"], in: space.url)
        #expect(outcome.status == 65)
        #expect(outcome.stderr.hasPrefix("trueup: ACME_forecast_2024-01.csv:2: column Mar-24: \"n/a\" is not a number\n"))
        let dir = space.url.appendingPathComponent("out").path
        let skipped = try CLI.run(["report", "--wide", "--forecasts", "ACME_forecast_2024-01.csv", "--name-pattern", "{customer}_forecast_{snapshot}.csv",
                                   "--actuals", actuals, "--skip-bad-rows", "--max-bad-rows", "100", "--out", dir, "--no-history"], in: space.url)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir).appendingPathComponent("run.json"))
        let run = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let forecasts = try #require((run["rows"] as? [String: Any])?["forecasts"] as? [String: Any])
        let rows = forecasts.filter { $0.key != "adds_up" }.compactMapValues { $0 as? Int }
        #expect(forecasts["adds_up"] as? Bool == true)
        // Five filled month cells (x in Feb-24 is empty: no forecast) and the Total row: x and y in Jan-24
        // (lag 0), y in Feb-24 (lag 1) and y in Mar-24 (lag 2) used, x in Mar-24 rejected.
        #expect(rows == ["read": 6, "used": 4, "open": 0, "outside_window": 0, "rejected": 1, "totals": 1], "\(rows)")
        #expect(skipped.stdout.contains("Forecast rows: 6 read = 4 used + 0 open + 0 outside window + 1 rejected + 1 totals rows\n"))
        let rejects = try #require(space.read("out/rejects.csv"))
        #expect(rejects.contains("ACME_forecast_2024-01.csv,2,Mar-24,"))
        #expect(rejects.contains("x,\"\"Widget, large\"\",\"\"1,000\"\",,n/a"))
    }

    @Test func aNameColumnIsCarriedIntoTheTableFlagsBriefAndPage() throws {
        let space = Workspace()
        let forecasts = space.file("f.csv", """
            customer,Name 1,item,period,lag,forecast
            C1,Müller <b>GmbH</b>,x,2024-01,1,5
            C1,Müller <b>GmbH</b>,x,2024-02,1,6
            C2,,x,2024-02,1,6

            """)
        let actuals = space.file("a.csv", "customer,item,period,actual\nC1,x,2024-01,5\nC1,x,2024-02,7\nC2,x,2024-02,7\n")
        let dir = space.url.appendingPathComponent("out").path
        let report = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--out", dir, "--no-history"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix("""
            tier               customer  name                lag  periods  actual  forecast
            """))
        #expect(report.stdout.contains("\ninsufficient-data  C1        Müller <b>GmbH</b>    1        2      12        11"))
        let flags = try #require(space.read("out/flags.csv")).split(separator: "\n")
        #expect(flags[0].hasPrefix("customer,customer_name,lag,tier,"))
        #expect(flags[1].hasPrefix("C1,Müller <b>GmbH</b>,1,"))
        #expect(flags[2].hasPrefix("C2,,1,"))
        // metrics.csv names the customers too, in a last column; a customer without a name has it empty.
        let metrics = try #require(space.read("out/metrics.csv")).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(metrics[0].hasSuffix(",benchmark_fva_pts,customer_name"))
        #expect(metrics[1].hasPrefix("C1,1,") && metrics[1].hasSuffix(",Müller <b>GmbH</b>"))
        #expect(metrics[2].hasPrefix("C2,1,") && metrics[2].hasSuffix(","))
        let json = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--format", "json", "--no-history"])
        #expect(json.stdout.contains("\"customer_name\": \"Müller <b>GmbH</b>\""))
        let page = try #require(space.read("out/report.html"))
        #expect(page.contains("C1 · Müller &lt;b&gt;GmbH&lt;/b&gt;"))
        #expect(!page.contains("<b>GmbH"))
        #expect(try #require(space.read("out/README.txt")).contains("customer_name"))
        let brief = try CLI.run(["brief", "--forecasts", forecasts, "--actuals", actuals, "--customer", "C1"])
        #expect(brief.status == 0, "\(brief.stderr)")
        #expect(brief.stdout.hasPrefix("# Forecast accuracy: C1, Müller &lt;b&gt;GmbH&lt;"))
        #expect(!brief.stdout.contains("<b>"))
    }
}

import Foundation
import Testing

/// Headers and forms as exports write them (issue 25, item 10), each on a generated book perturbed:
/// read right (the clean book's metrics.csv) or refused with exit 65 naming the option that
/// resolves it. A title line above the header is found by itself and said; a header further down
/// takes `--header-row`; an older header above the real one is named as the bad rows' cause;
/// quarter columns between a sheet's months are ignored; a folder of sheets without
/// `--name-pattern` is told to use it; `Qty Shipped`, `Preis`, `20250131` and `31-Jan-2025` are read.
@Suite struct HeaderRowCLITests {
    struct Book {
        let w = Workspace()
        let forecasts: String
        let actualLines: [String]
        let clean: String

        init() throws {
            let made = try CLI.run(["generate", "--customers", "6", "--items", "5", "--months", "14", "--lags", "2", "--seed", "8",
                                    w.url.path + "/gen"])
            #expect(made.status == 0)
            forecasts = w.url.path + "/gen/forecasts.csv"
            actualLines = try #require(w.read("gen/actuals.csv")).split(separator: "\n").map(String.init)
            let run = try CLI.run(["report", "--forecasts", forecasts, "--actuals", w.url.path + "/gen/actuals.csv", "--format", "csv"])
            #expect(run.status == 0)
            clean = run.stdout
        }

        /// The actuals' rows (no header) with each period rewritten by `period` (its line's index, the `YYYY-MM` text).
        func rows(delimiter: String = ",", period: (Int, String) -> String = { $1 }) -> [String] {
            actualLines.dropFirst().enumerated().map { k, line in
                var f = line.split(separator: ",").map(String.init)
                f[2] = period(k, f[2])
                return f.joined(separator: delimiter)
            }
        }

        func report(_ arguments: [String]) throws -> CLI.Outcome {
            try CLI.run(["report"] + arguments + ["--format", "csv", "--no-history"])
        }
    }

    @Test func aTitleAboveTheHeaderIsFoundAndSaid() throws {
        let book = try Book()
        let f = book.w.file("f.csv", "Sales forecast export 2025\n" + (try #require(book.w.read("gen/forecasts.csv"))))
        let a = book.w.file("a.csv", (["Report: Forecast;;;", "customer;item;period;actual"] + book.rows(delimiter: ";")).joined(separator: "\n") + "\n")
        let run = try CLI.run(["report", "--forecasts", f, "--actuals", a, "--format", "csv", "--out", book.w.url.path + "/out", "--no-history"])
        #expect(run.status == 0)
        #expect(run.stdout == book.clean, "read right")
        #expect(CLI.withoutMatched(run.stderr) == """
            trueup: \(f): line 2 is read as the header; line 1 above it ("Sales forecast export 2025") lacks the columns trueup needs and is not read, as a title. If another line is the header, run with --forecasts-header-row N.
            trueup: \(a): line 2 is read as the header; line 1 above it ("Report: Forecast") lacks the columns trueup needs and is not read, as a title. If another line is the header, run with --actuals-header-row N.

            """)
        #expect(book.w.read("out/run.json")?.contains("\"header_line\": 2") == true)
        // The same line given reads the same, and says nothing.
        let given = try book.report(["--forecasts", f, "--actuals", a, "--header-row", "2"])
        #expect(given.stdout == book.clean)
        #expect(CLI.withoutMatched(given.stderr).isEmpty)
    }

    @Test func aHeaderBelowTheFirstTenLinesTakesHeaderRow() throws {
        let book = try Book()
        let notes = ["Actuals export", "Plant: all", "Currency: none"] + (4...11).map { "Note \($0)" }
        let a = book.w.file("a.csv", (notes + ["customer,item,period,actual"] + book.rows()).joined(separator: "\n") + "\n")
        let refused = try book.report(["--forecasts", book.forecasts, "--actuals", a])
        #expect(refused.status == 65)
        #expect(refused.stderr == "trueup: \(a):1: no column for customer, item, period, actual. The header is: Actuals export. Line 1 looks like a title, not a header, and no line of the first 10 has the columns: run with --header-row N to read line N as the header (and --columns for a column whose header trueup doesn't know).\n")
        let given = try book.report(["--forecasts", book.forecasts, "--actuals", a, "--actuals-header-row", "12"])
        #expect(given.status == 0)
        #expect(given.stdout == book.clean, "read right")
        let past = try book.report(["--forecasts", book.forecasts, "--actuals", a, "--actuals-header-row", "9999"])
        #expect(past.status == 65)
        #expect(past.stderr == "trueup: \(a): --header-row 9999: line 9999 is no header: it is blank, inside a quoted field, or past the end (the file's last record starts on line \(12 + book.actualLines.count - 1)). Give the line the header is on.\n")
        let zero = try book.report(["--forecasts", book.forecasts, "--actuals", a, "--header-row", "0"])
        #expect(zero.status == 64)
        // Notes with commas read as a header of several fields, none a key column: the header-row advice, not --columns alone.
        let commas = ["Actuals export, plant 1000, user x"] + (2...11).map { "Note \($0), more" }
        let c = book.w.file("c.csv", (commas + ["customer,item,period,actual"] + book.rows()).joined(separator: "\n") + "\n")
        let noted = try book.report(["--forecasts", book.forecasts, "--actuals", c])
        #expect(noted.status == 65)
        #expect(noted.stderr.contains("If the header is further down (below notes or a title), run with --header-row N to read line N as the header"),
                "\(noted.stderr)")
        let fixed = try book.report(["--forecasts", book.forecasts, "--actuals", c, "--actuals-header-row", "12"])
        #expect(fixed.stdout == book.clean, "read right")
    }

    /// A lag column whose header cell is blank (a merged header above it): every forecast after the first
    /// of its month repeats a key, and the advice names the unread column, never `--skip-bad-rows`.
    @Test func aLagColumnWithABlankHeaderIsNamedAsTheCauseOfTheRepeatedRows() throws {
        let w = Workspace()
        let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")
        let text = try String(contentsOf: demo.appendingPathComponent("forecasts.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "customer,item,period,lag,forecast")
        lines = lines.map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return [f[0], f[1], f[2], f[4], f[0] == "customer" ? "" : f[3]].joined(separator: ",")
        }
        let blank = w.file("f.csv", lines.joined(separator: "\n") + "\n")
        let run = try CLI.run(["report", "--forecasts", blank, "--actuals", demo.appendingPathComponent("actuals.csv").path,
                               "--no-history", "--format", "csv"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("Most of them repeat the customer, item and period of a forecast above them, and the forecasts have no lag "
            + "or snapshot column read"), "\(run.stderr)")
        #expect(!run.stderr.contains("--skip-bad-rows to leave"))
        // As the advice says: the cell named, and the name given to --columns, the file reads as the demo's.
        lines[0] += "Horizon"
        let named = w.file("g.csv", lines.joined(separator: "\n") + "\n")
        let fixed = try CLI.run(["report", "--forecasts", named, "--actuals", demo.appendingPathComponent("actuals.csv").path,
                                 "--no-history", "--format", "csv", "--columns", "lag=Horizon"])
        let plain = try CLI.run(["report", "--forecasts", demo.appendingPathComponent("forecasts.csv").path,
                                 "--actuals", demo.appendingPathComponent("actuals.csv").path, "--no-history", "--format", "csv"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout == plain.stdout)
    }

    @Test func anOlderHeaderAboveTheRealOneIsNamedAsTheCauseOfTheBadRows() throws {
        let book = try Book()
        let a = book.w.file("a.csv", (["customer,item,period,actual", "customer,item,period,actual,unit"] + book.rows().map { $0 + ",pcs" })
            .joined(separator: "\n") + "\n")
        for extra in [[], ["--skip-bad-rows"]] {
            let refused = try book.report(["--forecasts", book.forecasts, "--actuals", a] + extra)
            #expect(refused.status == 65)
            #expect(refused.stderr.contains("run with --header-row N to read line N as the header"), "\(extra)")
            #expect(!refused.stderr.contains("run with --skip-bad-rows"))
        }
        let given = try book.report(["--forecasts", book.forecasts, "--actuals", a, "--actuals-header-row", "2"])
        #expect(given.status == 0)
        #expect(given.stdout == book.clean, "read right")
    }

    @Test func headerNamesAndDateFormsExportsWrite() throws {
        let book = try Book()
        let shipped = book.w.file("shipped.csv", (["Customer,Material,Posting Date,Qty Shipped"] + book.rows()).joined(separator: "\n") + "\n")
        #expect(try book.report(["--forecasts", book.forecasts, "--actuals", shipped]).stdout == book.clean, "Qty Shipped")
        // Every row on the 15th (no month cut off): the same figures as the months.
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let compact = book.w.file("compact.csv", (["customer,item,period,actual"] + book.rows { $1.replacingOccurrences(of: "-", with: "") + "15" })
            .joined(separator: "\n") + "\n")
        let named = book.w.file("named.csv", (["customer,item,period,actual"] + book.rows { "15-\(months[Int($1.suffix(2))! - 1])-\($1.prefix(4))" })
            .joined(separator: "\n") + "\n")
        for file in [compact, named] {
            let run = try book.report(["--forecasts", book.forecasts, "--actuals", file])
            #expect(run.status == 0)
            #expect(run.stdout == book.clean, "\(file)")
        }
        // Days vary: the month cut off by day is found as with ISO dates, by the fast reader (YYYYMMDD) and intake alike.
        // Days vary, and the last month's stop on the 10th.
        let last = book.rows().map { String($0.split(separator: ",")[2]) }.max() ?? ""
        let day = { (k: Int, month: String) in String(format: "%02d", month == last ? 1 + k % 10 : 1 + (k * 13) % 28) }
        let iso = book.w.file("iso.csv", (["customer,item,period,actual"] + book.rows { "\($1)-\(day($0, $1))" }).joined(separator: "\n") + "\n")
        let compactDays = book.w.file("compact-days.csv", (["customer,item,period,actual"]
            + book.rows { $1.replacingOccurrences(of: "-", with: "") + day($0, $1) }).joined(separator: "\n") + "\n")
        let namedDays = book.w.file("named-days.csv", (["customer,item,period,actual"]
            + book.rows { "\(day($0, $1))-\(months[Int($1.suffix(2))! - 1])-\($1.prefix(4))" }).joined(separator: "\n") + "\n")
        let expected = try book.report(["--forecasts", book.forecasts, "--actuals", iso])
        #expect(expected.stderr.contains("looks exported part way: its dates end on day"), "the perturbation cuts the last month")
        for (file, extra) in [(compactDays, [String]()), (compactDays, ["--actuals-decimal-mark", "point"]), (namedDays, [])] {
            let run = try book.report(["--forecasts", book.forecasts, "--actuals", file] + extra)
            #expect(run.stdout == expected.stdout, "\(file) \(extra)")
            #expect(run.stderr == expected.stderr.replacingOccurrences(of: iso, with: file), "\(file) \(extra)")
        }
    }

    @Test func preisNamesThePriceInAPriceList() throws {
        let book = try Book()
        let items = Set(book.actualLines.dropFirst().map { $0.split(separator: ",")[1] }).sorted()
        let prices = items.enumerated().map { "\($0.element),\($0.offset + 1).5" }
        let english = book.w.file("prices.csv", (["item,unit_price"] + prices).joined(separator: "\n") + "\n")
        let german = book.w.file("preise.csv", (["Artikel,Preis"] + prices).joined(separator: "\n") + "\n")
        let a = book.w.url.path + "/gen/actuals.csv"
        let withEnglish = try book.report(["--forecasts", book.forecasts, "--actuals", a, "--prices", english])
        let withGerman = try book.report(["--forecasts", book.forecasts, "--actuals", a, "--prices", german])
        #expect(withEnglish.status == 0)
        #expect(withGerman.stdout == withEnglish.stdout)
        #expect(withGerman.stdout.contains("priced_cells"))
    }

    @Test func quarterColumnsAmongTheMonthsAreIgnoredAndAFolderOfSheetsAsksForItsNamePattern() throws {
        let exports = try IntakeCommandTests.Exports()
        let sheets = exports.out.appendingPathComponent("sheets")
        let quarters = exports.out.appendingPathComponent("quarters")
        try FileManager.default.createDirectory(at: quarters, withIntermediateDirectories: true)
        var withQuarter = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: sheets.path) {
            // CRLF as "\r\n" is one Character: lines are split on the text with LF ends.
            let text = try String(contentsOf: sheets.appendingPathComponent(name), encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // A quarter column after each March, June, September and December: Q1-24, Q2 2024, 2024-Q3, Q4-24.
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let after = header.indices.filter { k in ["Mar", "Jun", "Sep", "Dec"].contains(where: { header[k].hasPrefix($0 + "-") }) }
            if !after.isEmpty { withQuarter += 1 }
            func quarter(_ month: String) -> String {
                let year = month.suffix(2)
                switch month.prefix(3) {
                case "Mar": return "Q1-\(year)"
                case "Jun": return "Q2 20\(year)"
                case "Sep": return "20\(year)-Q3"
                default: return "Q4-\(year)"
                }
            }
            for k in lines.indices where !lines[k].isEmpty {
                var fields = lines[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard fields.count >= header.count else { continue }   // a quoted "2,105.5" keeps the line as it is
                for at in after.reversed() { fields.insert(k == 0 ? quarter(header[at]) : "999", at: at + 1) }
                lines[k] = fields.joined(separator: ",")
            }
            try lines.joined(separator: "\n").write(to: quarters.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(withQuarter > 0, "some sheets have a quarter column")
        let actuals = exports.path("us/actuals.txt")
        let plain = try exports.report(["--forecasts", sheets.path, "--name-pattern", "{customer}_forecast_{snapshot}.csv", "--actuals", actuals])
        let withQuarters = try exports.report(["--forecasts", quarters.path, "--name-pattern", "{customer}_forecast_{snapshot}.csv", "--actuals", actuals])
        #expect(withQuarters.status == 0, "\(withQuarters.stderr)")
        #expect(withQuarters.stdout == plain.stdout, "the quarters are ignored")

        let unnamed = try exports.report(["--forecasts", sheets.path, "--actuals", actuals])
        #expect(unnamed.status == 65)
        #expect(unnamed.stderr.contains("no column for customer."))
        #expect(unnamed.stderr.contains("a customer's own sheet, whose customer is in its file name. Read {customer} from the file names with --name-pattern (e.g. '{customer}_forecast_{snapshot}.csv'), or name the column with --columns customer=HEADER if one of Item, Description holds it."))
    }
}

import Foundation
import Testing

/// Workbooks (.xlsx) as inputs, end to end: the same figures as the CSV they copy, `--sheet`,
/// error cells named by their reference, and files that are not workbooks trueup reads.
@Suite struct WorkbookInputTests {
    static let workbooks = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/xlsx")
    static let tiny = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/tiny")

    static func workbook(_ name: String) -> String { workbooks.appendingPathComponent(name).path }
    static func csv(_ name: String) -> String { tiny.appendingPathComponent(name).path }

    /// tiny-*.xlsx are tiny/*.csv written by openpyxl (make_workbooks.py), periods as date cells.
    @Test func aWorkbookCopyOfTheCSVGivesByteIdenticalMetrics() throws {
        let space = Workspace()
        let fromCSV = try CLI.run(["report", "--wide", "--forecasts", Self.csv("forecasts.csv"), "--actuals", Self.csv("actuals.csv"),
                                   "--out", space.url.appendingPathComponent("csv").path, "--no-history"])
        let fromWorkbook = try CLI.run(["report", "--wide", "--forecasts", Self.workbook("tiny-forecasts.xlsx"),
                                        "--actuals", Self.workbook("tiny-actuals.xlsx"),
                                        "--out", space.url.appendingPathComponent("xlsx").path, "--no-history"])
        #expect(fromCSV.status == 0)
        #expect(fromWorkbook.status == 0)
        #expect(fromWorkbook.stderr.isEmpty)
        let metrics = try #require(space.read("xlsx/metrics.csv"))
        #expect(metrics == space.read("csv/metrics.csv"))
        #expect(metrics == (try String(contentsOf: Self.tiny.appendingPathComponent("metrics.csv"), encoding: .utf8)))
        #expect(space.read("xlsx/flags.csv") == space.read("csv/flags.csv"))

        let runJSON = try #require(space.read("xlsx/run.json"))
        let run = try #require(try JSONSerialization.jsonObject(with: Data(runJSON.utf8)) as? [String: Any])
        let inputs = try #require(run["inputs"] as? [String: [String: Any]])
        #expect(inputs["forecasts"]?["delimiter"] as? String == "none (a workbook)")
        let size = try FileManager.default.attributesOfItem(atPath: Self.workbook("tiny-forecasts.xlsx"))[.size] as? Int
        #expect(inputs["forecasts"]?["bytes"] as? Int == size)
        let forecastFiles = try #require(inputs["forecasts"]?["files"] as? [[String: Any]])
        let actualFiles = try #require(inputs["actuals"]?["files"] as? [[String: Any]])
        #expect(forecastFiles.count == 1)
        #expect(forecastFiles.first?["sheet"] as? String == "Forecasts")
        #expect(forecastFiles.first?["layout"] as? String == "workbook")
        #expect(forecastFiles.first?["encoding"] as? String == "xlsx")
        #expect(forecastFiles.first?["bytes"] as? Int == size)
        #expect(actualFiles.first?["sheet"] as? String == "Actuals")
    }

    /// A folder's .xlsx members are read through the workbook reader like a workbook named on its
    /// own: wide-customer.xlsx is a customer's sheet (items as rows, months as date-cell headers, a
    /// line break in a description, a Total row of formulas), here beside a CSV sheet of the same
    /// layout, the customer taken from each file's name.
    @Test func aFolderReadsItsWorkbooksThroughTheSheetReader() throws {
        let space = Workspace()
        let folder = space.url.appendingPathComponent("actuals")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.workbook("wide-customer.xlsx"),
                                         toPath: folder.appendingPathComponent("ACME-customer.xlsx").path)
        space.file("actuals/BETA-customer.csv", "Item,2024-07,2024-08\n4711,10,20\n")
        let forecasts = space.file("forecasts.csv", """
            customer,item,period,forecast,lag
            ACME,4711,2024-07,2000,1
            ACME,4711,2024-08,2000,1
            ACME,4712,2024-07,500,1
            ACME,4712,2024-08,10,1
            ACME,4713,2024-07,1200,1
            ACME,4713,2024-09,1000,1
            BETA,4711,2024-07,12,1
            BETA,4711,2024-08,18,1

            """)
        let arguments = ["report", "--wide", "--forecasts", forecasts, "--actuals", folder.path, "--actuals-name-pattern", "{customer}-customer.*",
                         "--no-history"]
        let table = try CLI.run(arguments)
        #expect(table.status == 0)
        #expect(table.stderr.isEmpty)
        // 8 filled month cells of the workbook, 2 of the CSV, and the workbook's Total row.
        #expect(table.stdout.contains("Actual rows:   11 read = 10 used + 0 open + 0 outside window + 0 unmatched + 0 rejected + 1 totals rows"))
        let csv = try CLI.run(arguments + ["--format", "csv"])
        let actuals = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        // 2105 + 1980 + 500.5 + 0 + 620 + 1200 + 1150 + 1175: the Total row's 3805.5, 3130 and 1795.
        #expect(actuals.map { [$0[0], $0[5]] } == [["ACME", "8730.5"], ["BETA", "30"]])

        let out = space.url.appendingPathComponent("out").path
        #expect(try CLI.run(arguments + ["--out", out]).status == 0)
        let runJSON = try #require(space.read("out/run.json"))
        let run = try #require(try JSONSerialization.jsonObject(with: Data(runJSON.utf8)) as? [String: Any])
        let inputs = try #require(run["inputs"] as? [String: [String: Any]])
        let files = try #require(inputs["actuals"]?["files"] as? [[String: Any]])
        #expect(files.map { $0["layout"] as? String } == ["workbook", "wide"])
        #expect(files.map { $0["sheet"] as? String } == ["Forecast", nil])
        #expect(files.map { $0["totals_rows"] as? Int } == [1, 0])
    }

    @Test func errorCellsAreBadRowsNamedByTheirCell() throws {
        let path = Self.workbook("errors.xlsx")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", path, "--actuals", Self.csv("actuals.csv"), "--no-history"])
        #expect(outcome.status == 65)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == """
            trueup: \(path):9: column lag (Sheet1!E9): the cell holds the error #DIV/0!
            trueup: \(path):17: column forecast (Sheet1!D17): the cell holds the error #N/A
            trueup: 2 rows can't be read. Fix them, or run with --skip-bad-rows to leave them out (they are listed in DIR/rejects.csv).

            """)
    }

    /// bad-rows.xlsx: a sheet named "Q3 plan" (quoted in references) with a period that is not one,
    /// a quantity that is not a number and a duplicate forecast; an error cell in its unread `note`
    /// column and a stray value right of the header are no problem.
    @Test func otherBadRowsAreNamedByTheirCellOrRow() throws {
        let path = Self.workbook("bad-rows.xlsx")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", path, "--actuals", Self.csv("actuals.csv"), "--no-history"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr == """
            trueup: \(path):3: column period ('Q3 plan'!C3): "Q3" is not a period (expected a month such as 2024-01, 202401, 2024-01-15, 01.2024, 15.01.2024, 01/2024, Jan-24 or Jan 2024)
            trueup: \(path):4: column forecast ('Q3 plan'!D4): "12 units" is not a number
            trueup: \(path):7: duplicate forecast for customer B, item x, period 2024-03, lag 1; \(path) 'Q3 plan'!6:6 has the same key and is kept
            trueup: 3 rows can't be read. Fix them, or run with --skip-bad-rows to leave them out (they are listed in DIR/rejects.csv).

            """)
        let skipped = try CLI.run(["report", "--wide", "--forecasts", path, "--actuals", Self.csv("actuals.csv"), "--no-history",
                                   "--skip-bad-rows", "--max-bad-rows", "100"])
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("Forecast rows: 6 read = 3 used + 0 open + 0 outside window + 3 rejected"))
    }

    @Test func skippedErrorCellsAreListedByTheirSheetRow() throws {
        let space = Workspace()
        let path = Self.workbook("errors.xlsx")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", path, "--actuals", Self.csv("actuals.csv"), "--no-history",
                                   "--skip-bad-rows", "--max-bad-rows", "100", "--allow-low-coverage", "--out", space.url.path])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Forecast rows: 20 read = "))
        #expect(outcome.stdout.contains(" + 2 rejected"))
        #expect(space.read("rejects.csv") == """
            file,line,column,reason,raw,kind
            \(path),9,lag (Sheet1!E9),the cell holds the error #DIV/0!,"B,x3,2024-02-01,17,#DIV/0!",cell_error
            \(path),17,forecast (Sheet1!D17),the cell holds the error #N/A,"B,x7,2024-01-01,#N/A,1",cell_error

            """)
    }

    @Test func sheetChoosesTheSheetOnReportCheckAndBrief() throws {
        let book = Self.workbook("tiny-forecasts-second-sheet.xlsx")
        let report = try CLI.run(["report", "--wide", "--forecasts", book, "--sheet", "Forecasts", "--actuals", Self.csv("actuals.csv"),
                                  "--format", "csv", "--no-history"])
        #expect(report.status == 0)
        #expect(report.stdout == (try String(contentsOf: Self.tiny.appendingPathComponent("metrics.csv"), encoding: .utf8)))
        for command in [["check", "--customer", "A", "--quantity", "100"], ["brief", "--customer", "A"]] {
            let withSheet = try CLI.run(command + ["--forecasts", book, "--sheet", "Forecasts", "--actuals", Self.csv("actuals.csv")])
            let fromCSV = try CLI.run(command + ["--forecasts", Self.csv("forecasts.csv"), "--actuals", Self.csv("actuals.csv")])
            #expect(withSheet.status == fromCSV.status, "\(command[0])")
            // The same output, but for the name of the forecasts file (the brief names its inputs).
            #expect(withSheet.stdout.replacingOccurrences(of: book, with: Self.csv("forecasts.csv")) == fromCSV.stdout, "\(command[0])")
            #expect(!withSheet.stdout.isEmpty, "\(command[0])")
        }
    }

    @Test func theFirstSheetIsReadByDefault() throws {
        let book = Self.workbook("tiny-forecasts-second-sheet.xlsx")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", book, "--actuals", Self.csv("actuals.csv"), "--no-history"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.hasPrefix("trueup: \(book):1: no column for customer, item, period, forecast. "
            + "The header is: Forecast for trueup, prepared by the planning team."))
    }

    @Test func aMissingSheetListsTheSheets() throws {
        let book = Self.workbook("tiny-forecasts-second-sheet.xlsx")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", book, "--sheet", "Plan", "--actuals", Self.csv("actuals.csv"),
                                   "--no-history"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr == "trueup: \(book): can't read the workbook (no sheet named \"Plan\"; its sheets are \"Cover\", \"Forecasts\").\n")
    }

    /// An .xls is refused by its name; a file named .xlsx stored as an Excel 97-2003 file (as a
    /// password-protected workbook is) by its first bytes.
    @Test func aLegacyXlsIsRefused() throws {
        let space = Workspace()
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let xls = space.url.appendingPathComponent("forecasts.xls").path
        FileManager.default.createFile(atPath: xls, contents: Data(ole))
        let named = try CLI.run(["report", "--wide", "--forecasts", xls, "--actuals", Self.csv("actuals.csv"), "--no-history"])
        #expect(named.status == 65)
        #expect(named.stderr == "trueup: \(xls): this is an .xls workbook (the format before Excel 2007), which trueup can't read; "
            + "save it as .xlsx or CSV and run again.\n")
        let protected = space.url.appendingPathComponent("protected.xlsx").path
        FileManager.default.createFile(atPath: protected, contents: Data(ole))
        let stored = try CLI.run(["report", "--wide", "--forecasts", protected, "--actuals", Self.csv("actuals.csv"), "--no-history"])
        #expect(stored.status == 65)
        #expect(stored.stderr == "trueup: \(protected): can't read the workbook (it is stored as a legacy Excel 97-2003 workbook (.xls) "
            + "or a password-protected one; save it as .xlsx or CSV).\n")
    }

    @Test func aFileNamedXlsxThatIsNotAWorkbook() throws {
        let space = Workspace()
        let path = space.file("actuals.xlsx", "customer,item,period,actual\nA,x,2024-01,8\n")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", Self.csv("forecasts.csv"), "--actuals", path, "--no-history"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr == "trueup: \(path): can't read the workbook (it is not a zip archive).\n")
    }

    /// The sheet entry's CRC-32 changed in the zip's directory: the workbook is refused, naming the file and the part.
    @Test func aWorkbookWhoseChecksumDoesNotMatchIsRefused() throws {
        let space = Workspace()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.workbook("tiny-forecasts.xlsx"))))
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        var changed = 0
        for k in 0..<(bytes.count - 46) where bytes[k] == 0x50 && bytes[k + 1] == 0x4B && bytes[k + 2] == 0x01 && bytes[k + 3] == 0x02 {
            let length = Int(bytes[k + 28]) | Int(bytes[k + 29]) << 8
            if Array(bytes[(k + 46)..<(k + 46 + length)]) == name {
                bytes[k + 16] ^= 0xFF
                changed += 1
            }
        }
        #expect(changed == 1)
        let path = space.url.appendingPathComponent("forecasts.xlsx").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let outcome = try CLI.run(["report", "--wide", "--forecasts", path, "--actuals", Self.csv("actuals.csv"), "--no-history"])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.hasPrefix("trueup: \(path): can't read the workbook (xl/worksheets/sheet1.xml: "
            + "its bytes don't match the zip's checksum (CRC-32 "))
        #expect(outcome.stderr.contains(", the zip's directory says "))
    }

    @Test func aMissingWorkbookIsExit66() throws {
        let path = Workspace().url.appendingPathComponent("nowhere.xlsx").path
        let outcome = try CLI.run(["report", "--wide", "--forecasts", path, "--actuals", Self.csv("actuals.csv"), "--no-history"])
        #expect(outcome.status == 66)
        #expect(outcome.stderr.hasPrefix("trueup: \(path): can't open the file"))
    }
}

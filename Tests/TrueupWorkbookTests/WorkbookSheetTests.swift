import Testing
@testable import TrueupWorkbook

/// Whole sheets of the committed fixtures, compared as text.
@Suite struct WorkbookSheetTests {
    @Test func longFormatSheetWithSharedStringsAndDateCells() throws {
        let (text, map) = try sheet("tiny-forecasts.xlsx")
        #expect(text == """
            customer,item,period,lag,forecast
            A,x,2024-01-01,1,10
            A,x,2024-02-01,1,12
            A,x,2024-03-01,1,8
            A,y,2024-02-01,1,5
            A,x,2024-04-01,1,20
            B,x,2024-02-01,1,4
            B,x,2024-03-01,1,6

            """)
        #expect(map.sheet == "Forecasts")
        #expect(map.errors.isEmpty)
        #expect(map.reference(line: 3, column: 4) == "Forecasts!E3")
    }

    /// The bytes a caller has read give the same sheet as the file, and the same refusals.
    @Test func aWorkbookReadFromItsBytes() throws {
        for name in ["tiny-forecasts.xlsx", "errors.xlsx", "wide-customer.xlsx", "tiny-forecasts-second-sheet.xlsx"] {
            let path = fixture(name)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let fromBytes = try Workbook(bytes: bytes, path: path)
            let fromFile = try Workbook(path: path)
            #expect(fromBytes.sheetNames == fromFile.sheetNames, "\(name)")
            for sheet in fromFile.sheetNames {
                let a = try fromBytes.sheetText(sheet), b = try fromFile.sheetText(sheet)
                #expect(a.text == b.text, "\(name) \(sheet)")
                #expect(a.map == b.map, "\(name) \(sheet)")
                // Read in place, without a copy of the bytes.
                let c = try Workbook.withBytes(bytes, path: path) { try $0.sheetText(sheet) }
                #expect(c.text == b.text, "\(name) \(sheet)")
                #expect(c.map == b.map, "\(name) \(sheet)")
            }
        }
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        #expect(throws: WorkbookError.legacyExcel(path: "p.xlsx")) { try Workbook(bytes: ole, path: "p.xlsx") }
        #expect(throws: WorkbookError.notAWorkbook(path: "p.xlsx", reason: "the file is empty")) { try Workbook(bytes: [], path: "p.xlsx") }
        #expect(throws: WorkbookError.notAWorkbook(path: "p.xlsx", reason: "the file is empty")) {
            try Workbook.withBytes([], path: "p.xlsx") { _ in }
        }
        #expect(throws: WorkbookError.notAWorkbook(path: "p.xlsx", reason: "it is not a zip archive")) {
            try Workbook(bytes: Array("customer,item\n".utf8), path: "p.xlsx")
        }
    }

    @Test func everyKindOfValue() throws {
        let (text, map) = try sheet("values.xlsx")
        #expect(text == """
            kind,value
            integer,42
            decimal,0.1
            negative,-1234.5
            large,12345678901234570000
            tiny,0.000001
            date,2024-02-29
            datetime,2023-12-31
            not a date,45000
            boolean,TRUE
            inline,inline & rich
            formula number,84
            formula string,ab
            uncalculated,¤no cached value

            after a blank row,"comma, and ""quotes\"\"\"

            """)
        #expect(map.errors == [SheetMap.CellError(line: 14, column: 1, reference: "Values!B14", value: "no cached value")])
    }

    @Test func errorCellsKeepTheirReference() throws {
        let (text, map) = try sheet("errors.xlsx")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[8] == "B,x3,2024-02-01,17,¤#DIV/0!")
        #expect(lines[16] == "B,x7,2024-01-01,¤#N/A,1")
        #expect(map.errors.map(\.reference) == ["Sheet1!E9", "Sheet1!D17"])
        #expect(map.errors.map(\.value) == ["#DIV/0!", "#N/A"])
        #expect(map.error(line: 17, column: 3)?.reference == "Sheet1!D17")
        #expect(map.error(line: 17, column: 2) == nil)
        #expect(map.error(line: 16, column: 3) == nil)
    }

    @Test func wideCustomerSheetWithMonthHeadersAndTotals() throws {
        let (text, map) = try sheet("wide-customer.xlsx")
        #expect(text == """
            Item,Description,2024-07-01,2024-08-01,2024-09-01
            4711,"Bolt M8, zinc ""A2\""",2105,1980,
            4712,Nut M8,500.5,0,620
            4713,"Washer 8 mm
            bulk",1200,1150,1175
            Total,,3805.5,3130,1795

            """)
        // The line break in row 4 moves the Total row (sheet row 5) to line 6.
        #expect(map.row(line: 4) == 4)
        #expect(map.row(line: 6) == 5)
        #expect(map.reference(line: 6, column: 2) == "Forecast!C5")
        #expect(map.rowReference(line: 6) == "Forecast!5:5")
    }

    @Test func the1904DateSystem() throws {
        let workbook = try Workbook(path: fixture("dates-1904.xlsx"))
        #expect(workbook.uses1904DateSystem)
        let (text, _) = try sheet("dates-1904.xlsx")
        #expect(text == """
            customer,item,period,actual
            A,x,2024-01-31,1
            A,x,2024-02-01,2
            A,x,1904-01-01,3

            """)
    }

    @Test func firstSheetByDefaultAndAnotherByName() throws {
        let workbook = try Workbook(path: fixture("tiny-forecasts-second-sheet.xlsx"))
        #expect(workbook.sheetNames == ["Cover", "Forecasts"])
        #expect(try sheet("tiny-forecasts-second-sheet.xlsx").text == "\"Forecast for trueup, prepared by the planning team\"\n")
        let second = try sheet("tiny-forecasts-second-sheet.xlsx", "Forecasts")
        #expect(second.text == (try sheet("tiny-forecasts.xlsx").text))
        #expect(second.map.sheet == "Forecasts")
    }

    @Test func aMissingSheetListsTheSheets() throws {
        let path = fixture("tiny-forecasts-second-sheet.xlsx")
        let error = #expect(throws: WorkbookError.self) { try Workbook(path: path).sheetText("Plan") }
        #expect(error == .missingSheet(path: path, sheet: "Plan", sheets: ["Cover", "Forecasts"]))
        #expect(error?.description == "\(path) has no sheet named \"Plan\"; its sheets are \"Cover\", \"Forecasts\".")
    }

    @Test func writesTheSheetToAFile() throws {
        let scratch = ScratchFolder()
        let target = scratch.file("sheet.csv", [])
        let map = try Workbook(path: fixture("tiny-actuals.xlsx")).writeSheet(nil, toFile: target)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written == (try sheet("tiny-actuals.xlsx").text))
        #expect(written.hasPrefix("customer,item,period,actual\nA,x,2024-01-01,8\n"))
        #expect(map.sheet == "Actuals")
    }
}

import Foundation

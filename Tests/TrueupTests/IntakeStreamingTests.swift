import Foundation
import Testing
@testable import Trueup
import TrueupReports

/// Intake reads a source record by record as its text arrives, holding only the records whose
/// values wait for the file's date order or decimal mark. A sheet handed over in one piece, or a
/// row at a time, reads as the same text does from a file: the same figures, the same rejects.
@Suite struct IntakeStreamingTests {
    static let actuals = "customer,item,period,actual\nA,x,2024-03,10\nA,x,2024-04,20\nA,y,2024-03,5\nA,y,2024-04,6\n"

    /// Each case: a sheet's text, and what its values say.
    static let sheets: [(name: String, text: String)] = [
        // Ambiguous dates first; 15/04 (day first) settles them late.
        ("late day-first", "customer,item,period,lag,forecast\nA,x,03/04/2024,1,9\nA,y,04/03/2024,1,4\nA,y,15/04/2024,1,7\nA,x,01/03/2024,1,11\n"),
        // 1.234 is a thousand and more in a comma file only when a value like "1.234,5" says so and none shows a point.
        ("comma last", "customer,item,period,lag,forecast\nA,x,2024-03,1,1.234\nA,y,2024-03,1,\"1.234,5\"\nA,x,2024-04,1,\"2,5\"\nA,y,2024-04,1,7\n"),
        ("point later", "customer,item,period,lag,forecast\nA,x,2024-03,1,1.234\nA,y,2024-03,1,\"1.234,5\"\nA,x,2024-04,1,0.5\nA,y,2024-04,1,7\n"),
        // A value that is no number, while the mark is open: its hint follows the whole file's mark.
        ("no number", "customer,item,period,lag,forecast\nA,x,2024-03,1,lots\nA,y,2024-03,1,\"1.234,5\"\nA,x,2024-04,1,3\nA,y,2024-04,1,7\n"),
        // The fast reader's own problem, found after intake: its raw row comes back from the spilled text.
        ("duplicate", "customer,item,period,lag,forecast,note\nA,x,2024-03,1,9,first\nA,y,2024-03,1,4,\"two\nlines\"\nA,x,2024-03,1,8,again\n"),
    ]

    /// A reader that hands over `text` a record at a time (or whole), with cell references: a piece
    /// ends at a line end outside quotes, as the workbook reader's pieces end between rows.
    static func reader(_ text: String, byLine: Bool) -> WorkbookReader {
        { _, _, name, take in
            let sheet = ConvertedSheet(sheet: name ?? "Sheet1", cellReference: { line, column in "Sheet1!\(column)@\(line)" })
            if byLine {
                var piece: [UInt8] = []
                var quoted = false
                for byte in text.utf8 {
                    piece.append(byte)
                    if byte == UInt8(ascii: "\"") { quoted.toggle() }
                    if byte == 0x0A && !quoted {
                        try take(piece, sheet)
                        piece = []
                    }
                }
            } else {
                try take(Array(text.utf8), sheet)
            }
            return sheet
        }
    }

    struct Outcome: Equatable {
        var metrics: String
        var rejects: [String]
        var rejectsRaw: [String]
        var error: String?
    }

    static func run(_ forecasts: String, reader: WorkbookReader?) -> Outcome {
        let scratch = Scratch()
        var request = ReportRequest(forecasts: forecasts, actuals: scratch.file("a.csv", actuals), skipBadRows: true).allowingAllBadRows
        request.workbookReader = reader
        do {
            let result = try Report.run(request)
            return Outcome(metrics: MetricsCSV.render(result.rows, grouping: .customer),
                           rejects: result.rejects.map { "\($0.line) \($0.column ?? "-") \($0.kind)" }, rejectsRaw: result.rejects.map(\.raw))
        } catch {
            return Outcome(metrics: "", rejects: [], rejectsRaw: [], error: "\(error)")
        }
    }

    @Test(arguments: sheets.map(\.name))
    func aSheetInPiecesReadsAsItsTextDoesFromAFolder(_ name: String) throws {
        let text = try #require(Self.sheets.first { $0.name == name }).text
        let scratch = Scratch()
        let book = scratch.file("forecasts.xlsx", "the bytes of a workbook")
        let whole = Self.run(book, reader: Self.reader(text, byLine: false))
        let byLine = Self.run(book, reader: Self.reader(text, byLine: true))
        // The same text as a CSV file in a folder goes through intake too (no references there).
        let folder = URL(fileURLWithPath: scratch.path).appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("f.csv"), atomically: true, encoding: .utf8)
        let file = Self.run(folder.path, reader: nil)
        #expect(whole == byLine)
        #expect(whole.metrics == file.metrics)
        #expect(whole.rejects.count == file.rejects.count)
        #expect(whole.rejectsRaw == file.rejectsRaw)
        #expect(whole.error == nil)
        if name == "duplicate" { #expect(byLine.rejectsRaw == ["A,x,2024-03,1,8,again"]) }
    }

    /// What the held records became, pinned: the late day-first file reads 03/04 as April; the
    /// comma-last file reads 1.234 as 1234; with a point elsewhere 1.234 is 1.234 and "1.234,5" no number.
    @Test func heldRecordsReadAsTheWholeFileSays() throws {
        let scratch = Scratch()
        let book = scratch.file("forecasts.xlsx", "the bytes of a workbook")
        func forecasts(_ name: String) throws -> String {
            let text = try #require(Self.sheets.first { $0.name == name }).text
            return Self.run(book, reader: Self.reader(text, byLine: true)).metrics
        }
        // The forecast column of the one metrics row (customer A, lag 1).
        func total(_ metrics: String) -> Substring? {
            let lines = metrics.split(separator: "\n")
            guard lines.count == 2, let at = lines[0].split(separator: ",").firstIndex(of: "forecast") else { return nil }
            return lines[1].split(separator: ",", omittingEmptySubsequences: false)[at]
        }
        // 03/04 (April, 9), 04/03 (March, 4), 15/04 (April, 7), 01/03 (March, 11): all four cells.
        #expect(total(try forecasts("late day-first")) == "31")
        // 1234 + 1234.5 + 2.5 + 7.
        #expect(total(try forecasts("comma last")) == "2478")
        let point = Self.run(book, reader: Self.reader(try #require(Self.sheets.first { $0.name == "point later" }).text, byLine: true))
        #expect(point.rejects.count == 1, "\"1.234,5\" is no number when the file's mark is a point")
        let noNumber = Self.run(book, reader: Self.reader(try #require(Self.sheets.first { $0.name == "no number" }).text, byLine: true))
        #expect(noNumber.rejects.first?.contains("decimalComma: true") == true, "\(noNumber.rejects)")
    }

    /// Both orders in one file with an ambiguous date fail it, wherever the pieces fall.
    @Test func bothOrdersWithAnAmbiguousDateFailTheFile() {
        let text = "customer,item,period,lag,forecast\nA,x,03/04/2024,1,9\nA,y,15/04/2024,1,7\nA,y,04/15/2024,1,7\n"
        let scratch = Scratch()
        let book = scratch.file("forecasts.xlsx", "the bytes of a workbook")
        for byLine in [false, true] {
            let outcome = Self.run(book, reader: Self.reader(text, byLine: byLine))
            #expect(outcome.error?.contains("ambiguousDateOrder") == true, "\(outcome)")
        }
    }
}

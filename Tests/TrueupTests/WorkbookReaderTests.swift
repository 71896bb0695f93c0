import Foundation
import Testing
@testable import Trueup
import TrueupReports

/// Intake with a workbook reader standing in for the .xlsx one: what it does with a sheet's text,
/// its cell references and its error cells (fields that start with `ConvertedSheet.errorMarker`).
@Suite struct WorkbookReaderTests {
    /// A customer's sheet with months across: an error cell in a month column rejects that month's
    /// value only; one in the customer column rejects the row for the error, not as bytes that are not UTF-8.
    @Test func errorCellsOfMonthColumnsAndKeysAreRejectedForTheirError() throws {
        let scratch = Scratch()
        let book = scratch.file("actuals.xlsx", "the bytes of a workbook")
        let marker = String(decoding: [ConvertedSheet.errorMarker], as: UTF8.self)
        var text = Array("customer,item,2024-07,2024-08\nA,x,".utf8) + [ConvertedSheet.errorMarker] + Array("#N/A,20\nA,y,5,6\n".utf8)
        text += [ConvertedSheet.errorMarker] + Array("#REF!,z,1,2\n".utf8)
        let sheet = text
        #expect(marker == "\u{FFFD}")
        let errors: [Int: [Int: String]] = [2: [2: "#N/A"], 4: [0: "#REF!"]]
        let seen = BytesSeen()
        var request = ReportRequest(
            forecasts: scratch.file("f.csv", "customer,item,period,lag,forecast\nA,x,2024-07,1,9\nA,x,2024-08,1,19\nA,y,2024-07,1,5\nA,y,2024-08,1,7\n"),
            actuals: book, skipBadRows: true).allowingAllBadRows
        request.workbookReader = { path, bytes, name, take in
            seen.record(bytes)
            let converted = ConvertedSheet(sheet: name ?? "Sheet1",
                                           cellReference: { line, column in "Sheet1!\(["A", "B", "C", "D"][column])\(line)" },
                                           cellError: { line, column in errors[line]?[column].map { .cellError($0) } })
            try take(sheet, converted)
            return converted
        }
        let result = try Report.run(request)
        #expect(seen.bytes == Array("the bytes of a workbook".utf8))
        #expect(result.rejects.map(\.byte) == [nil, nil])
        #expect(result.rejects.map(RowProblemText.line) == [
            "\(book):2: column 2024-07 (Sheet1!C2): the cell holds the error #N/A",
            "\(book):4: column customer (Sheet1!A4): the cell holds the error #REF!",
        ])
        // rejects.csv's raw row shows the error without the marker.
        #expect(result.rejects.map(\.raw) == ["A,x,#N/A,20", "#REF!,z,1,2"])
        let file = try #require(result.actuals.files.first)
        #expect(file.layout == "workbook")
        #expect(file.sheet == "Sheet1")
        #expect(file.delimiter == "none (a workbook)")
        // Cells read: 20, 5 and 6 used, the #N/A cell and the #REF! row rejected.
        #expect(file.rowsRead == 5)
        #expect(file.rowsRejected == 2)
    }

    @Test func withoutAReaderAWorkbookIsRefused() {
        let scratch = Scratch()
        let book = scratch.file("actuals.xlsx", "PK")
        let request = ReportRequest(forecasts: scratch.file("f.csv", "customer,item,period,lag,forecast\nA,x,2024-07,1,9\n"), actuals: book)
        #expect(throws: ReportError.input(.workbookNotSupported(path: book))) { _ = try Report.run(request) }
    }
}

/// The bytes a reader was handed, from a `@Sendable` closure.
private final class BytesSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [UInt8] = []
    var bytes: [UInt8] { lock.withLock { seen } }
    func record(_ bytes: [UInt8]) { lock.withLock { seen = bytes } }
}

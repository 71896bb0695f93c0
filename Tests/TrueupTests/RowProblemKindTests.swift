import Foundation
import Testing
@testable import Trueup
import TrueupReports

/// A row problem is a kind with a place (file, line, byte); its sentence and its rejects.csv word come from the kind.
@Suite struct RowProblemKindTests {
    static func text(_ text: String, cut: Bool = false) -> RowProblem.FieldText { RowProblem.FieldText(text: text, isCut: cut) }
    static func month(_ year: Int, _ month: Int) -> Month { Month(year: year, month: month)! }

    /// Every kind: its word, and its sentence exactly as the messages and rejects.csv give it.
    static let kinds: [(RowProblem.Kind, String, String)] = [
        (.fieldCount(expected: 5, found: 3), "field_count", "expected 5 fields as in the header, found 3"),
        (.emptyName(.customer), "empty_name", "customer is empty"),
        (.emptyName(.item), "empty_name", "item is empty"),
        (.notUTF8(byte: 0xFF, encodings: ["latin1"]), "not_utf8",
         "byte 0xFF is not UTF-8; save the file as UTF-8 (CSV UTF-8), or name its encoding with --encoding latin1"),
        (.notUTF8(byte: 0x9, encodings: ["windows-1252", "latin1"]), "not_utf8",
         "byte 0x09 is not UTF-8; save the file as UTF-8 (CSV UTF-8), or name its encoding with --encoding windows-1252 or latin1"),
        (.period(text("Feb"), forms: .yearMonth), "period", "\"Feb\" is not a period (expected YYYY-MM, YYYYMM or YYYY-MM-DD)"),
        (.period(text(""), forms: .monthsAndDates), "period",
         "an empty value is not a period (expected a month such as 2024-01, 202401, 2024-01-15, 01.2024, 15.01.2024, 01/2024, Jan-24 or Jan 2024)"),
        (.lag(text("x")), "lag", "\"x\" is not a lag (a whole number of months from 0 to 63)"),
        (.snapshotAfterPeriod(snapshot: month(2024, 2), period: month(2024, 1)), "snapshot_after_period",
         "snapshot 2024-02 is after the period 2024-01 it forecasts"),
        (.snapshotTooEarly(snapshot: month(2018, 1), period: month(2024, 2)), "snapshot_too_early",
         "snapshot 2018-01 is more than 63 months before the period 2024-02"),
        (.number(text("lots"), decimalComma: false), "number", "\"lots\" is not a number"),
        (.number(text("1.2.3", cut: true), decimalComma: true), "number", "\"1.2.3...\" is not a number (the file's decimal mark is a comma)"),
        (.tooLarge(text("1e16")), "too_large", "\"1e16\" is too large for a quantity (at most 1e15)"),
        (.cellError("#N/A"), "cell_error", "the cell holds the error #N/A"),
        (.uncalculatedFormula, "uncalculated_formula",
         "the cell holds a formula that was never calculated; open the workbook in a spreadsheet program, save it and read it again"),
        (.duplicate(customer: "A", item: "x", period: month(2024, 1), lag: 1, firstLine: .line(2)), "duplicate",
         "duplicate forecast for customer A, item x, period 2024-01, lag 1; line 2 has the same key and is kept"),
        (.duplicate(customer: "A", item: "x", period: month(2024, 1), lag: 1, firstLine: .inSource("in/a.csv", line: 7)), "duplicate",
         "duplicate forecast for customer A, item x, period 2024-01, lag 1; in/a.csv line 7 has the same key and is kept"),
        (.duplicate(customer: "A", item: "x", period: month(2024, 1), lag: 1, firstLine: .cell("in/b.xlsx", reference: "Sheet1!3:3")),
         "duplicate", "duplicate forecast for customer A, item x, period 2024-01, lag 1; in/b.xlsx Sheet1!3:3 has the same key and is kept"),
        (.duplicate(customer: "A", item: "x", period: month(2024, 1), lag: 1, firstLine: nil), "duplicate",
         "duplicate forecast for customer A, item x, period 2024-01, lag 1; line ? has the same key and is kept"),
    ]

    @Test func everyKindHasItsWordAndSentence() {
        for (kind, word, reason) in Self.kinds {
            #expect(RowProblemText.word(kind) == word, "\(kind)")
            #expect(RowProblemText.reason(kind) == reason, "\(kind)")
        }
        let words = Set(Self.kinds.map(\.1))
        #expect(words.count == 12)
        #expect(words.allSatisfy { $0.allSatisfy { $0 == "_" || $0.isLowercase || $0.isNumber } })
    }

    /// rejects.csv's last column is the word, and README.txt's sentence about it names every word.
    @Test func rejectsCSVEndsWithTheKindsWord() throws {
        let problems = Self.kinds.enumerated().map { k, entry in
            RowProblem(file: "f.csv", line: k + 2, byte: nil, column: k % 2 == 0 ? "period" : nil, kind: entry.0, raw: "a,b")
        }
        let lines = RejectsCSV.render(problems).split(separator: "\n").map(String.init)
        #expect(lines.first == "file,line,column,reason,raw,kind")
        #expect(lines.dropFirst().map { $0.split(separator: ",").last.map(String.init) } == Self.kinds.map(\.1))
        let meaning = try #require(RejectsColumns.table.columns.last { $0.name == "kind" }?.meaning)
        for word in Set(Self.kinds.map(\.1)) { #expect(meaning.contains(word), "\(word)") }
    }

    // MARK: - Where each kind comes from

    static let actuals = "customer,item,period,actual\nA,x,2024-01,5\nA,x,2024-02,6\n"

    /// Writes `lines` (each a line of bytes) and returns the path and each line's first byte.
    static func write(_ lines: [[UInt8]], to path: String) -> [Int] {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for line in lines {
            starts.append(bytes.count)
            bytes += line + [UInt8(ascii: "\n")]
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return starts
    }

    static func line(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Bad rows after the rows intake samples (the first 256, the last 64 KB): the fast reader reads the file.
    static func readByTheReader(header: String, good: (Int) -> String, bad: [[UInt8]]) -> [[UInt8]] {
        [line(header)] + (0..<300).map { line(good($0)) } + bad + (0..<4000).map { line(good(300 + $0)) }
    }

    @Test(arguments: [1, 2])
    func theReaderNamesEachKindWithItsByte(threads: Int) throws {
        let scratch = Scratch()
        let long = String(repeating: "y", count: 70)
        let notUTF8 = Self.line("A,") + [0xFF] + Self.line(",2024-01,1,5")
        let bad = [Self.line("A,x,2024-01,1,5"), Self.line("A,x,2024-01"), Self.line(",x,2024-01,1,5"), notUTF8, Self.line("A,x,Feb,1,5"),
                   Self.line("A,x,\(long),1,5"), Self.line("A,x,2024-01,x,5"), Self.line("A,x,2024-01,1,lots"),
                   Self.line("A,x,2024-01,1,1e16"), Self.line("A,x,2024-01,1,7")]
        let forecasts = scratch.path + "/f.csv"
        let starts = Self.write(Self.readByTheReader(header: "customer,item,period,lag,forecast", good: { "B,i\($0),2024-01,1,1" }, bad: bad),
                                to: forecasts)
        var request = ReportRequest(forecasts: forecasts, actuals: scratch.file("a.csv", Self.actuals), skipBadRows: true).allowingAllBadRows
        request.allowsLowCoverage = true
        request.threads = threads
        request.readBlockSize = 16 << 10
        let rejects = try Report.run(request).rejects
        let first = 302  // the line of the first bad row
        #expect(rejects.map(\.line) == Array((first + 1)..<(first + bad.count)))
        #expect(rejects.map(\.byte) == Array(starts[first..<(first + bad.count - 1)]))
        #expect(rejects.map(\.column) == [nil, "customer", "item", "period", "period", "lag", "forecast", "forecast", nil])
        #expect(rejects.map(\.kind) == [
            .fieldCount(expected: 5, found: 3), .emptyName(.customer), .notUTF8(byte: 0xFF, encodings: ["windows-1252"]),
            .period(Self.text("Feb"), forms: .yearMonth), .period(Self.text(String(long.prefix(60)), cut: true), forms: .yearMonth),
            .lag(Self.text("x")), .number(Self.text("lots"), decimalComma: false), .tooLarge(Self.text("1e16")),
            .duplicate(customer: "A", item: "x", period: Self.month(2024, 1), lag: 1, firstLine: .line(first)),
        ])
        #expect(rejects.map { RowProblemText.word($0.kind) }
                == ["field_count", "empty_name", "not_utf8", "period", "period", "lag", "number", "too_large", "duplicate"])
        #expect(rejects.last?.raw == "A,x,2024-01,1,7")
    }

    @Test func theReaderNamesTheSnapshotsKinds() throws {
        let scratch = Scratch()
        let bad = [Self.line("A,x,2024-02,bad,5"), Self.line("A,x,2024-01,2024-02,5"), Self.line("A,x,2024-02,2018-01,5")]
        let forecasts = scratch.path + "/f.csv"
        let starts = Self.write(Self.readByTheReader(header: "customer,item,period,snapshot,forecast",
                                                     good: { "B,i\($0),2024-02,2024-01,1" }, bad: bad), to: forecasts)
        var request = ReportRequest(forecasts: forecasts, actuals: scratch.file("a.csv", Self.actuals), skipBadRows: true).allowingAllBadRows
        request.allowsLowCoverage = true
        let rejects = try Report.run(request).rejects
        #expect(rejects.map(\.line) == [302, 303, 304])
        #expect(rejects.map(\.byte) == Array(starts[301...303]))
        #expect(rejects.map(\.kind) == [
            .period(Self.text("bad"), forms: .yearMonth),
            .snapshotAfterPeriod(snapshot: Self.month(2024, 2), period: Self.month(2024, 1)),
            .snapshotTooEarly(snapshot: Self.month(2018, 1), period: Self.month(2024, 2)),
        ])
    }

    /// Through intake (a folder of sources, read in name order): each problem in its own source, at its
    /// byte there (after a byte order mark too), the reader's problems (lag, duplicates) placed back in their sources.
    @Test func intakeNamesEachKindInItsSource() throws {
        let scratch = Scratch()
        let folder = scratch.path + "/forecasts"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let one = Self.write([[0xEF, 0xBB, 0xBF] + Self.line("customer,item,period,lag,forecast"), Self.line("A,x,2024-01,1,5"),
                              Self.line("A,x,Febr,1,5")], to: folder + "/one.csv")
        let two = Self.write([Self.line("customer,item,period,lag,forecast"), Self.line("A,x,2024-01,1,6"), Self.line("A,x,2024-02"),
                              Self.line(",x,2024-02,1,5"), Self.line("A,") + [0xFF] + Self.line(",2024-02,1,5"), Self.line("A,x,2024-02,1,lots"),
                              Self.line("A,x,2024-02,x,5"), Self.line("A,x,2024-02,1,5"), Self.line("A,x,2024-02,1,5")],
                             to: folder + "/two.csv")
        let three = Self.write([Self.line("customer;item;period;snapshot;forecast"), Self.line("A;q;2024-02;2024-01;1,5"),
                                Self.line("A;q;2024-03;2024-01;zz"), Self.line("A;q;2024-01;2024-02;1"), Self.line("A;q;2024-02;2018-01;1"),
                                Self.line("A;q;2024-02;nope;1")], to: folder + "/three.csv")
        let rejects = try Report.run(ReportRequest(forecasts: folder, actuals: scratch.file("a.csv", Self.actuals), skipBadRows: true).allowingAllBadRows).rejects
        #expect(rejects.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line)" }
                == ["one.csv:3", "three.csv:3", "three.csv:4", "three.csv:5", "three.csv:6",
                    "two.csv:2", "two.csv:3", "two.csv:4", "two.csv:5", "two.csv:6", "two.csv:7", "two.csv:9"])
        #expect(rejects.map(\.byte) == [one[2], three[2], three[3], three[4], three[5], two[1], two[2], two[3], two[4], two[5], two[6], two[8]])
        #expect(rejects.map(\.kind) == [
            .period(Self.text("Febr"), forms: .monthsAndDates),
            .number(Self.text("zz"), decimalComma: true),
            .snapshotAfterPeriod(snapshot: Self.month(2024, 2), period: Self.month(2024, 1)),
            .snapshotTooEarly(snapshot: Self.month(2018, 1), period: Self.month(2024, 2)),
            .period(Self.text("nope"), forms: .monthsAndDates),
            .duplicate(customer: "A", item: "x", period: Self.month(2024, 1), lag: 1, firstLine: .inSource(folder + "/one.csv", line: 2)),
            .fieldCount(expected: 5, found: 3), .emptyName(.customer), .notUTF8(byte: 0xFF, encodings: ["windows-1252"]),
            .number(Self.text("lots"), decimalComma: false), .lag(Self.text("x")),
            .duplicate(customer: "A", item: "x", period: Self.month(2024, 2), lag: 1, firstLine: .line(8)),
        ])
    }

    /// A workbook's error cells are kinds of their own; its rows have no byte, and a duplicate names the sheet row it repeats.
    @Test func aWorkbooksCellsHaveTheirKinds() throws {
        let scratch = Scratch()
        let book = scratch.file("forecasts.xlsx", "the bytes of a workbook")
        let marker = ConvertedSheet.errorMarker
        let sheet = Array("customer,item,period,lag,forecast\nA,x,2024-01,1,5\nA,x,2024-01,1,6\nA,y,2024-01,1,".utf8) + [marker]
            + Array("#N/A\nA,z,2024-01,1,".utf8) + [marker] + Array("no cached value\n".utf8)
        var request = ReportRequest(forecasts: book, actuals: scratch.file("a.csv", Self.actuals), skipBadRows: true).allowingAllBadRows
        request.workbookReader = { _, _, name, take in
            let converted = ConvertedSheet(sheet: name ?? "Sheet1",
                                           cellReference: { line, column in column >= 0 ? "Sheet1!\(["A", "B", "C", "D", "E"][column])\(line)" : "Sheet1!\(line):\(line)" },
                                           cellError: { line, column in
                                               column != 4 ? nil : line == 4 ? .cellError("#N/A") : line == 5 ? .uncalculatedFormula : nil
                                           })
            try take(sheet, converted)
            return converted
        }
        let rejects = try Report.run(request).rejects
        #expect(rejects.map(\.line) == [3, 4, 5])
        #expect(rejects.map(\.byte) == [nil, nil, nil])
        #expect(rejects.map(\.kind) == [
            .duplicate(customer: "A", item: "x", period: Self.month(2024, 1), lag: 1, firstLine: .cell(book, reference: "Sheet1!2:2")),
            .cellError("#N/A"), .uncalculatedFormula,
        ])
        #expect(rejects.map { RowProblemText.word($0.kind) } == ["duplicate", "cell_error", "uncalculated_formula"])
    }
}

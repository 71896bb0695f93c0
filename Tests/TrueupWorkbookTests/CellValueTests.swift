import Foundation
import Testing
@testable import TrueupWorkbook
import TrueupCSV

/// How single values are written: numbers, dates, date formats, references.
@Suite struct CellValueTests {
    @Test(arguments: [
        (0.1, "0.1"), (100.0, "100"), (-1234.5, "-1234.5"), (1e16, "10000000000000000"), (1e-5, "0.00001"),
        (-0.0, "0"), (123.456, "123.456"), (0.30000000000000004, "0.30000000000000004"), (1e21, "1e+21"),
        (2.5e-16, "2.5e-16"), (12345678901234567890.0, "12345678901234567000"), (1.5e20, "150000000000000000000"),
        (0.05, "0.05"), (1e-15, "0.000000000000001"),
    ])
    func plainDecimal(value: Double, text: String) {
        #expect(CellText.plain(value) == text)
        // What is written reads back as the same number.
        #expect(Double(text) == value)
    }

    @Test(arguments: [
        ("42", "42"), ("-7", "-7"), ("0", "0"), ("1e-06", "0.000001"), ("3.0", "3"), ("007", "7"),
        ("  12 ", "12"), ("1.2345678901234567E+20", "123456789012345670000"), ("27.5", "27.5"), ("27.50", "27.5"),
        ("-0", "0"), ("-0.0", "0"), ("0.000", "0"), ("0.0012", "0.0012"), ("-3.0", "-3"), ("1.", "1"), (".5", "0.5"),
        ("+5", "5"), ("0.30000000000000004", "0.30000000000000004"), ("123456789012345.6", "123456789012345.6"),
        ("1234567890123456", "1234567890123456"), ("9007199254740993", "9007199254740992"),
    ])
    func numberCells(raw: String, text: String) {
        let written = Array(raw.utf8).withUncheckedBytes { CellText.number($0) }
        #expect(written.map { String(decoding: $0, as: UTF8.self) } == text)
        // The fast path for plain decimals gives what the Double path gives.
        #expect(Double(text) == Double(raw.trimmingCharacters(in: .whitespaces)))
        if let value = Double(text) { #expect(CellText.plain(value) == text) }
    }

    @Test func notANumber() {
        #expect(Array("12abc".utf8).withUncheckedBytes { CellText.number($0) } == nil)
        #expect(Array("".utf8).withUncheckedBytes { CellText.number($0) } == nil)
    }

    @Test(arguments: [
        (1.0, false, "1900-01-01"), (59.0, false, "1900-02-28"), (60.0, false, "1900-02-29"), (61.0, false, "1900-03-01"),
        (45292.0, false, "2024-01-01"), (45351.75, false, "2024-02-29"), (2_958_465.0, false, "9999-12-31"),
        (0.0, true, "1904-01-01"), (43830.0, true, "2024-01-01"), (366.0, true, "1905-01-01"),
    ])
    func dateSerials(serial: Double, system1904: Bool, date: String) {
        #expect(CellText.date(serial: serial, system1904: system1904) == date)
    }

    @Test func serialsOutsideTheCalendarAreNotDates() {
        #expect(CellText.date(serial: 0.5, system1904: false) == nil)
        #expect(CellText.date(serial: -1, system1904: true) == nil)
        #expect(CellText.date(serial: 2_958_466, system1904: false) == nil)
        #expect(CellText.date(serial: .nan, system1904: false) == nil)
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), ("mmm-yy", true), ("d/m/yyyy", true), ("DD.MM.YYYY", true), ("[$-409]mmmm d, yyyy", true),
        ("h:mm", true), ("#,##0", false), ("0.00", false), ("0 \"days\"", false), ("[Red]0.00;[Blue]-0.00", false),
        ("General", false), ("@", false), ("0\\d", false), ("#,##0_);(#,##0)", false), ("* #,##0", false),
    ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(DateStyles.isDateFormat(code) == isDate)
    }

    @Test func builtinDateFormats() {
        let dates = (0...200).filter(DateStyles.isBuiltinDate)
        #expect(dates == Array(14...22) + Array(45...47))
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")])
    func columnNames(index: Int, name: String) {
        #expect(SheetMap.columnName(index) == name)
        #expect(Array(name.utf8).withUncheckedBytes { SheetText.column(of: $0) } == index)
    }

    @Test func quotedSheetNames() {
        #expect(SheetMap(sheet: "Sheet1").qualifiedSheet == "Sheet1")
        #expect(SheetMap(sheet: "Q3 plan").qualifiedSheet == "'Q3 plan'")
        #expect(SheetMap(sheet: "Bob's").qualifiedSheet == "'Bob''s'")
    }

    @Test func csvFields() {
        func field(_ text: String) -> String {
            var output: [UInt8] = []
            Array(text.utf8).withUncheckedBytes { CellText.appendField($0, to: &output) }
            return String(decoding: output, as: UTF8.self)
        }
        #expect(field("plain") == "plain")
        #expect(field("a,b") == "\"a,b\"")
        #expect(field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(field("two\nlines") == "\"two\nlines\"")
        #expect(field("") == "")
    }
}

import Testing
@testable import Trueup

/// The layers intake puts in front of the fast reader: months, numbers, file names, encodings, layouts.
@Suite struct IntakeDialectTests {
    static func month(_ year: Int, _ month: Int) -> Month? { Month(year: year, month: month) }

    @Test(arguments: [
        ("2024-01", 2024, 1), ("202401", 2024, 1), ("2024-01-31", 2024, 1), ("2024-01-31 00:00:00", 2024, 1),
        ("01.2024", 2024, 1), ("15.12.2023", 2023, 12), ("1.2.2024", 2024, 2), ("01/2024", 2024, 1), ("2024/01", 2024, 1),
        ("2024/01/15", 2024, 1), ("Jan-25", 2025, 1), ("Jan 2025", 2025, 1), ("January 2025", 2025, 1), ("Jan-2025", 2025, 1),
        ("Mär 2024", 2024, 3), ("Okt-24", 2024, 10), ("Dez 2023", 2023, 12), ("  Sep-24 ", 2024, 9), ("13/01/2024", 2024, 1),
        ("01/13/2024", 2024, 1), ("05/05/2024", 2024, 5),
    ])
    func monthForms(text: String, year: Int, month: Int) {
        #expect(PeriodText.month(text, order: nil) == Self.month(year, month), "\(text)")
    }

    @Test(arguments: ["", "Total", "Item", "May", "2024", "13.2024", "32.01.2024", "31.02.2024", "Foo-24", "2024-13", "1,5"])
    func notMonths(text: String) {
        #expect(PeriodText.month(text, order: .dmy) == nil, "\(text)")
    }

    @Test func slashDatesNeedAnOrderOnlyWhenTheyDisagree() {
        #expect(PeriodText.month("03/04/2024", order: nil) == nil)
        #expect(PeriodText.month("03/04/2024", order: .dmy) == Self.month(2024, 4))
        #expect(PeriodText.month("03/04/2024", order: .mdy) == Self.month(2024, 3))
        // A day above 12 settles it; the other order can't read it.
        #expect(PeriodText.read("15/01/2024") == .onlyDayFirst(Month(year: 2024, month: 1)!))
        #expect(PeriodText.month("15/01/2024", order: .mdy) == nil)
        #expect(PeriodText.read("01/15/2024") == .onlyMonthFirst(Month(year: 2024, month: 1)!))
    }

    @Test(arguments: [
        ("1,234.5", DecimalMark.point, "1234.5"), ("1.234,5", .comma, "1234.5"), ("1 234,5", .comma, "1234.5"),
        ("1'234.5", .point, "1234.5"), ("1.132,000", .comma, "1132.000"), ("5,000-", .comma, "-5.000"), ("(123)", .point, "-123"),
        ("(1,234.50)", .point, "-1234.50"), ("-7", .point, "-7"), ("+7", .point, "7"), ("0,5", .comma, "0.5"), (",5", .comma, "0.5"),
        ("12", .comma, "12"), ("1,234,567", .point, "1234567"), ("1.5e3", .point, "1.5e3"), ("1\u{A0}234,5", .comma, "1234.5"),
    ])
    func numbers(text: String, mark: DecimalMark, plain: String) {
        #expect(ExportNumber.plain(text, mark: mark) == plain, "\(text)")
    }

    @Test(arguments: [
        ("1,23.5", DecimalMark.point), ("12,34", .point), ("1.234.5", .point), ("1,234,5", .comma), ("lots", .point),
        ("", .point), ("--5", .point), ("(5)-", .point), ("1 2345", .comma), ("5-5", .point),
    ])
    func notNumbers(text: String, mark: DecimalMark) {
        #expect(ExportNumber.plain(text, mark: mark) == nil, "\(text)")
    }

    @Test func decimalMarkEvidence() {
        #expect(ExportNumber.evidence("1.234,5") == .comma)
        #expect(ExportNumber.evidence("1,234.5") == .point)
        #expect(ExportNumber.evidence("0,25") == .comma)
        #expect(ExportNumber.evidence("0.25") == .point)
        // A single mark before three digits could be either.
        #expect(ExportNumber.evidence("1,234") == nil)
        #expect(ExportNumber.evidence("1.234") == nil)
        #expect(ExportNumber.evidence("1.132,000") == .comma)
        #expect(ExportNumber.evidence("5,000-") == nil)
    }

    @Test func namePatternTakesFieldsFromTheName() throws {
        let pattern = try NamePattern("{customer}_forecast_{snapshot}.csv")
        #expect(pattern.match("ACME_forecast_2024-07.csv") == [.customer: "ACME", .snapshot: "2024-07"])
        #expect(pattern.match("ACME_EU_forecast_Jul2024.csv") == [.customer: "ACME_EU", .snapshot: "Jul2024"])
        #expect(pattern.match("ACME_forecast_latest.csv") == nil, "the snapshot must be a month")
        #expect(pattern.match("ACME_forecast_2024-07.xlsx") == nil)
        let glob = try NamePattern("*-{customer}-{period}*.csv")
        #expect(glob.match("export-C7-2024-03 final.csv") == [.customer: "C7", .period: "2024-03"])
        #expect(throws: NamePattern.Problem.self) { try NamePattern("{client}.csv") }
        #expect(throws: NamePattern.Problem.self) { try NamePattern("plain.csv") }
        #expect(throws: NamePattern.Problem.self) { try NamePattern("{customer.csv") }
    }

    @Test func encodingsBecomeUTF8() {
        let muller: [UInt8] = Array("Müller €".utf8)
        #expect(SourceEncoding.windows1252.decode([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x20, 0x80]).text == muller)
        #expect(SourceEncoding.latin1.decode([0x4D, 0xFC]).text == Array("Mü".utf8))
        #expect(SourceEncoding.utf8.decode([0xEF, 0xBB, 0xBF, 0x41]).text == [0x41])
        #expect(SourceEncoding.utf8.decode([0xEF, 0xBB, 0xBF, 0x41]).found == .utf8WithBOM)
        #expect(SourceEncoding.utf8.decode([0xFF, 0xFE, 0x4D, 0x00, 0xFC, 0x00]).text == Array("Mü".utf8))
        #expect(SourceEncoding.utf8.decode([0xFE, 0xFF, 0x00, 0x4D, 0x00, 0xFC]).text == Array("Mü".utf8))
        #expect(SourceEncoding(name: "CP1252") == .windows1252)
        #expect(SourceEncoding(name: "Windows-1252") == .windows1252)
        #expect(SourceEncoding(name: "ISO-8859-1") == .latin1)
        #expect(SourceEncoding(name: "ebcdic") == nil)
    }

    @Test func trailingMonthColumnsMakeAWideSheet() {
        let layout = SheetLayout(header: ["Item", "Description", "Jul-24", "Aug 2024", "2024-09", "10/2024", "2024-11-01", "12.2024", "Total"],
                                 order: nil)
        #expect(layout.monthColumns.map(\.index) == [2, 3, 4, 5, 6, 7])
        #expect(layout.monthColumns.map(\.month.description) == ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"])
        #expect(layout.totalsColumn == 8)
        #expect(!SheetLayout(header: ["customer", "item", "period", "forecast"], order: nil).isWide)
    }

    @Test(arguments: ["Total", "TOTAL", "Sum", "Grand total", "Grand Total:", "Summe", "Gesamt", " total "])
    func totalsRows(cell: String) {
        #expect(TotalsRow.isTotals(cell))
    }

    @Test(arguments: ["Totalizer", "SKU-1", "", "Subtotal of"])
    func notTotalsRows(cell: String) {
        #expect(!TotalsRow.isTotals(cell))
    }
}

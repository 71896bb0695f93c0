import Testing
@testable import Trueup

/// METRICS.md "Data that can't be right": stray months, cut-off by day and gap months, worked by hand.
@Suite struct ImplausibleMonthTests {
    /// Month `m` of 2024 (13 is 2025-01).
    static func month(_ m: Int) -> Month { Month(index: 2024 * 12 + m - 1) }

    /// `rows` actual rows of A/x in each of `months` (of 2024), plus `extra` rows.
    static func actuals(_ months: [Int], rows: Int = 200, extra: String = "") -> String {
        "customer,item,period,actual\n" + months.map { m in
            String(repeating: "A,x,\(month(m)),1\n", count: rows)
        }.joined() + extra
    }

    static let forecasts = "customer,item,period,lag,forecast\n" + (1...12).map { "A,x,\(month($0)),1,100\n" }.joined()

    func run(_ actuals: String, asOf: Month? = nil, allowsGaps: Bool = false) throws -> ReportResult {
        let scratch = Scratch()
        var request = ReportRequest(forecasts: scratch.file("f.csv", Self.forecasts), actuals: scratch.file("a.csv", actuals))
        request.asOf = asOf
        request.allowsGaps = allowsGaps
        return try Report.run(request)
    }

    @Test func aLoneRowYearsLaterIsAStrayMonthAndOpen() throws {
        let result = try run(Self.actuals(Array(1...6), extra: "A,x,2062-01,5\n"))
        #expect(result.strayMonths.map(\.month) == [Month(index: 2062 * 12)])
        #expect(result.strayMonths.first?.previous == Self.month(6))
        #expect(result.strayMonths.first?.medianRows == 200)
        #expect(result.strayRows.map(\.description).first?.hasSuffix("a.csv:1202") == true)
        #expect(result.lastClosed == Self.month(6))
        #expect(result.accounting.actuals.open == 1)
        #expect(result.accounting.actuals.addsUp)
        #expect(result.gapMonths.isEmpty)
    }

    @Test func twoStrayMonthsAreBothOpen() throws {
        let result = try run(Self.actuals(Array(1...6), extra: "A,x,2030-05,5\nA,x,2062-01,5\n"))
        #expect(result.strayMonths.map(\.month.description) == ["2062-01", "2030-05"])
        #expect(result.lastClosed == Self.month(6))
        #expect(result.accounting.actuals.open == 2)
    }

    @Test func aSmallMonthRightAfterTheLastIsNotStray() throws {
        // One month later is the next month's first rows, not a stray (the incomplete-month rule judges it).
        let result = try run(Self.actuals(Array(1...6), extra: "A,x,2024-07,5\n"))
        #expect(result.strayMonths.isEmpty)
        #expect(result.incompleteMonth?.month == Self.month(7))
        #expect(result.lastClosed == Self.month(6))
    }

    @Test func aMonthWithOnePercentOfTheRowsIsNotStray() throws {
        // 1 row against a median of 100.5 rows is under 1%: stray.
        let result = try run(Self.actuals([1, 2], rows: 100) + "A,x,2024-02,1\n" + "A,x,2024-09,1\n")
        #expect(result.strayMonths.map(\.month) == [Self.month(9)])
        #expect(result.strayMonths.first?.medianRows == 100.5)
        // 1 row against a median of 100 is 1%: not under it.
        let months = ActualMonths(try panel(Self.actuals([1, 2], rows: 100) + "A,x,2024-05,1\n"), first: Self.month(1), latest: Self.month(5))
        #expect(months.strayMonths(latest: Self.month(5)).isEmpty, "1 of a median of 100 is not under 1%")
        #expect(months.gaps(through: Self.month(5)) == [Self.month(3), Self.month(4)])
    }

    @Test func asOfOverridesTheStrayRuleAndThenTheGapsStop() throws {
        #expect(throws: ReportError.gapMonths((7...20).map { Self.month($0) }, firstActual: Self.month(1), lastClosed: Self.month(21))) {
            _ = try run(Self.actuals(Array(1...6), extra: "A,x,2025-09,5\n"), asOf: Self.month(21))
        }
    }

    @Test func aGapMonthStopsTheRunAndAllowGapsLeavesItOut() throws {
        let actuals = Self.actuals([1, 2, 3, 5, 6])
        #expect(throws: ReportError.gapMonths([Self.month(4)], firstActual: Self.month(1), lastClosed: Self.month(6))) {
            _ = try run(actuals)
        }
        let result = try run(actuals, allowsGaps: true)
        #expect(result.gapMonths == [Self.month(4)])
        #expect(result.rows.first?.figures.periods == 5)
        #expect(result.rows.first?.periods.map(\.month) == [1, 2, 3, 5, 6].map { Self.month($0) })
        // April's forecast is open, like the forecasts after June.
        #expect(result.accounting.forecasts.open == 7)
        #expect(result.accounting.forecasts.addsUp)
        #expect(result.coverage?.rows.first?.forecastUnits == 500)
        // May's naive forecast would be April's actual: it has none, as before the first month. The
        // naive forecasts of February, March and June are exact.
        #expect(result.rows.first?.figures.naiveWmape == 0)
        // MASE's scale steps over January-February-March and May-June only: every step is 0, so there is no scale.
        #expect(result.rows.first?.figures.mase == nil)
    }

    @Test func aLastMonthCutOffByDayIsOpen() throws {
        func dated(_ m: Int, days: ClosedRange<Int>) -> String { days.map { "A,x,\(Self.month(m))-\($0 < 10 ? "0" : "")\($0),4\n" }.joined() }
        let before = (1...6).map { dated($0, days: 1...28) }.joined()
        // The 22nd is 6 days before the earliest latest day (28): open; the 23rd is 5 days before: closed.
        let cut = try run("customer,item,period,actual\n" + before + dated(7, days: 1...22))
        #expect(cut.cutOffMonth?.month == Self.month(7))
        #expect(cut.cutOffMonth?.latestDay == 22)
        #expect(cut.cutOffMonth?.earliestLatestDay == 28)
        #expect(cut.cutOffMonth?.earlier.count == 6)
        #expect(cut.incompleteMonth == nil, "22 of 28 days' rows and volume are more than half")
        #expect(cut.lastClosed == Self.month(6))
        #expect(cut.accounting.actuals.open == 22)
        let closed = try run("customer,item,period,actual\n" + before + dated(7, days: 1...23))
        #expect(closed.cutOffMonth == nil)
        #expect(closed.lastClosed == Self.month(7))
        // Months without days can't be compared: fewer than 3 dated months before it.
        let undated = try run(Self.actuals([1, 2, 3, 4]) + dated(5, days: 1...28) + dated(6, days: 1...28) + dated(7, days: 1...5))
        #expect(undated.cutOffMonth == nil)
    }

    @Test func daysAreReadFromEveryDatedForm() {
        var dated = "2024-05-17"
        #expect(dated.withUncheckedBytes { Month.day($0) } == 17)
        var month = "2024-05"
        #expect(month.withUncheckedBytes { Month.day($0) } == 0)
        #expect(PeriodText.day("17.05.2024", order: nil) == 17)
        #expect(PeriodText.day("2024/05/17", order: nil) == 17)
        #expect(PeriodText.day("05/17/2024", order: nil) == 17)
        #expect(PeriodText.day("05/06/2024", order: .dmy) == 5)
        #expect(PeriodText.day("05/06/2024", order: .mdy) == 6)
        #expect(PeriodText.day("05/06/2024", order: nil) == 0)
        #expect(PeriodText.day("2024-05-17 13:45", order: nil) == 17)
        #expect(PeriodText.day("Mai 2024", order: nil) == 0)
    }

    @Test func everyTotalsCodeIsAskedInFullAndMostCodesAreNot() {
        let totals = ["Total", " TOTAL:", "Grand total.", "Summe", "gesamt", "Insgesamt", "ERGEBNIS", "Totals", "sum", "Subtotal",
                      "Sub-Total", "1 Total", "Zwischensumme", "Teilsumme:", "100232 Ergebnis", "Total 100232", "Gesamtergebnis..",
                      "total general", "Gesamtsumme"]
        for cell in totals {
            #expect(TotalsRow.isTotals(cell), "\(cell)")
            #expect(TotalsRow.mayBeTotals(ArraySlice(cell.utf8)), "\(cell)")
        }
        for code in ["C0001", "SKU00001", "100232", "Müller GmbH".replacingOccurrences(of: " ", with: ""), "Totalizer-9000-XL", "su"] {
            #expect(!TotalsRow.mayBeTotals(ArraySlice(code.utf8)), "\(code)")
        }
    }

    /// The panel of `actuals` alone.
    func panel(_ actuals: String) throws -> Panel {
        let scratch = Scratch()
        var ingest = Ingest(overrides: [:], keepAllProblems: false, threads: 1)
        _ = try ingest.readActuals(scratch.file("a.csv", actuals))
        return ingest.panel
    }
}

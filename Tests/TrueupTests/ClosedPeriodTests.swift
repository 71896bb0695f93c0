import Testing
@testable import Trueup

/// METRICS.md "Closed periods": the incomplete-month rule and --as-of, worked by hand.
@Suite struct ClosedPeriodTests {
    /// Month `m` of 2024.
    static func month2024(_ m: Int) -> Month { Month(index: 2024 * 12 + m - 1) }

    static let forecasts = (1...4).map { "A,x,2024-0\($0),1,40\nA,y,2024-0\($0),1,40\n" }.joined()

    /// Four actual rows of 10 in January to March, and `april` in April.
    static func actuals(april: String) -> String {
        "customer,item,period,actual\n" + (1...3).map { m in
            "A,x,2024-0\(m),10\nA,x,2024-0\(m),10\nA,y,2024-0\(m),10\nA,y,2024-0\(m),10\n"
        }.joined() + april
    }

    func run(april: String, asOf: Month? = nil) throws -> ReportResult {
        let scratch = Scratch()
        var request = ReportRequest(forecasts: scratch.file("f.csv", "customer,item,period,lag,forecast\n" + Self.forecasts),
                                    actuals: scratch.file("a.csv", Self.actuals(april: april)))
        request.asOf = asOf
        return try Report.run(request)
    }

    @Test func aMonthWithFewRowsAndLittleVolumeIsOpen() throws {
        // April: 1 row of 5 against a median of 4 rows and 40 units: 1 < 2 and 5 < 20.
        let result = try run(april: "A,x,2024-04,5\n")
        #expect(result.incompleteMonth == IncompleteMonth(month: Self.month2024(4), rows: 1, volume: 5, medianRows: 4,
                                                          medianVolume: 40, months: 3))
        #expect(result.lastClosed == Self.month2024(3))
        #expect(result.accounting.actuals.open == 1)
        #expect(result.accounting.actuals.addsUp)
        #expect(result.accounting.forecasts.open == 2)
        #expect(result.rows.first?.figures.periods == 3)
    }

    @Test func fewRowsButFullVolumeIsClosed() throws {
        // One row of 30: fewer rows, but 30 is not less than half of 40.
        let result = try run(april: "A,x,2024-04,30\n")
        #expect(result.incompleteMonth == nil)
        #expect(result.lastClosed == Self.month2024(4))
    }

    @Test func asOfScoresTheMonthAndItsRowsAreUsed() throws {
        let result = try run(april: "A,x,2024-04,5\n", asOf: Self.month2024(4))
        #expect(result.incompleteMonth == nil)
        #expect(result.lastClosed == Self.month2024(4))
        #expect(result.accounting.actuals.open == 0)
        #expect(result.rows.first?.figures.periods == 4)
        // April's cells: x 40/5, y 40/0.
        #expect(result.rows.first?.periods.last?.actual == 5)
    }

    @Test func anEarlierAsOfLeavesLaterActualsOpen() throws {
        let result = try run(april: "A,x,2024-04,30\n", asOf: Self.month2024(2))
        #expect(result.lastClosed == Self.month2024(2))
        // March's 4 rows and April's 1 are open.
        #expect(result.accounting.actuals.open == 5)
        #expect(result.accounting.actuals.addsUp)
    }

    @Test func fewerThanThreeMonthsBeforeCantJudge() throws {
        let scratch = Scratch()
        let actuals = "customer,item,period,actual\nA,x,2024-01,10\nA,x,2024-01,10\nA,x,2024-02,10\nA,x,2024-02,10\nA,x,2024-03,1\n"
        let result = try Report.run(ReportRequest(forecasts: scratch.file("f.csv", "customer,item,period,lag,forecast\n" + Self.forecasts),
                                                  actuals: scratch.file("a.csv", actuals)))
        #expect(result.incompleteMonth == nil)
        #expect(result.lastClosed == Self.month2024(3))
    }

    @Test func asOfOutsideTheActualsIsRefused() {
        #expect(throws: ReportError.asOfOutsideActuals(asOf: Self.month2024(6), firstActual: Self.month2024(1),
                                                       latestActual: Self.month2024(4))) {
            _ = try run(april: "A,x,2024-04,30\n", asOf: Self.month2024(6))
        }
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        #expect(ClosedPeriods.median([4, 1, 3, 2]) == 2.5)
        #expect(ClosedPeriods.median([5, 1, 3]) == 3)
    }
}

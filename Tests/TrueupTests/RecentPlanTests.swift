import Testing
@testable import Trueup

/// check plans on the recent months when the history is deteriorating, and keeps the whole window beside them.
@Suite struct RecentPlanTests {
    /// Forecast 100 every month of 2024; bought 100 in January to September, 50 in October to December.
    static let forecasts = "customer,item,period,lag,forecast\n" + (1...12).map { "A,x,2024-\($0 < 10 ? "0" : "")\($0),1,100\n" }.joined()
    static let actuals = "customer,item,period,actual\n" + (1...12).map { "A,x,2024-\($0 < 10 ? "0" : "")\($0),\($0 <= 9 ? 100 : 50)\n" }.joined()

    @Test func aDeterioratingCustomerIsPlannedOnItsLastThreeMonths() throws {
        let scratch = Scratch()
        let check = try Check(ReportRequest(forecasts: scratch.file("f.csv", Self.forecasts), actuals: scratch.file("a.csv", Self.actuals)),
                              customer: "A", item: nil, quantity: 1000)
        // Recent error of the monthly totals 100% against 0% in the 9 months before: deteriorating,
        // whatever else the tier says (a naive repeat also beats this forecast, so it is unreliable).
        #expect(check.view.assessment.recentWmape == 100 && check.view.assessment.baselineWmape == 0)
        let recent = try #require(check.recent)
        #expect(recent.months == 3)
        #expect(recent.first.description == "2024-10" && recent.last.description == "2024-12")
        // Recent: 150 bought for 300 forecast. Window: 1,050 for 1,200.
        #expect(check.ratio == 0.5)
        #expect(check.adjustedQuantity == 500)
        #expect(check.windowRatio == 1050.0 / 1200)
        #expect(check.windowAdjustedQuantity == 1000 * (1050.0 / 1200))
        // Recent monthly ratios 0.5, 0.5, 0.5; the window's are three 0.5 and nine 1: P10 0.5, P90 1.
        #expect(check.range?.low == 500 && check.range?.high == 500)
        #expect(check.rangePeriods == 3)
        #expect(check.windowRange?.low == 500 && check.windowRange?.high == 1000)
    }

    @Test func aSteadyCustomerIsPlannedOnTheWholeWindow() throws {
        let scratch = Scratch()
        let steady = "customer,item,period,actual\n" + (1...12).map { "A,x,2024-\($0 < 10 ? "0" : "")\($0),90\n" }.joined()
        let check = try Check(ReportRequest(forecasts: scratch.file("f.csv", Self.forecasts), actuals: scratch.file("a.csv", steady)),
                              customer: "A", item: nil, quantity: 1000)
        #expect(check.recent == nil)
        #expect(check.ratio == 0.9 && check.windowRatio == 0.9)
        #expect(abs((check.adjustedQuantity ?? 0) - 900) < 1e-9)
    }
}

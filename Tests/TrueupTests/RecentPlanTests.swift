import Testing
@testable import Trueup

/// check plans on the recent months when the history drifts or deteriorates, keeps the whole window beside
/// them, and plans on the forecast itself with too little history.
@Suite struct RecentPlanTests {
    /// Forecast 100 every month of 2024; bought 100 in January to September, 50 in October to December.
    static let forecasts = "customer,item,period,lag,forecast\n" + (1...12).map { "A,x,2024-\($0 < 10 ? "0" : "")\($0),1,100\n" }.joined()
    static let actuals = "customer,item,period,actual\n" + (1...12).map { "A,x,2024-\($0 < 10 ? "0" : "")\($0),\($0 <= 9 ? 100 : 50)\n" }.joined()

    @Test func aDriftingCustomerIsPlannedOnTheMonthsSinceTheDrift() throws {
        let scratch = Scratch()
        let check = try Check(ReportRequest(forecasts: scratch.file("f.csv", Self.forecasts), actuals: scratch.file("a.csv", Self.actuals)),
                              customer: "A", item: nil, quantity: 1000)
        // Recent error of the monthly totals 100% against 0% in the 9 months before: deteriorating too.
        #expect(check.view.assessment.recentWmape == 100 && check.view.assessment.baselineWmape == 0)
        // The monthly totals ran 100% above actual from October: past the 20-point line two months running.
        let recent = try #require(check.recent)
        let drift = try #require(check.view.assessment.drift ?? {
            if case .drifting(let drift) = recent.cause { return drift }
            return nil
        }())
        #expect(drift.start.description == "2024-10" && drift.months == 3 && drift.errorPct == 100 && drift.baselinePct == 0)
        #expect(recent.months == 3)
        #expect(recent.first.description == "2024-10" && recent.last.description == "2024-12")
        // Recent: 150 bought for 300 forecast. Window: 1,050 for 1,200.
        #expect(check.ratio == 0.5)
        #expect(check.adjustedQuantity == 500)
        #expect(check.windowRatio == 1050.0 / 1200)
        #expect(check.windowAdjustedQuantity == 1000 * (1050.0 / 1200))
        // Monthly ratios: nine 1 and three 0.5, median 1; the ⌈0.83 · 13⌉ = 11th smallest deviation
        // is 0.5, around the recent 0.5: 0 to 1, never below 0.
        #expect(check.range?.low == 0 && check.range?.high == 1000)
        #expect(check.rangePeriods == 12)
        // Tried on July to December (each with 6 months or more before it), from the months before
        // each: July to September hold (1 within 1 ± 0); October misses (0.5 against nine steady
        // months, 1 ± 0); November holds at the edge (ten months, rank ⌈0.83 · 11⌉ = 10: October's
        // 0.5 deviation, 1 ± 0.5); December holds (planned on the drift, 0.5 within 0 to 1).
        #expect(check.rangeBacktested == 6 && check.rangeHeld == 5)
    }

    @Test func tooLittleHistoryPlansOnTheForecast() throws {
        let scratch = Scratch()
        let five = "customer,item,period,lag,forecast\n" + (1...5).map { "A,x,2024-0\($0),1,100\n" }.joined()
        let bought = "customer,item,period,actual\n" + (1...5).map { "A,x,2024-0\($0),300\n" }.joined()
        let check = try Check(ReportRequest(forecasts: scratch.file("f.csv", five), actuals: scratch.file("a.csv", bought)),
                              customer: "A", item: nil, quantity: 1000)
        // Three times the forecast in each of 5 months is no plan: the forecast itself, and no range.
        #expect(check.tooLittleHistory && check.adjustedQuantity == 1000 && check.range == nil && check.ratio == nil)
        #expect(check.rangeBacktested == 0)
        #expect(check.tier == .insufficientData)
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

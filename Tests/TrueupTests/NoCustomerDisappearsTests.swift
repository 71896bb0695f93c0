import Testing
@testable import Trueup

/// A customer forecasting only at other lags than the report lag is listed, never dropped.
@Suite struct NoCustomerDisappearsTests {
    static let forecasts = "customer,item,period,lag,forecast\n"
        + (1...6).map { "A,x,2024-0\($0),1,10\nB,x,2024-0\($0),3,10\n" }.joined()
    static let actuals = "customer,item,period,actual\n" + (1...6).map { "A,x,2024-0\($0),10\nB,x,2024-0\($0),10\n" }.joined()

    @Test func aLagThreeOnlyCustomerIsInsufficientDataWithNoForecastAtLag() throws {
        let scratch = Scratch()
        let result = try Report.run(ReportRequest(forecasts: scratch.file("f.csv", Self.forecasts), actuals: scratch.file("a.csv", Self.actuals)))
        #expect(result.reportLag == 1)
        // A forecast exactly what it bought, so a naive repeat does as well: watch (no-value-added), listed first.
        #expect(result.assessments.map(\.customer) == ["A", "B"])
        let b = try #require(result.assessments.last)
        #expect(b.tier == .insufficientData)
        #expect(b.reasons == [.noForecastAtLag])
        #expect(b.otherLags == [3])
        #expect(b.lag == 1)
        #expect(b.figures.periods == 0 && b.figures.wmape == nil)
        #expect(b.explanation == "No forecast at lag 1 in this window; it forecasts at lag 3 only. Run with --lag 3 to judge those forecasts.")
    }

    @Test func atItsOwnLagItIsScored() throws {
        let scratch = Scratch()
        let result = try Report.run(ReportRequest(forecasts: scratch.file("f.csv", Self.forecasts), actuals: scratch.file("a.csv", Self.actuals),
                                                  lag: 3))
        // At lag 3, A has no forecast: now A is the one listed.
        #expect(result.assessments.first { $0.customer == "B" }?.figures.periods == 6)
        #expect(result.assessments.first { $0.customer == "A" }?.reasons == [.noForecastAtLag])
    }

    @Test func checkAndBriefNameTheLagsItHas() {
        let scratch = Scratch()
        let request = ReportRequest(forecasts: scratch.file("f.csv", Self.forecasts), actuals: scratch.file("a.csv", Self.actuals))
        #expect(throws: CustomerView.Problem.noForecastAtLag(customer: "B", lag: 1, lags: [3])) {
            _ = try CustomerView(request, customer: "B")
        }
    }
}

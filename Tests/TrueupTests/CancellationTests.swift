import Testing
@testable import Trueup

/// A period whose over- and under-forecasts cancel exactly in decimals is neither over nor under,
/// although its Double sum is ±1e-17; a real difference, however small, still counts.
@Suite struct CancellationTests {
    @Test func exactlyCancellingPeriodIsNeitherOverNorUnder() throws {
        let scratch = Scratch()
        // 2024-01: (0.1 − 0.3) + (0.2 − 0) is 0 in decimals and 2.8e-17 as Doubles.
        // 2024-02: the same plus 1e-7 over: a real (tiny) over-forecast.
        let forecasts = scratch.file("f.csv", """
            customer,item,period,lag,forecast
            C,x,2024-01,1,0.1
            C,y,2024-01,1,0.2
            C,x,2024-02,1,0.1
            C,y,2024-02,1,0.2
            C,z,2024-02,1,0.0000001

            """)
        let actuals = scratch.file("a.csv", """
            customer,item,period,actual
            C,x,2024-01,0.3
            C,y,2024-01,0
            C,x,2024-02,0.3
            C,y,2024-02,0

            """)
        #expect((0.1 - 0.3) + 0.2 != 0, "the Doubles do not cancel")
        let result = try Report.run(ReportRequest(forecasts: forecasts, actuals: actuals))
        let row = try #require(result.rows.first { $0.customer == "C" && $0.lag == 1 })
        #expect(row.figures.periods == 2)
        #expect(row.figures.overPeriods == 1)
        #expect(row.figures.underPeriods == 0)
        #expect(row.figures.signTestP == 1)
        // Σ Eₜ / mean |Eₜ| over the two periods, with E(2024-01) = 0: 1e-7 / (1e-7 / 2) = 2.
        let signal = try #require(row.figures.trackingSignal)
        #expect(abs(signal - 2) < 1e-6)
    }
}

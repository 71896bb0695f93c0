import Testing
@testable import Trueup

/// The join audit (METRICS.md "Coverage"): normalisations, look-alikes, coverage, all worked by hand.
@Suite struct JoinAuditTests {
    func request(_ forecasts: String, _ actuals: String, _ scratch: Scratch) -> ReportRequest {
        ReportRequest(forecasts: scratch.file("f.csv", forecasts), actuals: scratch.file("a.csv", actuals))
    }

    @Test func normalisationsApplyInOrder() {
        #expect(KeyNormalization.leadingZeros.apply("0000100232") == "100232")
        #expect(KeyNormalization.leadingZeros.apply("000") == "0")
        #expect(KeyNormalization.leadingZeros.apply("0A1") == "A1")
        #expect(KeyNormalization.caseFold.apply("SKU-1") == "sku-1")
        #expect(KeyNormalization.spaces.apply("AB 12\u{A0}3") == "AB123")
        #expect(KeyNormalization.all.apply(" 00Sku 7") == "sku7")
        #expect(KeyNormalization([]).apply("00A b") == "00A b")
        #expect(KeyNormalization.joining("0000100232", "100232") == .leadingZeros)
        #expect(KeyNormalization.joining("SKU-1", "sku-1") == .caseFold)
        #expect(KeyNormalization.joining("0sku 1", "SKU1") == [.leadingZeros, .caseFold, .spaces])
        #expect(KeyNormalization.punctuation.apply("C-2_3.2/ 1") == "C2321")
        #expect(KeyNormalization.joining("C-232", "C232") == .punctuation)
        #expect(KeyNormalization.joining("00-232", "232") == [.leadingZeros, .punctuation])
        #expect(KeyNormalization.joining("c_0-1", "C01") == [.caseFold, .punctuation])
        #expect(KeyNormalization([.caseFold, .punctuation]).optionValue == "case,punctuation")
        #expect(KeyNormalization.joining("A", "B") == nil)
        #expect(KeyNormalization([.leadingZeros, .caseFold]).optionValue == "leading-zeros,case")
    }

    static let forecasts = """
        customer,item,period,lag,forecast
        0100,SKU-1,2024-01,1,10
        0100,SKU-1,2024-02,1,20
        0100,SKU-2,2024-01,1,5
        B,x,2024-01,1,4
        B,x,2024-02,1,4

        """
    static let actuals = """
        customer,item,period,actual
        100,sku-1,2024-01,12
        100,sku-1,2024-02,18
        100,SKU-2,2024-01,5
        B,x,2024-01,4
        B,x,2024-02,3

        """

    @Test func lookAlikesStopTheRunNamingCountsExamplesAndTheNormalisation() throws {
        let scratch = Scratch()
        do {
            _ = try Report.run(request(Self.forecasts, Self.actuals, scratch))
            Issue.record("look-alike codes must stop the run")
        } catch {
            guard case .lookAlikes(let found) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(found.customers == [.init(customer: nil, inForecasts: "0100", inActuals: "100")])
            // Items within one normalised customer whose codes differ: SKU-1 against sku-1 (SKU-2 is spelled alike).
            #expect(found.items == [.init(customer: "0100", inForecasts: "SKU-1", inActuals: "sku-1")])
            #expect(found.joinedBy == [.leadingZeros, .caseFold])
        }
    }

    @Test func normalisedKeysJoinAndShowTheForecastsSpelling() throws {
        let scratch = Scratch()
        var request = request(Self.forecasts, Self.actuals, scratch)
        request.normalizeKeys = [.leadingZeros, .caseFold]
        let result = try Report.run(request)
        let row = try #require(result.rows.first { $0.customer == "0100" && $0.lag == 1 })
        // Cells (SKU-1, Jan) 10/12, (SKU-1, Feb) 20/18, (SKU-2, Jan) 5/5: ΣF 35, ΣA 35, Σ|e| 4.
        #expect(row.figures.forecast == 35)
        #expect(row.figures.actual == 35)
        #expect(row.figures.wmape == 100 * 4.0 / 35)
        #expect(result.coverage?.lookAlikes.isEmpty == true)
        #expect(result.coverage?.matchedActualShare == 1)
        #expect(!result.rows.contains { $0.customer == "100" })
    }

    @Test func noneKeepsTheCodesAndTheCoverageShowsWhatDidNotJoin() throws {
        let scratch = Scratch()
        var request = request(Self.forecasts, Self.actuals, scratch)
        request.acceptsLookAlikes = true
        #expect(throws: ReportError.self, "two thirds of each side's volume is unmatched") { try Report.run(request) }
        request.allowsLowCoverage = true
        let result = try Report.run(request)
        #expect(result.lowCoverage?.unbought == [LowCoverage.Unmatched(customer: "0100", units: 35)])
        let coverage = try #require(result.coverage)
        #expect(coverage.rows.map(\.customer) == ["0100", "100", "B"])
        let forecastSide = coverage.rows[0], actualSide = coverage.rows[1], b = coverage.rows[2]
        #expect(forecastSide == CoverageRow(customer: "0100", inForecasts: true, inActuals: false, forecastItems: 2, actualItems: 0,
                                            matchedItems: 0, forecastUnits: 35, unboughtForecastUnits: 35, actualUnits: 0,
                                            unforecastActualUnits: 0, lookAlike: "100"))
        #expect(actualSide == CoverageRow(customer: "100", inForecasts: false, inActuals: true, forecastItems: 0, actualItems: 2,
                                          matchedItems: 0, forecastUnits: 0, unboughtForecastUnits: 0, actualUnits: 35,
                                          unforecastActualUnits: 35, lookAlike: "0100"))
        #expect(b == CoverageRow(customer: "B", inForecasts: true, inActuals: true, forecastItems: 1, actualItems: 1, matchedItems: 1,
                                 forecastUnits: 8, unboughtForecastUnits: 0, actualUnits: 7, unforecastActualUnits: 0, lookAlike: nil))
        // Matched: ΣA 42 of which 35 unforecast; ΣF 43 of which 35 unbought.
        #expect(coverage.matchedActualShare == 7.0 / 42)
        #expect(coverage.matchedForecastShare == 8.0 / 43)
    }

    @Test func coverageCountsItemsAtAnyLagAndUnitsAtTheReportLag() throws {
        let scratch = Scratch()
        let forecasts = """
            customer,item,period,lag,forecast
            A,x,2024-01,1,10
            A,x,2024-02,1,20
            A,y,2024-01,1,5
            A,w,2024-02,2,9

            """
        let actuals = "customer,item,period,actual\nA,x,2024-01,12\nA,z,2024-02,7\nA,w,2024-02,1\n"
        let result = try Report.run(request(forecasts, actuals, scratch))
        let row = try #require(result.coverage?.rows.first)
        // Forecast items x, y, w (w at lag 2 only); bought x, z, w; matched x, w.
        #expect(row.forecastItems == 3 && row.actualItems == 3 && row.matchedItems == 2)
        // Lag 1: ΣF 35, of which y's 5 was never bought; ΣA 20, of which z's 7 was never forecast.
        #expect(row.forecastUnits == 35 && row.unboughtForecastUnits == 5)
        #expect(row.actualUnits == 20 && row.unforecastActualUnits == 7)
    }
}

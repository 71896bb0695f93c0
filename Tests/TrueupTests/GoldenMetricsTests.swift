import Testing
@testable import Trueup

/// Every METRICS.md column on the tiny dataset, worked out by hand in the comments.
@Suite struct GoldenMetricsTests {
    @Test func customerAAtLag1() throws {
        let result = try Tiny.run()
        let row = try #require(result.rows.first { $0.customer == "A" && $0.lag == 1 })
        let f = row.figures
        // Cells: (x,01) F10 A8 e2; (x,02) F12 A15 e-3; (x,03) F8 A0 e8; (y,02) F5 A0 e5; (z,03) F0 A7 e-7.
        #expect(f.periods == 3)
        #expect(f.items == 3)
        #expect(f.cells == 5)
        #expect(f.actual == 30)
        #expect(f.forecast == 35)
        #expect(close(f.biasPct, 100 * 5 / 30.0))
        #expect(close(f.wmape, 100 * 25 / 30.0))
        #expect(close(f.accuracyPct, 100 - 100 * 25 / 30.0))
        // |e|/|A| over A != 0: 2/8, 3/15, 7/7.
        #expect(close(f.mape, 100 * (0.25 + 0.2 + 1) / 3))
        #expect(f.mapeCells == 3)
        // 2|e|/(|F|+|A|): 4/18, 6/27, 16/8, 10/5, 14/7.
        #expect(close(f.smape, 100 * (4 / 18.0 + 6 / 27.0 + 2 + 2 + 2) / 5))
        #expect(close(f.mae, 5))
        #expect(close(f.rmse, (151 / 5.0).squareRoot()))
        #expect(close(f.me, 1))
        // Series x: 8,15,0 -> 7+15; y: 0,0,0 -> 0; z: 0,0,7 -> 7. s = 29 / (3 series x 2 pairs).
        #expect(close(f.mase, 5 / (29 / 6.0)))
        // E(01) = 2, E(02) = -3 + 5 = 2, E(03) = 8 - 7 = 1: sum 5, mean |E| 5/3.
        #expect(close(f.trackingSignal, 3))
        #expect(f.overPeriods == 3)
        #expect(f.underPeriods == 0)
        #expect(close(f.signTestP, 0.25))
        // Naive N(t) = A(t-1) on periods 02 and 03: |N-A| = 7, 0, 15, 7; |e| = 3, 5, 8, 7; |A| = 15, 0, 0, 7.
        #expect(close(f.naiveWmape, 100 * 29 / 22.0))
        #expect(close(f.fvaPts, 100 * (29 - 23) / 22.0))
        // The forecast's own error over the naive cells; no month has a year of actuals before it.
        #expect(close(f.naiveCellsWmape, 100 * 23 / 22.0))
        #expect(f.seasonalNaiveWmape == nil && f.fvaSeasonalPts == nil)
        #expect(f.benchmark == .naive && f.benchmarkFvaPts == f.fvaPts)
    }

    @Test func customerBAtLag1() throws {
        let result = try Tiny.run()
        let f = try #require(result.rows.first { $0.customer == "B" }).figures
        // P(B,1) = {02, 03}: cells (x,02) F4 A4 e0; (x,03) F6 A2 e4. B's 2024-01 actual is unmatched.
        #expect(f.periods == 2)
        #expect(f.items == 1)
        #expect(f.cells == 2)
        #expect(f.actual == 6)
        #expect(f.forecast == 10)
        #expect(close(f.biasPct, 100 * 4 / 6.0))
        #expect(close(f.wmape, 100 * 4 / 6.0))
        #expect(close(f.accuracyPct, 100 - 100 * 4 / 6.0))
        #expect(close(f.mape, 100))
        #expect(f.mapeCells == 2)
        #expect(close(f.smape, 50))
        #expect(close(f.mae, 2))
        #expect(close(f.rmse, 8.0.squareRoot()))
        #expect(close(f.me, 2))
        // Series x: 3, 4, 2 -> 1 + 2 = 3 over 2 pairs.
        #expect(close(f.mase, 2 / 1.5))
        // E(02) = 0 (neither over nor under), E(03) = 4.
        #expect(close(f.trackingSignal, 2))
        #expect(f.overPeriods == 1)
        #expect(f.underPeriods == 0)
        #expect(close(f.signTestP, 1))
        #expect(close(f.naiveWmape, 50))
        #expect(close(f.fvaPts, 100 * (3 - 4) / 6.0))
        #expect(close(f.naiveCellsWmape, 100 * 4 / 6.0))
        #expect(f.benchmark == .naive && f.benchmarkFvaPts == f.fvaPts)
    }

    @Test func rowAccountingAddsUp() throws {
        let result = try Tiny.run()
        #expect(result.lastClosed.description == "2024-03")
        #expect(result.accounting.forecasts == RowAccounting.Forecasts(read: 7, used: 6, open: 1, outsideWindow: 0, rejected: 0))
        #expect(result.accounting.actuals == RowAccounting.Actuals(read: 8, used: 7, outsideWindow: 0, unmatched: 1, rejected: 0))
    }

    @Test func windowKeepsTheFirstActualMonthForMASE() throws {
        let result = try Tiny.run() { $0.from = Month(year: 2024, month: 2) }
        let f = try #require(result.rows.first { $0.customer == "A" }).figures
        // Cells (x,02), (y,02), (x,03), (z,03): A = 15, 0, 0, 7; F = 12, 5, 8, 0.
        #expect(f.cells == 4)
        #expect(f.actual == 22)
        #expect(f.forecast == 25)
        #expect(close(f.biasPct, 100 * 3 / 22.0))
        #expect(close(f.wmape, 100 * 23 / 22.0))
        #expect(f.accuracyPct == 0)
        // The scale still runs from the first actual month, 2024-01: same s = 29/6.
        #expect(close(f.mase, (23 / 4.0) / (29 / 6.0)))
        #expect(result.accounting.forecasts == RowAccounting.Forecasts(read: 7, used: 5, open: 1, outsideWindow: 1, rejected: 0))
        #expect(result.accounting.actuals == RowAccounting.Actuals(read: 8, used: 6, outsideWindow: 2, unmatched: 0, rejected: 0))
    }

    @Test func groupedByItem() throws {
        let result = try Tiny.run() { $0.grouping = .item }
        #expect(result.rows.map { $0.item ?? "?" } == ["x", "y", "z"])
        let f = try #require(result.rows.first { $0.item == "x" }).figures
        // Cells (A,x,01..03) and (B,x,02..03): A = 8, 15, 0, 4, 2; F = 10, 12, 8, 4, 6.
        #expect(f.cells == 5)
        #expect(f.items == 1)
        #expect(f.periods == 3)
        #expect(f.actual == 29)
        #expect(f.forecast == 40)
        // Series (A,x) varies by 22 and (B,x) by 3, over 2 pairs each.
        #expect(close(f.mase, (17 / 5.0) / (25 / 4.0)))
        // E(01) = 2, E(02) = -3, E(03) = 12.
        #expect(close(f.trackingSignal, 11 / (17 / 3.0)))
        #expect(f.overPeriods == 2)
        #expect(f.underPeriods == 1)
        #expect(close(f.signTestP, 1))
    }

    @Test func groupedByCustomerAndItem() throws {
        let result = try Tiny.run() { $0.grouping = .customerItem }
        #expect(result.rows.map { "\($0.customer ?? "?")/\($0.item ?? "?")" } == ["A/x", "A/y", "A/z", "B/x"])
        let y = try #require(result.rows.first { $0.item == "y" }).figures
        // A forecast of 5 with no actual: every ratio over actuals is empty, not 0 or inf.
        #expect(y.actual == 0)
        #expect(y.biasPct == nil)
        #expect(y.wmape == nil)
        #expect(y.accuracyPct == nil)
        #expect(y.mape == nil)
        #expect(y.mapeCells == 0)
        #expect(y.mase == nil)
        #expect(y.naiveWmape == nil)
        #expect(y.fvaPts == nil)
        #expect(close(y.smape, 200))
    }

    @Test func snapshotGivesTheLag() throws {
        let scratch = Scratch()
        let forecasts = scratch.file("f.csv", """
            customer,item,period,forecast_date,forecast
            A,x,2024-02,2024-01-15,12
            A,x,2024-02,2023-11-30,9
            A,x,2024-03,2024-01-02,8

            """)
        let actuals = scratch.file("a.csv", "customer,item,period,actual\nA,x,2024-02,10\nA,x,2024-03,8\n")
        let result = try Report.run(ReportRequest(forecasts: forecasts, actuals: actuals))
        #expect(result.rows.map(\.lag) == [1, 2, 3])
        #expect(result.rows.map(\.figures.forecast) == [12, 8, 9])
    }

    @Test func semicolonExportWithDecimalCommasAndColumnNames() throws {
        let scratch = Scratch()
        let forecasts = scratch.file("f.csv", """
            Sold-To;Material;Month;Horizon;Fcst Qty
            "Müller GmbH";M-1;202401;1;10,5
            "Müller GmbH";M-1;202402;1;20,25

            """)
        let actuals = scratch.file("a.csv", "\u{FEFF}Sold-To;Material;Posting Date;Quantity\r\nMüller GmbH;M-1;2024-01-31;10\r\nMüller GmbH;M-1;2024-02-03;20\r\n")
        let result = try Report.run(ReportRequest(forecasts: forecasts, actuals: actuals,
                                                  columns: [.forecast: "fcst qty", .period: "Month"]))
        let row = try #require(result.rows.first)
        #expect(row.customer == "Müller GmbH")
        #expect(row.lag == 1)
        #expect(row.figures.forecast == 30.75)
        #expect(row.figures.actual == 30)
        #expect(result.forecasts.delimiter == "semicolon")
        #expect(result.actuals.hadByteOrderMark)
    }
}

import Foundation
import Testing
@testable import Trueup
import TrueupGenerate

/// check's 80% range holds what it says: backtested on generated books, at each of lags 1 to 3, it
/// held the month's purchases in 75–85% of customer-months (METRICS.md, "The buyer's range").
@Suite struct BuyerRangeTests {
    static let books = [(60, 20, 24, UInt64(1)), (60, 20, 24, UInt64(2)), (60, 20, 36, UInt64(7)), (120, 8, 30, UInt64(5))]

    @Test func theRangeHoldsAboutEightyPercentAtEveryLag() throws {
        var held = [Int](repeating: 0, count: 4), tried = [Int](repeating: 0, count: 4)
        var belowZero = false
        for (customers, items, months, seed) in Self.books {
            let scratch = Scratch()
            let config = GeneratorConfig(customers: customers, items: items, months: months, lags: 3, seed: seed)
            _ = try Generator(config).write(to: scratch.path)
            let result = try Report.run(ReportRequest(forecasts: scratch.path + "/forecasts.csv", actuals: scratch.path + "/actuals.csv"))
            for row in result.rows {
                let (h, t) = BuyerPlan.backtest(row.periods, policy: .default)
                held[row.lag] += h
                tried[row.lag] += t
                if let range = BuyerPlan(row.periods, policy: .default).range, range.lowerBound < 0 { belowZero = true }
            }
        }
        #expect(!belowZero)
        for lag in 1...3 {
            let share = Double(held[lag]) / Double(tried[lag])
            #expect(tried[lag] > 2000)
            #expect((0.75...0.85).contains(share), "lag \(lag): held in \(held[lag]) of \(tried[lag])")
            print("buyer's range at lag \(lag): held in \(held[lag]) of \(tried[lag]) customer-months (\(String(format: "%.1f", 100 * share))%)")
        }
    }

    /// The rule itself on hand-made months: the ⌈0.83 · (n + 1)⌉-th smallest deviation from the median.
    @Test func theSpreadIsAConformalRank() {
        // Ratios 1.0, 1.1, 0.9, 1.2, 0.8, 1.3, 0.7: median 1, deviations 0, .1, .1, .2, .2, .3, .3;
        // n = 7, rank ⌈6.64⌉ = 7: the widest, 0.3.
        let ratios = [1.0, 1.1, 0.9, 1.2, 0.8, 1.3, 0.7]
        let months = ratios.enumerated().map { k, r in
            PeriodTotals(month: Month(year: 2025, month: 1)! + k, actual: 100 * r, forecast: 100, absoluteError: 0, absoluteActual: 100 * r)
        }
        let plan = BuyerPlan(months, policy: .default)
        #expect(abs((plan.range?.lowerBound ?? 0) - 0.7) < 1e-12 && abs((plan.range?.upperBound ?? 0) - 1.3) < 1e-12)
        // Five months: no range.
        #expect(BuyerPlan(Array(months.prefix(5)), policy: .default).range == nil)
        // A wide spread never goes below 0: five months at 0.1 and three at 3 (not two running at
        // the end, which would be a drift), median 0.1 ± 2.9.
        let wild = (0..<8).map { k in
            PeriodTotals(month: Month(year: 2025, month: 1)! + k, actual: [1, 4, 6].contains(k) ? 300 : 10, forecast: 100,
                         absoluteError: 0, absoluteActual: 0)
        }
        #expect(BuyerPlan(wild, policy: .default).range?.lowerBound == 0)
    }
}

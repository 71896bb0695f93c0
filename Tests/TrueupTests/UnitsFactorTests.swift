import Testing
@testable import Trueup

/// The units rule's edges (METRICS.md "Data that can't be right", units): at least 6 months, at
/// least 80% of them within 3% of one factor or its inverse, a month without forecast counting against.
@Suite struct UnitsFactorTests {
    /// Months whose actual is `ratios[k]` times a forecast of 100.
    static func months(_ ratios: [Double]) -> [PeriodTotals] {
        ratios.enumerated().map { k, r in
            PeriodTotals(month: Month(year: 2025, month: 1)! + k, actual: 100 * r, forecast: r.isNaN ? 0 : 100,
                         absoluteError: 0, absoluteActual: 100 * r)
        }
    }

    @Test func aFactorInEveryMonthIsFoundInEitherDirection() {
        #expect(UnitsFactor(Self.months(Array(repeating: 12, count: 6)))
                == UnitsFactor(factor: 12, actualsLarger: true, months: 6, periods: 6))
        #expect(UnitsFactor(Self.months(Array(repeating: 0.001, count: 8)))
                == UnitsFactor(factor: 1000, actualsLarger: false, months: 8, periods: 8))
        #expect(UnitsFactor(Self.months(Array(repeating: 1, count: 12))) == nil, "the same units")
        #expect(UnitsFactor(Self.months(Array(repeating: 12, count: 5))) == nil, "5 months are too few to judge")
    }

    @Test func withinThreePercentInEightOfTenMonths() {
        #expect(UnitsFactor(Self.months([12 * 1.029, 12 * 0.971, 12, 12, 12, 12, 12, 12, 1, 1]))?.months == 8)
        #expect(UnitsFactor(Self.months([12 * 1.031, 12 * 0.971, 12, 12, 12, 12, 12, 12, 1, 1])) == nil, "3.1% off, 7 of 10")
        #expect(UnitsFactor(Self.months([24, 24, 24, 24, 24, 24, 24, 12, 12, 12])) == nil, "two factors, neither in 80%")
        #expect(UnitsFactor(Self.months([100, 100, 100, 100, 100, 100, 100, 100, .nan, .nan])) == UnitsFactor(factor: 100, actualsLarger: true, months: 8, periods: 10))
        #expect(UnitsFactor(Self.months([100, 100, 100, 100, 100, 100, 100, .nan, .nan, .nan])) == nil, "a month without forecast counts against")
        #expect(UnitsFactor(Self.months([-12, -12, -12, -12, -12, -12])) == nil, "returns are no factor")
    }
}

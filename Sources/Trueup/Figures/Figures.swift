/// Every figure of METRICS.md for one group at one lag.
///
/// A figure whose denominator is 0 is nil: empty in CSV, `null` in JSON, never
/// 0, inf or NaN. That decision is made here, once, and nowhere else.
public struct Figures: Sendable, Equatable {
    public var periods: Int
    public var items: Int
    public var cells: Int
    public var actual: Double
    public var forecast: Double
    public var biasPct: Double?
    public var wmape: Double?
    public var accuracyPct: Double?
    public var mape: Double?
    public var mapeCells: Int
    public var smape: Double?
    public var mae: Double?
    public var rmse: Double?
    public var me: Double?
    public var mase: Double?
    public var trackingSignal: Double?
    public var overPeriods: Int
    public var underPeriods: Int
    public var signTestP: Double?
    public var naiveWmape: Double?
    public var fvaPts: Double?
    /// The forecast's wmape over the naive forecast's cells: fvaPts = naiveWmape − naiveCellsWmape.
    public var naiveCellsWmape: Double?
    /// wmape of the seasonal naive forecast A(i, t − 12·⌈max(L, 1)/12⌉), over its cells.
    public var seasonalNaiveWmape: Double?
    /// seasonalNaiveWmape − the forecast's wmape over the same cells.
    public var fvaSeasonalPts: Double?
    /// The benchmark with the lower wmape over its cells (the defined one when only one is;
    /// naive on a tie); nil when neither is defined.
    public var benchmark: Benchmark?
    /// The fva of that benchmark.
    public var benchmarkFvaPts: Double?
    /// The months of the naive and the seasonal naive forecasts' cells: how much each was measured on.
    public var naivePeriods = 0
    public var seasonalNaivePeriods = 0
    /// The money figures, with `--prices`; nil without.
    public var value: ValueFigures?
}

extension Figures {
    /// The forecast's value added against `benchmark`, in points: fvaPts or fvaSeasonalPts.
    public func fva(against benchmark: Benchmark) -> Double? {
        switch benchmark {
        case .naive: return fvaPts
        case .seasonalNaive: return fvaSeasonalPts
        }
    }

    /// How much of a period's Σ|e| a total error Eₜ may be and still be cancellation noise.
    ///
    /// Summing n signed Doubles errs by at most about n·2⁻⁵³ of the sum of their sizes, so a
    /// period whose over- and under-forecasts cancel exactly in decimals (0.1 + 0.2 − 0.3) comes
    /// out as ±1e-17, not 0. Up to 10⁻¹⁰·Σ|e| (that bound for 10⁵ cells, with room) Eₜ is 0: it
    /// counts as neither over nor under in the sign test and adds nothing to the tracking signal.
    static let cancellation = 1e-10

    /// Each Eₜ, with the ones within cancellation noise of 0 set to 0 (`totals` are the same periods').
    static func withoutCancellationNoise(_ errors: [Double], _ totals: [PeriodTotals]) -> [Double] {
        zip(errors, totals).map { e, t in abs(e) <= cancellation * t.absoluteError ? 0 : e }
    }
}

/// One period's totals over a group's cells, for month-by-month evidence.
public struct PeriodTotals: Sendable, Equatable {
    public var month: Month
    /// ΣA over the period's cells.
    public var actual: Double
    /// ΣF over the period's cells.
    public var forecast: Double
    /// Σ|e| over the period's cells.
    public var absoluteError: Double
    /// Σ|A| over the period's cells.
    public var absoluteActual: Double
    /// The period's cells, and how many were over-forecast (F > A) and under-forecast (F < A):
    /// how broad a shift is (`DriftSignal`). 0 where the totals were not made from cells.
    public var cells = 0
    public var overCells = 0
    public var underCells = 0

    /// Eₜ = ΣF − ΣA: positive when the period was over-forecast.
    public var error: Double { forecast - actual }

    /// 100 · Eₜ / ΣA: the period's bias in percent; nil when ΣA is 0.
    public var biasPct: Double? { Ratio.percent(error, actual) }

    /// The same totals from units (`scale`) as quantities.
    func inQuantities(_ scale: QuantityScale) -> PeriodTotals {
        PeriodTotals(month: month, actual: scale.quantity(units: actual), forecast: scale.quantity(units: forecast),
                     absoluteError: scale.quantity(units: absoluteError), absoluteActual: scale.quantity(units: absoluteActual),
                     cells: cells, overCells: overCells, underCells: underCells)
    }
}

/// The sums over one group's cells that the figures are ratios of.
struct CellSums: Equatable {
    var cells = 0
    var sumForecast = 0.0
    var sumActual = 0.0
    var sumError = 0.0
    var sumAbsoluteError = 0.0
    var sumAbsoluteActual = 0.0
    var sumSquaredError = 0.0
    var sumRelativeError = 0.0
    var relativeCells = 0
    var sumSymmetricError = 0.0
    /// Per-period totals of error Eₜ, one per period with cells.
    var periodErrors: [Double] = []
    /// The same periods' totals, in month order.
    var periodTotals: [PeriodTotals] = []
    /// Over the cells whose naive month is not before the first actual month.
    var naiveAbsoluteError = 0.0
    var naiveForecastAbsoluteError = 0.0
    var naiveAbsoluteActual = 0.0
    var naiveCells = 0
    /// Over the cells whose seasonal naive month is not before the first actual month.
    var seasonalAbsoluteError = 0.0
    var seasonalForecastAbsoluteError = 0.0
    var seasonalAbsoluteActual = 0.0
    var seasonalCells = 0
    /// The months of each benchmark's cells.
    var naivePeriods = 0
    var seasonalPeriods = 0
    var items = 0
    /// Σ over the group's series of their actuals' total variation, the series count, and the pairs each spans.
    var seriesVariation = 0.0
    var seriesCount = 0
    var pairs = 0
    /// Over the priced cells, with `--prices`.
    var value: ValueSums?
}

extension Figures {
    /// The figures of one group's sums, taken in the panel's units (`scale`).
    ///
    /// Every quotient goes through `Ratio`: an empty denominator, or a result past what a Double
    /// holds (a ratio to a tiny actual can overflow), is empty, never inf or NaN. Sums of
    /// quantities come back as quantities (`QuantityScale.reported`); the ratios don't depend on the unit.
    init(_ s: CellSums, scale: QuantityScale) {
        let n = Double(s.cells)
        let factor = scale.factor
        periods = s.periodErrors.count
        items = s.items
        cells = s.cells
        actual = scale.reported(units: s.sumActual)
        forecast = scale.reported(units: s.sumForecast)
        biasPct = Ratio.percent(s.sumError, s.sumActual)
        wmape = Ratio.percent(s.sumAbsoluteError, s.sumAbsoluteActual)
        accuracyPct = wmape.map { max(0, 100 - $0) }
        mape = Ratio.percent(s.sumRelativeError, Double(s.relativeCells))
        mapeCells = s.relativeCells
        smape = Ratio.percent(s.sumSymmetricError, n)
        mae = Ratio.of(s.sumAbsoluteError, n * factor)
        rmse = Ratio.of(s.sumSquaredError, n * factor * factor).map { $0.squareRoot() }
        me = Ratio.of(s.sumError, n * factor)
        let scaleOfMase = Ratio.of(s.seriesVariation, Double(s.seriesCount * s.pairs))
        mase = Ratio.of(s.sumAbsoluteError, n).flatMap { mae in scaleOfMase.flatMap { Ratio.of(mae, $0) } }
        // Exact sums cancel exactly; a fixed-order Double sum leaves noise to take out.
        let periodErrors = scale.exact ? s.periodErrors : Self.withoutCancellationNoise(s.periodErrors, s.periodTotals)
        let totalError = periodErrors.reduce(0, +)
        let absoluteErrors = periodErrors.reduce(0) { $0 + abs($1) }
        trackingSignal = periodErrors.isEmpty ? nil
            : (absoluteErrors == 0 ? 0 : Ratio.of(totalError * Double(periodErrors.count), absoluteErrors))
        overPeriods = periodErrors.filter { $0 > 0 }.count
        underPeriods = periodErrors.filter { $0 < 0 }.count
        signTestP = SignTest.pValue(over: overPeriods, under: underPeriods)
        naiveWmape = Ratio.percent(s.naiveAbsoluteError, s.naiveAbsoluteActual)
        // As METRICS.md states it: naive wMAPE minus the forecast's wMAPE over the same cells.
        naiveCellsWmape = Ratio.percent(s.naiveForecastAbsoluteError, s.naiveAbsoluteActual)
        fvaPts = naiveWmape.flatMap { naive in naiveCellsWmape.map { naive - $0 } }
        seasonalNaiveWmape = Ratio.percent(s.seasonalAbsoluteError, s.seasonalAbsoluteActual)
        fvaSeasonalPts = seasonalNaiveWmape.flatMap { seasonal in
            Ratio.percent(s.seasonalForecastAbsoluteError, s.seasonalAbsoluteActual).map { seasonal - $0 }
        }
        benchmark = Benchmark.better(naive: naiveWmape, seasonalNaive: seasonalNaiveWmape)
        benchmarkFvaPts = benchmark.flatMap(fva(against:))
        naivePeriods = s.naivePeriods
        seasonalNaivePeriods = s.seasonalPeriods
        value = s.value.map { ValueFigures($0, scale: scale) }
    }
}

/// The exact two-sided binomial sign test at p = ½.
enum SignTest {
    /// min(1, 2 · P(X ≥ max(k, n − k))) for X ~ Binomial(n = over + under, ½); 1 when n = 0.
    ///
    /// Up to 1,000 periods the binomial terms C(n, j)/2ⁿ are built from 2⁻ⁿ by
    /// the ratio j/(n − j + 1), exact for small n; beyond that (2⁻ⁿ would
    /// underflow) they are summed in log space with log-factorials.
    static func pValue(over k: Int, under: Int) -> Double {
        let n = k + under
        guard n > 0 else { return 1 }
        let m = max(k, n - k)
        var tail = 0.0
        if n <= 1000 {
            var term = 1.0
            for _ in 0..<n { term /= 2 }
            for j in stride(from: n, through: m, by: -1) {
                tail += term
                term = term * Double(j) / Double(n - j + 1)
            }
        } else {
            var logFactorial = [0.0]
            for j in 1...n { logFactorial.append(logFactorial[j - 1] + log(Double(j))) }
            let logHalfToN = Double(n) * -0.693_147_180_559_945_3
            for j in m...n {
                tail += exp(logFactorial[n] - logFactorial[j] - logFactorial[n - j] + logHalfToN)
            }
        }
        return min(1, 2 * tail)
    }
}

import Foundation

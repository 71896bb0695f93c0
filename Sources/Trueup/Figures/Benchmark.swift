/// A simple forecast a customer's forecast is measured against (METRICS.md, the benchmark columns).
///
/// `naive` repeats the actual of max(L, 1) months before; `seasonalNaive` the actual of the same
/// month 12·⌈max(L, 1)/12⌉ months before (a year for lags up to 12). On seasonal demand the naive
/// forecast gets worse with the lag, so beating it means little: the verdict judges against the
/// better of the two (`PolicyBenchmark.best`) unless the policy pins one.
public enum Benchmark: String, Sendable, Equatable, CaseIterable {
    case naive = "naive"
    case seasonalNaive = "seasonal-naive"

    /// How many months back the benchmark looks at lag `lag`.
    public func monthsBack(lag: Int) -> Int {
        let steps = max(lag, 1)
        switch self {
        case .naive: return steps
        case .seasonalNaive: return 12 * ((steps + 11) / 12)
        }
    }

    /// The benchmark with the lower wmape; the defined one when only one is; naive on a tie; nil
    /// when neither is defined.
    static func better(naive: Double?, seasonalNaive: Double?) -> Benchmark? {
        switch (naive, seasonalNaive) {
        case (nil, nil): return nil
        case (.some, nil): return .naive
        case (nil, .some): return .seasonalNaive
        case (.some(let n), .some(let s)): return s < n ? .seasonalNaive : .naive
        }
    }
}

/// Which benchmark the verdict's value-added rules use: the policy file's `benchmark.use`.
public enum PolicyBenchmark: String, Sendable, Equatable, CaseIterable {
    /// The better of naive and seasonal naive for each customer (the figures' `benchmark`).
    case best = "best"
    case naive = "naive"
    case seasonalNaive = "seasonal-naive"

    /// The months the seasonal naive must be measured on before `best` takes it: a whole year.
    public static let seasonalCycle = 12

    /// The benchmark the rules use for `figures`, and the value added against it.
    ///
    /// `best` takes the better of the benchmarks measured on at least `minimumPeriods` months (the
    /// policy's minimum for a tier), and the seasonal naive only once it is measured on a whole
    /// year (`seasonalCycle` months): the same month last year measured on part of a year has seen
    /// only some of the seasons, and beating it by less than 2 points there is luck, not a
    /// standard (on generated 24-month books, judged at every window end, 1 to 3 months of it made
    /// 7 of 48 reliable customers watch somewhere, and 6 to 9 months 3 of 320; bench/flag_rates.py).
    /// When neither qualifies, the figures' `benchmark`.
    public func judged(_ figures: Figures, minimumPeriods: Int = 0) -> (benchmark: Benchmark, fvaPts: Double)? {
        let benchmark: Benchmark?
        switch self {
        case .best:
            let naive = figures.naivePeriods >= minimumPeriods ? figures.naiveWmape : nil
            let seasonal = figures.seasonalNaivePeriods >= max(minimumPeriods, Self.seasonalCycle) ? figures.seasonalNaiveWmape : nil
            benchmark = Benchmark.better(naive: naive, seasonalNaive: seasonal) ?? figures.benchmark
        case .naive: benchmark = .naive
        case .seasonalNaive: benchmark = .seasonalNaive
        }
        guard let benchmark, let fva = figures.fva(against: benchmark) else { return nil }
        return (benchmark, fva)
    }
}

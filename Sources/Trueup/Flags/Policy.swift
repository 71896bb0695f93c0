/// The thresholds that decide each customer's tier: PRODUCT.md's default flag policy.
///
/// Evaluated per customer at the report lag:
/// - insufficient-data: fewer than `minimumPeriods` scored periods;
/// - unreliable: |bias_pct| ≥ 15 with sign_test_p < 0.05; or wmape ≥ 50; or
///   benchmark_fva_pts ≤ −5; or wmape ≥ 30 with benchmark_fva_pts ≤ 0;
/// - watch: not unreliable, and |bias_pct| ≥ 10, wmape ≥ 30, benchmark_fva_pts < 2, or
///   recent deterioration;
///
/// The value-added rules (the `…FvaPts` thresholds) judge against `benchmark`: by default the
/// better of naive and seasonal naive for each customer.
/// - trusted: otherwise.
public struct Policy: Sendable, Equatable {
    public var minimumPeriods = 6
    /// The benchmark the value-added rules judge against.
    public var benchmark = PolicyBenchmark.best

    public var unreliableBiasPct = 15.0
    public var unreliableSignTestP = 0.05
    public var unreliableWmape = 50.0
    public var unreliableFvaPts = -5.0
    public var largeErrorWmape = 30.0
    public var largeErrorFvaPts = 0.0

    public var watchBiasPct = 10.0
    public var watchWmape = 30.0
    public var watchFvaPts = 2.0

    /// "Recent deterioration": the last `recentPeriods` scored periods against the
    /// `baselinePeriods` before them (at least `minimumBaselinePeriods`), judged on
    /// the error of each month's total, 100·Σ|ΣF − ΣA| / ΣΣ|A|. It fires only when
    /// the recent error is at least `deteriorationPts` points above and
    /// `deteriorationRatio` times the baseline's, that holds with the worst recent month
    /// left out too, and every recent month on its own is worse than the baseline: one bad
    /// month is noise, not a trend.
    public var recentPeriods = 3
    public var baselinePeriods = 9
    public var minimumBaselinePeriods = 6
    public var deteriorationPts = 10.0
    public var deteriorationRatio = 1.5

    /// "Drifting" (`DriftSignal`): the monthly totals' error, 100·(ΣF − ΣA)/ΣA, of the last two
    /// months both beyond `driftSigmas` robust standard deviations of the up to
    /// `driftBaselinePeriods` months before them (at least `driftMinimumBaselinePeriods`),
    /// and by at least `driftMinimumShiftPts` points, on the same side.
    public var driftSigmas = 2.5
    public var driftMinimumShiftPts = 25.0
    /// The breadth rule's line for the last month: how many standard deviations more of its cells
    /// moved the drift's way than before (`DriftSignal`); a large number turns the rule off.
    public var driftBreadthZ = 3.0
    public var driftBaselinePeriods = 12
    public var driftMinimumBaselinePeriods = 6

    public init() {}

    public static let `default` = Policy()
}

import Testing
@testable import Trueup

/// The tiers follow PRODUCT.md's default policy at its exact boundaries.
@Suite struct PolicyTests {
    /// A customer row with the given figures; periods flat unless given.
    static func row(periods: Int = 12, bias: Double? = 0, p: Double? = 1, wmape: Double? = 20, fva: Double? = 5,
                    over: Int = 6, under: Int = 6, series: [PeriodTotals]? = nil) -> MetricsRow {
        let flat = (0..<periods).map { k in
            PeriodTotals(month: Month(year: 2025, month: 1)! + k, actual: 100, forecast: 100, absoluteError: 15, absoluteActual: 100)
        }
        let figures = Figures(periods: periods, items: 1, cells: periods, actual: 1200, forecast: 1200, biasPct: bias, wmape: wmape,
                              accuracyPct: wmape.map { max(0, 100 - $0) }, mape: wmape, mapeCells: periods, smape: wmape, mae: 1,
                              rmse: 1, me: 0, mase: 1, trackingSignal: 0, overPeriods: over, underPeriods: under, signTestP: p,
                              naiveWmape: wmape.flatMap { w in fva.map { w + $0 } }, fvaPts: fva,
                              benchmark: fva == nil ? nil : .naive, benchmarkFvaPts: fva)
        return MetricsRow(customer: "C", item: nil, lag: 1, figures: figures, absoluteError: 180, periods: series ?? flat)
    }

    func tier(_ row: MetricsRow, _ policy: Policy = .default) -> (Tier, [Reason]) {
        let a = policy.assess(row, errorSharePct: nil)
        return (a.tier, a.reasons)
    }

    @Test func biasNeedsSizeAndSignificanceToBeUnreliable() {
        #expect(tier(Self.row(bias: 15, p: 0.049, over: 10, under: 2)) == (.unreliable, [.overForecast]))
        #expect(tier(Self.row(bias: -15, p: 0.049, over: 2, under: 10)) == (.unreliable, [.underForecast]))
        // Large but not persistent: watch, not unreliable.
        #expect(tier(Self.row(bias: 40, p: 0.05, over: 8, under: 4)) == (.watch, [.overForecast]))
        // Persistent but small: significance alone never flags.
        #expect(tier(Self.row(bias: 4, p: 0.0005, over: 12, under: 0)) == (.trusted, []))
        #expect(tier(Self.row(bias: 14.99, p: 0.0005, over: 12, under: 0)) == (.watch, [.overForecast]))
        #expect(tier(Self.row(bias: 10, p: 1)) == (.watch, [.overForecast]))
        #expect(tier(Self.row(bias: 9.99, p: 1)) == (.trusted, []))
    }

    @Test func errorAndValueAddedBoundaries() {
        #expect(tier(Self.row(wmape: 50, fva: 5)) == (.unreliable, [.highError]))
        #expect(tier(Self.row(wmape: 49.99, fva: 5)) == (.watch, [.highError]))
        #expect(tier(Self.row(wmape: 20, fva: -5)) == (.unreliable, [.worseThanNaive]))
        #expect(tier(Self.row(wmape: 20, fva: -4.99)) == (.watch, [.noValueAdded]))
        // A large error that a naive repeat would have matched.
        #expect(tier(Self.row(wmape: 30, fva: 0)) == (.unreliable, [.noValueAdded]))
        #expect(tier(Self.row(wmape: 30, fva: 0.01)) == (.watch, [.highError, .noValueAdded]))
        #expect(tier(Self.row(wmape: 29.99, fva: 0)) == (.watch, [.noValueAdded]))
        #expect(tier(Self.row(wmape: 29.99, fva: 2)) == (.trusted, []))
        #expect(tier(Self.row(wmape: 20, fva: 1.99)) == (.watch, [.noValueAdded]))
    }

    @Test func fewPeriodsAreInsufficientData() {
        #expect(tier(Self.row(periods: 5, bias: 60, p: 0.06, wmape: 80, fva: -30, over: 5, under: 0)) == (.insufficientData, [.fewPeriods]))
        #expect(tier(Self.row(periods: 6)).0 == .trusted)
    }

    @Test func emptyFiguresDoNotFlag() {
        #expect(tier(Self.row(bias: nil, p: nil, wmape: nil, fva: nil)).0 == .trusted)
    }

    static func series(_ errors: [Double]) -> [PeriodTotals] {
        errors.enumerated().map { k, e in
            PeriodTotals(month: Month(year: 2025, month: 1)! + k, actual: 100, forecast: 100 + e, absoluteError: abs(e), absoluteActual: 100)
        }
    }

    @Test func deteriorationIsATrendNotASpike() {
        let steady = [Double](repeating: 12, count: 9)
        // Three clearly worse months: 12% before, 35% after.
        // The last two are 23 and 28 points past the steady 12: inside the drift signal's 25-point line.
        #expect(tier(Self.row(series: Self.series(steady + [30, 35, 40]))) == (.watch, [.deteriorating]))
        // 30 and 33 points past it are a drift, from November (October's 18 points are inside the line).
        #expect(tier(Self.row(series: Self.series(steady + [30, 42, 45]))) == (.watch, [.drifting, .deteriorating]))
        let drifting = Policy.default.assess(Self.row(series: Self.series(steady + [30, 42, 45])), errorSharePct: nil)
        #expect(drifting.drift?.start.description == "2025-11" && drifting.drift?.months == 2)
        #expect(drifting.explanation.contains("The monthly totals ran 44% above actual from 2025-11 (2 months), against +12% in the months before"))
        // One huge month among the last three is noise, not a trend.
        #expect(tier(Self.row(series: Self.series(steady + [90, 10, 12]))) == (.trusted, []))
        // Worse, but by less than 10 points.
        #expect(tier(Self.row(series: Self.series(steady + [20, 20, 20]))) == (.trusted, []))
        // Signs alternating: the totals' error is what counts, not its direction.
        #expect(tier(Self.row(series: Self.series(steady + [-30, 35, -40]))) == (.watch, [.deteriorating]))
        // Too short a history for the deterioration test (9 months); the drift signal needs 8, and
        // the last two months are 28 points past the 12 before them.
        #expect(tier(Self.row(periods: 8, series: Self.series([12, 12, 12, 12, 12, 40, 40, 40]))) == (.watch, [.drifting]))
        #expect(tier(Self.row(periods: 7, series: Self.series([12, 12, 12, 12, 40, 40, 40]))) == (.trusted, []))
    }

    @Test func explanationsCarryTheNumbers() {
        let a = Policy.default.assess(Self.row(bias: 31, p: 0.006, over: 11, under: 1), errorSharePct: 4)
        #expect(a.explanation == "Forecast 31% above actual, high in 11 of 12 months (p = 0.006).")
        let b = Policy.default.assess(Self.row(wmape: 20, fva: -10), errorSharePct: 4)
        #expect(b.explanation == "A naive repeat of the actuals of the month before would have been 10 points more accurate.")
    }

    @Test func policyFilesOverrideThresholds() throws {
        let strict = try Policy.load(toml: "[watch]\nbias_pct = 3\n[tiers]\nmin_periods = 13\n", path: "p.toml")
        #expect(strict.watchBiasPct == 3)
        #expect(strict.minimumPeriods == 13)
        #expect(strict.unreliableWmape == 50)
        #expect(tier(Self.row(bias: 4), strict).0 == .insufficientData)
        let lenient = try Policy.load(toml: "[unreliable]\nwmape = 90.5\n", path: "p.toml")
        #expect(tier(Self.row(wmape: 60, fva: 5), lenient) == (.watch, [.highError]))
    }

    /// The value-added rules judge against the better benchmark, or the one the policy pins.
    @Test func theBenchmarkIsTheBetterOneUnlessThePolicyPinsIt() throws {
        // Naive 25% (FVA +5 against it); the same month last year 22% (FVA +2 against it).
        var row = Self.row(wmape: 20, fva: 5)
        row.figures.seasonalNaiveWmape = 22
        row.figures.fvaSeasonalPts = 2
        row.figures.benchmark = .seasonalNaive
        row.figures.benchmarkFvaPts = 2
        #expect(tier(row) == (.trusted, []))
        row.figures.fvaSeasonalPts = 1.5
        row.figures.benchmarkFvaPts = 1.5
        let best = Policy.default.assess(row, errorSharePct: nil)
        #expect((best.tier, best.reasons) == (.watch, [.noValueAdded]))
        #expect(best.benchmark == .seasonalNaive && best.benchmarkFvaPts == 1.5)
        #expect(best.explanation == "The forecast is only 1.5 points more accurate than the same month last year.")
        let naive = try Policy.load(toml: "[tiers]\nbenchmark = \"naive\"\n", path: "p.toml")
        #expect(naive.benchmark == .naive)
        #expect(tier(row, naive) == (.trusted, []))
        #expect(naive.assess(row, errorSharePct: nil).benchmarkFvaPts == 5)
        let seasonal = try Policy.load(toml: "[tiers]\nbenchmark = \"seasonal-naive\"\n", path: "p.toml")
        row.figures.benchmark = .naive
        row.figures.benchmarkFvaPts = 5
        #expect(tier(row, seasonal) == (.watch, [.noValueAdded]))
        // Lag 13 looks two years back.
        #expect(Words.benchmark(.seasonalNaive, lag: 13) == "the same month 2 years before")
        #expect(Benchmark.seasonalNaive.monthsBack(lag: 0) == 12 && Benchmark.seasonalNaive.monthsBack(lag: 12) == 12)
        #expect(throws: PolicyError.outOfRange(path: "p.toml", key: "tiers.benchmark",
                                               reason: "is \"last-year\"; allowed: \"best\", \"naive\", \"seasonal-naive\"")) {
            try Policy.load(toml: "[tiers]\nbenchmark = \"last-year\"\n", path: "p.toml")
        }
    }

    @Test func policyFileErrorsNameTheKey() {
        #expect(throws: PolicyError.unknownKey(path: "p.toml", key: "watch.bias", known: PolicyKey.all.map(\.path))) {
            try Policy.load(toml: "[watch]\nbias = 3\n", path: "p.toml")
        }
        #expect(throws: PolicyError.wrongType(path: "p.toml", key: "unreliable.wmape", expected: "a number", found: "the text \"high\"")) {
            try Policy.load(toml: "[unreliable]\nwmape = \"high\"\n", path: "p.toml")
        }
        #expect(throws: PolicyError.wrongType(path: "p.toml", key: "tiers.min_periods", expected: "a whole number", found: "a decimal number")) {
            try Policy.load(toml: "[tiers]\nmin_periods = 6.5\n", path: "p.toml")
        }
        #expect(throws: PolicyError.self) { try Policy.load(toml: "[watch\n", path: "p.toml") }
    }

    @Test func theCommentedDefaultReadsBackAsTheDefault() throws {
        #expect(try Policy.load(toml: Policy.default.commentedTOML, path: "default.toml") == Policy.default)
        var changed = Policy.default
        changed.deteriorationRatio = 2
        #expect(try Policy.load(toml: changed.commentedTOML, path: "changed.toml") == changed)
    }
}

/// A customer's tier at the report lag, why, and the numbers behind it.
public struct Assessment: Sendable, Equatable {
    public var customer: String
    /// The customer's name, when the inputs have a name column.
    public var customerName: String?
    public var lag: Int
    public var tier: Tier
    public var reasons: [Reason]
    /// One plain sentence with the numbers, for people outside the planning team.
    public var explanation: String
    /// The customer's share of the total absolute error of all customers at this lag, in percent.
    public var errorSharePct: Double?
    /// With prices: the customer's share of the total absolute error in money (Σ|e|·p) at this lag, in percent.
    public var errorValueSharePct: Double?
    public var figures: Figures
    public var periods: [PeriodTotals]
    /// The recent and baseline error of the monthly totals compared for deterioration, when it could be judged.
    public var recentWmape: Double?
    public var baselineWmape: Double?
    /// With `no-forecast-at-lag`: the lags the customer does forecast at in the window.
    public var otherLags: [Int] = []
    /// The sustained shift in the monthly totals, when the drift signal fired.
    public var drift: DriftSignal? = nil
    /// The buyer's range backtested on the customer's monthly totals (`BuyerPlan.backtest`):
    /// months it held in, of the months it was tried on.
    public var rangeHeld: Int? = nil
    public var rangeBacktested: Int = 0
    /// The benchmark the value-added rules judged against (the policy's choice), and the value added against it.
    public var benchmark: Benchmark? = nil
    public var benchmarkFvaPts: Double? = nil
    /// With `units-mismatch`: the factor between the actuals and the forecast.
    public var unitsFactor: UnitsFactor? = nil
}

extension Policy {
    /// Tiers every customer of `rows` (grouped by customer) at `lag`, most severe first,
    /// then by share of the total absolute error, largest first: with prices, of the error's value.
    /// With `agreement`, a customer whose monthly totals were outside a band of its agreement in more than half of
    /// the months is at least watch (`outside-agreement`).
    public func assess(_ rows: [MetricsRow], lag: Int, agreement: [AgreementRow] = []) -> [Assessment] {
        // By index, and sorted in place: a copy of a million rows or assessments is hundreds of megabytes.
        let atLag = rows.indices.filter { rows[$0].lag == lag && rows[$0].customer != nil }
        let totalError = atLag.reduce(0) { $0 + rows[$1].absoluteError }
        let bands = Dictionary(grouping: agreement, by: \.customer)
        let priced = atLag.contains { rows[$0].figures.value != nil }
        let totalValue = atLag.reduce(0) { $0 + (rows[$1].figures.value?.absoluteErrorValue ?? 0) }
        var assessed = atLag.map { k in
            let row = rows[k]
            var a = assess(row, errorSharePct: totalError > 0 ? 100 * row.absoluteError / totalError : nil)
                .against(bands[row.customer ?? ""] ?? [])
            if priced, let value = row.figures.value, totalValue > 0 {
                a.errorValueSharePct = 100 * value.absoluteErrorValue / totalValue
            }
            return a
        }
        let tiers = assessed.map(\.tier)
        let shares = assessed.map { (priced ? $0.errorValueSharePct : $0.errorSharePct) ?? 0 }
        let order = assessed.indices.sorted {
            if tiers[$0] != tiers[$1] { return tiers[$0] < tiers[$1] }
            if shares[$0] != shares[$1] { return shares[$0] > shares[$1] }
            return assessed[$0].customer.precedesInByteOrder(assessed[$1].customer)
        }
        assessed.permute(to: order)
        return assessed
    }

    /// The tier of one customer's row, with reasons and the sentence that explains them.
    public func assess(_ row: MetricsRow, errorSharePct: Double?) -> Assessment {
        let f = row.figures
        let trend = deterioration(row.periods)
        let drift = DriftSignal.detect(row.periods, policy: self)
        var reasons: [Reason] = []
        var clauses: [String] = []
        let tier: Tier

        func add(_ reason: Reason, _ clause: String) {
            if !reasons.contains(reason) { reasons.append(reason) }
            clauses.append(clause)
        }
        func biasClause() -> String {
            let bias = f.biasPct ?? 0
            let direction = bias > 0 ? "above" : "below"
            let months = bias > 0 ? f.overPeriods : f.underPeriods
            let side = bias > 0 ? "high" : "low"
            return "forecast \(Words.percent(abs(bias))) \(direction) actual, \(side) in \(months) of \(f.periods) months (\(Words.pValue(f.signTestP ?? 1)))"
        }
        // The value-added rules judge against the policy's benchmark (by default the better of two).
        let judged = benchmark.judged(f, minimumPeriods: minimumPeriods)
        func benchmarkClause(_ judged: (benchmark: Benchmark, fvaPts: Double)) -> String {
            let named = Words.benchmark(judged.benchmark, lag: row.lag)
            if judged.fvaPts < 0 { return "\(named) would have been \(Words.points(-judged.fvaPts)) more accurate" }
            if Words.number(judged.fvaPts) == "0" { return "the forecast is no more accurate than \(named)" }
            return "the forecast is only \(Words.points(judged.fvaPts)) more accurate than \(named)"
        }

        let biasReason: Reason = (f.biasPct ?? 0) > 0 ? .overForecast : .underForecast
        if f.periods < minimumPeriods {
            tier = .insufficientData
            add(.fewPeriods, "only \(f.periods) scored \(f.periods == 1 ? "month" : "months"), fewer than the \(minimumPeriods) needed to judge")
        } else if f.actual == 0 && f.forecast > 0 && f.wmape == nil {
            tier = .unreliable
            add(.overForecast, "forecast \(Words.quantity(f.forecast)) units over \(f.periods) months with no actual purchases")
        } else {
            // Unreliable: material and persistent.
            if let bias = f.biasPct, let p = f.signTestP, abs(bias) >= unreliableBiasPct, p < unreliableSignTestP {
                add(biasReason, biasClause())
            }
            if let wmape = f.wmape, wmape >= unreliableWmape {
                add(.highError, "the forecast missed by \(Words.percent(wmape)) of actual volume (wMAPE)")
            }
            if let judged, judged.fvaPts <= unreliableFvaPts {
                add(.worseThanNaive, benchmarkClause(judged))
            } else if let judged, let wmape = f.wmape, wmape >= largeErrorWmape, judged.fvaPts <= largeErrorFvaPts {
                add(.noValueAdded, "the forecast missed by \(Words.percent(wmape)) of actual volume (wMAPE), no better than \(Words.benchmark(judged.benchmark, lag: row.lag)) (FVA \(Words.signedPoints(judged.fvaPts)))")
            }
            if !reasons.isEmpty {
                tier = .unreliable
            } else {
                if let bias = f.biasPct, abs(bias) >= watchBiasPct { add(biasReason, biasClause()) }
                if let wmape = f.wmape, wmape >= watchWmape {
                    add(.highError, "the forecast missed by \(Words.percent(wmape)) of actual volume (wMAPE)")
                }
                if let judged, judged.fvaPts < watchFvaPts { add(.noValueAdded, benchmarkClause(judged)) }
                if let drift {
                    let direction = drift.errorPct > 0 ? "above" : "below"
                    add(.drifting, "the monthly totals ran \(Words.percent(abs(drift.errorPct))) \(direction) actual from \(drift.start) (\(drift.months) months), against \(Words.signedPercent(drift.baselinePct)) in the months before")
                }
                if let trend, trend.fires {
                    add(.deteriorating, "the monthly total missed by \(Words.percent(trend.recent)) in the last \(trend.recentCount) months, against \(Words.percent(trend.baseline)) in the \(trend.baselineCount) months before")
                }
                tier = reasons.isEmpty ? .trusted : .watch
            }
        }
        let backtest = BuyerPlan.backtest(row.periods, policy: self)
        let explanation = clauses.isEmpty
            ? "Forecast within \(Words.percent(abs(f.biasPct ?? 0))) of actual overall, with a weighted error of \(Words.percent(f.wmape ?? 0))."
            : Words.sentence(clauses)
        return Assessment(customer: row.customer ?? "", customerName: nil, lag: row.lag, tier: tier, reasons: reasons, explanation: explanation,
                          errorSharePct: errorSharePct, errorValueSharePct: nil, figures: f, periods: row.periods,
                          recentWmape: trend?.recent, baselineWmape: trend?.baseline,
                          drift: tier == .watch && reasons.contains(.drifting) ? drift : nil,
                          rangeHeld: backtest.tested > 0 ? backtest.held : nil, rangeBacktested: backtest.tested,
                          benchmark: judged?.benchmark, benchmarkFvaPts: judged?.fvaPts)
    }

    /// The recent-against-baseline comparison, or nil when there are too few periods to judge.
    struct Trend {
        var recent: Double
        var baseline: Double
        var recentCount: Int
        var baselineCount: Int
        var fires: Bool
    }

    func deterioration(_ periods: [PeriodTotals]) -> Trend? {
        guard periods.count >= recentPeriods + minimumBaselinePeriods else { return nil }
        let recent = periods.suffix(recentPeriods)
        let baseline = periods.dropLast(recentPeriods).suffix(baselinePeriods)
        // The error of each month's total, |ΣF − ΣA| / Σ|A|: a drift shows in the totals at once,
        // while item-level noise (large for small customers) mostly cancels out.
        func totalError<S: Sequence>(_ s: S) -> Double? where S.Element == PeriodTotals {
            let actual = s.reduce(0) { $0 + $1.absoluteActual }
            return actual > 0 ? 100 * s.reduce(0) { $0 + abs($1.error) } / actual : nil
        }
        guard let recentWmape = totalError(recent), let baselineWmape = totalError(baseline) else { return nil }
        let everyRecentWorse = recent.allSatisfy { period in
            period.absoluteActual > 0 ? 100 * abs(period.error) / period.absoluteActual > baselineWmape : period.error != 0
        }
        func clearlyWorse(_ error: Double, than baseline: Double) -> Bool {
            error >= baseline + deteriorationPts && error >= deteriorationRatio * baseline
        }
        // One bad month is noise, not a trend, in either window: the comparison must also hold with
        // each window's worst month (the largest |ΣF − ΣA|) left out. Without this, one month 46% off
        // between two 5 to 9% off made reliable customers of generated books watch; and a drift
        // must not hide behind one wild month in the baseline.
        let robust = totalError(Self.withoutWorst(recent)).flatMap { recent in
            totalError(Self.withoutWorst(baseline)).map { clearlyWorse(recent, than: $0) }
        } ?? false
        let fires = clearlyWorse(recentWmape, than: baselineWmape) && everyRecentWorse && robust
        return Trend(recent: recentWmape, baseline: baselineWmape, recentCount: recent.count, baselineCount: baseline.count, fires: fires)
    }

    /// The months without the one of the largest |ΣF − ΣA| (the first of equals); one month stays one month.
    static func withoutWorst<S: Collection>(_ periods: S) -> [PeriodTotals] where S.Element == PeriodTotals {
        var rest = Array(periods)
        if rest.count > 1, let worst = rest.indices.max(by: { abs(rest[$0].error) < abs(rest[$1].error) }) { rest.remove(at: worst) }
        return rest
    }
}

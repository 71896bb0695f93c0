/// How one customer revised its forecasts between two lags (METRICS.md "Forecast stability").
///
/// Over the revision cells: the (item, month) of the window's closed months with a
/// forecast at both lags, Fa at the earlier (longer) lag a and Fb at the later lag b,
/// and A the actual (0 when none). A figure whose denominator is 0 is nil.
public struct StabilityRow: Sendable, Equatable {
    public var customer: String
    /// a, the longer lag.
    public var fromLag: Int
    /// b, the shorter lag.
    public var toLag: Int
    public var cells: Int
    /// Cells with Fb ≠ Fa.
    public var revisedCells: Int
    /// 100 · Σ|Fb − Fa| / ΣFa.
    public var revisionPct: Double?
    /// 100 · Σ(Fb − Fa) / ΣFa: negative when the customer cuts late.
    public var netRevisionPct: Double?
    /// 100 · #(revised cells with |Fb − A| < |Fa − A|) / revised_cells.
    public var improvedPct: Double?
    /// 100 · #(revised cells with |Fb − A| > |Fa − A|) / revised_cells.
    public var worsenedPct: Double?
    /// 100 · Σ|Fa − A| / Σ|A|.
    public var wmapeFrom: Double?
    /// 100 · Σ|Fb − A| / Σ|A|.
    public var wmapeTo: Double?
    /// wmape_from − wmape_to: positive when the later forecast was the better one.
    public var revisionFvaPts: Double?
}

/// One customer's bias and wMAPE at each of its lags over the same cells: the ones forecast at every lag.
///
/// Accuracy improves as the month comes closer; measured on different cells the
/// lags can't be compared, so only the item-months with a forecast at every one
/// of the customer's lags count.
public struct LagWaterfall: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var lag: Int
        /// ΣF at this lag over the common cells.
        public var forecast: Double
        /// 100 · Σ(F − A) / ΣA.
        public var biasPct: Double?
        /// 100 · Σ|F − A| / Σ|A|.
        public var wmape: Double?
    }

    public var customer: String
    /// Item-months with a forecast at every lag.
    public var cells: Int
    /// ΣA over them.
    public var actual: Double
    /// Longest lag first.
    public var steps: [Step]
}

extension ForecastHistory {
    /// Every customer's revisions between every pair of its lags a > b, sorted by customer, from_lag, to_lag,
    /// worked out on `threads` threads that each take a run of customers (already in name order).
    func stability(threads: Int = 1) -> [StabilityRow] {
        UncheckedParallel.runs(customers.count, parts: threads) { run in
            customers[run].flatMap { customer in
                revisions(customer).sorted { ($0.fromLag, $0.toLag) < ($1.fromLag, $1.toLag) }
            }
        }
    }

    /// The customer's revisions between every pair of its lags, in one pass over its entries: each
    /// pair's sums run in entry order, as `revision(_:from:to:)` (the reference) adds them.
    func revisions(_ customer: Customer) -> [StabilityRow] {
        let lags = Self.lags(customer.lags)
        var pairs: [RevisionSums] = []
        for a in lags.reversed() {
            for b in lags.reversed() where b < a { pairs.append(RevisionSums(from: a, to: b)) }
        }
        guard !pairs.isEmpty else { return [] }
        let bits = pairs.map { (a: UInt64(1) << UInt64($0.from), b: UInt64(1) << UInt64($0.to)) }
        pairs.withUncheckedMutableColumn { pairs in
            for entry in entries[customer.entries] where entry.lags.nonzeroBitCount > 1 {
                for (k, bit) in bits.enumerated() where entry.lags & bit.a != 0 && entry.lags & bit.b != 0 {
                    let fa = values[Int(entry.first) + (entry.lags & (bit.a - 1)).nonzeroBitCount]
                    let fb = values[Int(entry.first) + (entry.lags & (bit.b - 1)).nonzeroBitCount]
                    pairs[k].add(fa, fb, actual: entry.actual)
                }
            }
        }
        return pairs.map { $0.row(customer.name) }
    }

    /// One pair's revisions, entry by entry: the reference `revisions(_:)` is checked against.
    func revision(_ customer: Customer, from a: Int, to b: Int) -> StabilityRow {
        var sums = RevisionSums(from: a, to: b)
        for entry in entries[customer.entries] {
            guard let fa = forecast(entry, lag: a), let fb = forecast(entry, lag: b) else { continue }
            sums.add(fa, fb, actual: entry.actual)
        }
        return sums.row(customer.name)
    }

    /// Each customer with two lags or more: bias and wMAPE at every lag on the cells forecast at all of them.
    func waterfalls(threads: Int = 1) -> [LagWaterfall] {
        UncheckedParallel.runs(customers.count, parts: threads) { run in customers[run].compactMap(waterfall) }
    }

    private func waterfall(_ customer: Customer) -> LagWaterfall? {
        let lags = Self.lags(customer.lags)
        guard lags.count > 1 else { return nil }
        var cells = 0
        var actual = 0.0, absoluteActual = 0.0
        var forecast = [Double](repeating: 0, count: lags.count)
        var error = forecast, absoluteError = forecast
        for entry in entries[customer.entries] where entry.lags & customer.lags == customer.lags {
            cells += 1
            actual += entry.actual
            absoluteActual += abs(entry.actual)
            for (k, lag) in lags.enumerated() {
                let f = self.forecast(entry, lag: lag) ?? 0
                forecast[k] += f
                error[k] += f - entry.actual
                absoluteError[k] += abs(f - entry.actual)
            }
        }
        let steps = lags.indices.reversed().map { k in
            LagWaterfall.Step(lag: lags[k], forecast: scale.quantity(units: forecast[k]), biasPct: Ratio.of(100 * error[k], actual),
                              wmape: Ratio.of(100 * absoluteError[k], absoluteActual))
        }
        return LagWaterfall(customer: customer.name, cells: cells, actual: scale.quantity(units: actual), steps: steps)
    }
}

/// The sums behind one stability row, added one revision cell at a time.
struct RevisionSums {
    var from: Int
    var to: Int
    var cells = 0, revised = 0, improved = 0, worsened = 0
    var revision = 0.0, net = 0.0, earlier = 0.0, errorFrom = 0.0, errorTo = 0.0, absoluteActual = 0.0

    init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    mutating func add(_ fa: Double, _ fb: Double, actual: Double) {
        cells += 1
        revision += abs(fb - fa)
        net += fb - fa
        earlier += fa
        errorFrom += abs(fa - actual)
        errorTo += abs(fb - actual)
        absoluteActual += abs(actual)
        // Misses equal in decimals (10.1 and 10.3 around 10.2) differ in the last bits of a Double: a tie.
        // An unrevised cell has no gain and counts as neither. Counted without branches: which way
        // a revision went is as good as random, and mispredicted branches were most of this pass.
        let gain = abs(fa - actual) - abs(fb - actual)
        let tie = 1e-9 * (abs(fa) + abs(fb) + abs(actual))
        revised &+= fb != fa ? 1 : 0
        improved &+= gain > tie ? 1 : 0
        worsened &+= gain < -tie ? 1 : 0
    }

    func row(_ customer: String) -> StabilityRow {
        let wmapeFrom = Ratio.of(100 * errorFrom, absoluteActual)
        let wmapeTo = Ratio.of(100 * errorTo, absoluteActual)
        return StabilityRow(customer: customer, fromLag: from, toLag: to, cells: cells, revisedCells: revised,
                            revisionPct: Ratio.of(100 * revision, earlier), netRevisionPct: Ratio.of(100 * net, earlier),
                            improvedPct: Ratio.of(100 * Double(improved), Double(revised)),
                            worsenedPct: Ratio.of(100 * Double(worsened), Double(revised)),
                            wmapeFrom: wmapeFrom, wmapeTo: wmapeTo,
                            revisionFvaPts: wmapeFrom.flatMap { from in wmapeTo.map { from - $0 } })
    }
}

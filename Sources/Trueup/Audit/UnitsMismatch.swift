/// A customer whose forecast and actuals look like different units (METRICS.md "Data that can't be
/// right", units): in most of its months the actuals are one factor k times the forecast, or 1/k
/// times it, as when a customer forecasts in cases of 12 and buys in pieces.
///
/// Judged on the monthly totals ΣA and ΣF of the customer's scored periods at the report lag: with
/// at least `minimumPeriods` of them, the ratio ΣA/ΣF of at least `shareOfPeriods` of them lies
/// within `tolerance` (relative) of one k of `factors`, or of 1/k. A month with ΣF = 0 has no ratio
/// and counts against. The factors are far enough apart that a ratio is near at most one of them,
/// so at most one factor can hold in 80% of the months.
public struct UnitsFactor: Sendable, Equatable {
    /// Pack sizes and powers of ten that units are converted by.
    public static let factors = [6, 10, 12, 24, 48, 100, 1000]
    public static let minimumPeriods = 6
    public static let shareOfPeriods = 0.8
    public static let tolerance = 0.03

    /// k.
    public var factor: Int
    /// The actuals are k times the forecast (else the forecast is k times the actuals).
    public var actualsLarger: Bool
    /// Months whose ratio is within the tolerance of the factor.
    public var months: Int
    /// Scored months at the report lag.
    public var periods: Int

    public init(factor: Int, actualsLarger: Bool, months: Int, periods: Int) {
        self.factor = factor
        self.actualsLarger = actualsLarger
        self.months = months
        self.periods = periods
    }

    /// The factor `periods` show, or nil when none holds (or there are too few periods to judge).
    public init?(_ periods: [PeriodTotals]) {
        guard periods.count >= Self.minimumPeriods else { return nil }
        var counts: [Int: Int] = [:]          // +k: actuals larger, -k: forecast larger
        for period in periods where period.forecast != 0 {
            let ratio = period.actual / period.forecast
            guard ratio > 0, ratio.isFinite else { continue }
            for k in Self.factors {
                let scale = Double(k)
                if abs(ratio / scale - 1) <= Self.tolerance {
                    counts[k, default: 0] += 1
                } else if abs(ratio * scale - 1) <= Self.tolerance {
                    counts[-k, default: 0] += 1
                }
            }
        }
        let needed = Self.shareOfPeriods * Double(periods.count)
        guard let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }),
              Double(best.value) >= needed else { return nil }
        self.init(factor: abs(best.key), actualsLarger: best.key > 0, months: best.value, periods: periods.count)
    }

    /// "actuals are 12× the forecast in 11 of 12 months: forecast and actuals look like different units (cases of 12?)"
    public var clause: String {
        let which = actualsLarger ? "actuals are \(factor)× the forecast" : "the forecast is \(factor)× the actuals"
        return "\(which) in \(months) of \(periods) months: forecast and actuals look like different units (\(guess))"
    }

    /// What a factor of k usually is.
    public var guess: String {
        switch factor {
        case 10, 100: return "a decimal point shifted or packs of \(factor)?"
        case 1000: return "thousands or a misread decimal mark?"
        default: return "cases of \(factor)?"
        }
    }
}

/// The customers of a run whose figures at the report lag look like different units: not tiered on
/// them (tier `unscored`, reason `units-mismatch`), and the run stops when more than half of the
/// customers show the same factor (a file's units or decimal mark, not a customer's).
struct UnitsMismatch {
    /// Each mismatched customer's row at the report lag and its factor, in the rows' order.
    var found: [(row: MetricsRow, factor: UnitsFactor)] = []
    /// Customers with a row at the report lag.
    var customers = 0
    /// Each customer's ΣA/ΣF over its window at the report lag (where both are positive), in the rows' order.
    var windowRatios: [(customer: String, ratio: Double, periods: Int)] = []

    /// With a decimal mark assumed, a whole side read 1000 times too large or too small shows as
    /// customers buying between 500 and 2,000 times what they forecast over the window.
    static let misreadMarkFactor = 1000
    static let misreadMarkSpread = 2.0

    init(_ rows: [MetricsRow], lag: Int) {
        for row in rows where row.lag == lag && row.customer != nil {
            customers += 1
            if let factor = UnitsFactor(row.periods) { found.append((row, factor)) }
            let actual = row.periods.reduce(0) { $0 + $1.actual }, forecast = row.periods.reduce(0) { $0 + $1.forecast }
            if actual > 0, forecast > 0 { windowRatios.append((row.customer ?? "", actual / forecast, row.periods.count)) }
        }
    }

    var mismatched: Set<String> { Set(found.compactMap(\.row.customer)) }

    /// The stop, when more than half of the customers show one factor in one direction; or, with
    /// a decimal mark assumed, when more than half bought about 1000 times what they forecast (or a
    /// thousandth) over the window: noisy months hide the factor month by month, not over the window.
    func stop(decimalMarks: [(side: String, choice: DecimalMarkChoice)]) -> UnitsMismatchStop? {
        let groups = Dictionary(grouping: found) { $0.factor.actualsLarger ? $0.factor.factor : -$0.factor.factor }
        guard let (key, members) = groups.max(by: { $0.value.count != $1.value.count ? $0.value.count < $1.value.count : $0.key < $1.key }),
              2 * members.count > customers else { return misreadMarkStop(decimalMarks: decimalMarks) }
        return UnitsMismatchStop(factor: abs(key), actualsLarger: key > 0, customers: customers,
                                 examples: members.prefix(5).map { UnitsMismatchStop.Example(customer: $0.row.customer ?? "", months: $0.factor.months,
                                                                                             periods: $0.factor.periods) },
                                 matching: members.count,
                                 decimalMarks: decimalMarks.map { UnitsMismatchStop.SideMark(side: $0.side, choice: $0.choice) })
    }

    /// The stop for a decimal mark assumed and misread (`stop`).
    private func misreadMarkStop(decimalMarks: [(side: String, choice: DecimalMarkChoice)]) -> UnitsMismatchStop? {
        guard decimalMarks.contains(where: { if case .assumed = $0.choice.evidence { return true } else { return false } }) else { return nil }
        let k = Double(Self.misreadMarkFactor), spread = Self.misreadMarkSpread
        let larger = windowRatios.filter { $0.ratio >= k / spread && $0.ratio <= k * spread }
        let smaller = windowRatios.filter { 1 / $0.ratio >= k / spread && 1 / $0.ratio <= k * spread }
        let (members, actualsLarger) = larger.count >= smaller.count ? (larger, true) : (smaller, false)
        guard 2 * members.count > customers else { return nil }
        return UnitsMismatchStop(factor: Self.misreadMarkFactor, actualsLarger: actualsLarger, customers: customers,
                                 examples: members.prefix(5).map {
                                     UnitsMismatchStop.Example(customer: $0.customer, months: $0.periods, periods: $0.periods, windowRatio: $0.ratio)
                                 },
                                 matching: members.count,
                                 decimalMarks: decimalMarks.map { UnitsMismatchStop.SideMark(side: $0.side, choice: $0.choice) },
                                 overWindow: true)
    }

    /// An unscored assessment for each mismatched customer, with its figures and the factor.
    var assessments: [Assessment] {
        found.map { entry in
            var a = Assessment(customer: entry.row.customer ?? "", lag: entry.row.lag, tier: .unscored, reasons: [.unitsMismatch],
                               explanation: Words.sentence([entry.factor.clause, "not tiered on these figures"]),
                               errorSharePct: nil, figures: entry.row.figures, periods: entry.row.periods)
            a.unitsFactor = entry.factor
            return a
        }
    }

    /// The unscored, largest actual volume first, then by code in byte order.
    static func ordered(_ unscored: [Assessment]) -> [Assessment] {
        unscored.sorted { a, b in
            a.figures.actual != b.figures.actual ? a.figures.actual > b.figures.actual : a.customer.precedesInByteOrder(b.customer)
        }
    }
}

/// More than half of the customers' actuals are one factor times their forecast: a whole file is in
/// other units, or its decimal mark was misread, and no customer's verdict would mean anything.
public struct UnitsMismatchStop: Sendable, Equatable {
    public struct Example: Sendable, Equatable {
        public var customer: String
        public var months: Int
        public var periods: Int
        /// ΣA/ΣF over the window, for a stop judged over the window (`overWindow`).
        public var windowRatio: Double? = nil
    }

    /// A side whose decimal mark was assumed or given: the first suspect of a factor of 10, 100 or 1000.
    public struct SideMark: Sendable, Equatable {
        public var side: String
        public var choice: DecimalMarkChoice
    }

    public var factor: Int
    public var actualsLarger: Bool
    /// Customers with a row at the report lag.
    public var customers: Int
    /// The first five customers that show the factor, in code order.
    public var examples: [Example]
    /// How many show it.
    public var matching: Int
    public var decimalMarks: [SideMark]
    /// Judged on each customer's window totals, within a factor of 2 of `factor`, because a decimal
    /// mark was assumed; else month by month, within `UnitsFactor.tolerance`.
    public var overWindow = false
}

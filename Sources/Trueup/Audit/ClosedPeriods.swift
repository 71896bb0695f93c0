/// The latest month with actuals, when it looks exported half-way through (METRICS.md, "Closed periods").
///
/// A month is incomplete when it has fewer than half the actual rows **and** less than half the
/// actual volume Σ|A| of the median of the up to 6 months before it; at least 3 of those months
/// are needed to judge. The months before are the calendar months from the first month with
/// actuals on; one with no actual row counts as 0 rows and 0 volume. Volume is Σ|A| over the
/// month's (customer, item) actuals, each the sum of its rows.
public struct IncompleteMonth: Sendable, Equatable {
    public var month: Month
    public var rows: Int
    public var volume: Double
    public var medianRows: Double
    public var medianVolume: Double
    /// How many months the medians are taken over (3 to 6).
    public var months: Int
}

/// Which month is the last closed one, and why.
struct ClosedPeriods {
    /// The last closed period.
    var lastClosed: Month
    /// The latest month with actuals, when the rule found it incomplete (and `--as-of` was not given).
    var incomplete: IncompleteMonth?
    /// The stray months after the last closed period, latest first (none with `--as-of`).
    var stray: [StrayMonth] = []
    /// The latest month with actuals (after any stray months), when its dates stop days early.
    var cutOff: CutOffMonth?

    /// Up to this many months before the latest are compared with it.
    static let comparedMonths = 6
    /// At least this many are needed to judge.
    static let neededMonths = 3

    /// The last closed period of `panel`'s actuals: `asOf` when given; else the latest month with
    /// an actual after any stray months, unless it is incomplete or cut off, then the month before it.
    init(_ panel: Panel, months: ActualMonths, latest: Month, firstActual: Month, asOf: Month?) {
        if let asOf {
            lastClosed = asOf
            incomplete = nil
            return
        }
        stray = months.strayMonths(latest: latest)
        let latest = stray.last?.previous ?? latest
        incomplete = Self.incompleteMonth(months, scale: panel.scale, latest: latest, firstActual: firstActual)
        cutOff = CutOffMonth.judge(latest: latest, firstActual: firstActual, latestDays: panel.latestDays)
        lastClosed = incomplete == nil && cutOff == nil ? latest : latest + -1
    }

    /// `months` holds each month's rows and volume (in the panel's units, `scale`).
    static func incompleteMonth(_ months: ActualMonths, scale: QuantityScale, latest: Month, firstActual: Month) -> IncompleteMonth? {
        let first = max(firstActual, latest + -comparedMonths)
        let count = latest - first  // months before the latest that are compared
        guard count >= neededMonths else { return nil }
        let rows = (0...count).map { months.rows(in: first + $0) }
        let volume = (0...count).map { months.volume(in: first + $0) }
        let medianRows = median(rows.prefix(count).map(Double.init))
        let medianVolume = median(Array(volume.prefix(count)))
        let isIncomplete = Double(rows[count]) < medianRows / 2 && volume[count] < medianVolume / 2
        // The panel holds quantities as units of its scale: the volumes are reported as quantities.
        let month = IncompleteMonth(month: latest, rows: rows[count], volume: scale.quantity(units: volume[count]),
                                    medianRows: medianRows, medianVolume: scale.quantity(units: medianVolume), months: count)
        return isIncomplete ? month : nil
    }

    /// The middle value, or the mean of the two middle values of an even count.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

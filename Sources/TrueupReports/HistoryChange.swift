import Trueup

/// One customer's change since the previous run and record over the last runs, as the writers show it.
struct HistoryChange: Sendable {
    var tier: Tier
    var runs: Int
    var hasPrevious: Bool
    /// The customer's track; nil only if the comparison was made for other customers.
    var track: CustomerTrack?
    /// wMAPE now minus wMAPE in the previous run, in points (nil when either is empty).
    var wmapePts: Double?
    /// bias % now minus bias % in the previous run, in points (nil when either is empty).
    var biasPts: Double?

    init(_ a: Assessment, in history: RunComparison) {
        tier = a.tier
        runs = history.runs
        hasPrevious = history.previous != nil
        track = history.customers[a.customer]
        wmapePts = Self.difference(a.figures.wmape, track?.previousWmape)
        biasPts = Self.difference(a.figures.biasPct, track?.previousBiasPct)
    }

    var newlyFlagged: Bool { track?.newlyFlagged ?? false }

    /// For the table: "new flag, trusted→watch, wMAPE +12.3", "wMAPE -0.4", "not in last run", "first run".
    /// The change in a few words, for the narrow table: "new flag", "was watch", "wMAPE +2.1".
    var sinceLastRunShort: String {
        guard hasPrevious else { return "first run" }
        if newlyFlagged { return "new flag" }
        guard let previous = track?.previousTier else { return "not in last run" }
        if previous != tier { return "was \(previous.rawValue)" }
        return wmapePts.map { "wMAPE \(MetricsTable.signed($0))" } ?? "same"
    }

    var sinceLastRun: String {
        guard hasPrevious else { return "first run" }
        var parts: [String] = []
        if newlyFlagged { parts.append("new flag") }
        if let previous = track?.previousTier {
            if previous != tier { parts.append("\(previous.rawValue)→\(tier.rawValue)") }
        } else {
            parts.append("not in last run")
        }
        if let wmapePts { parts.append("wMAPE \(MetricsTable.signed(wmapePts))") }
        return parts.joined(separator: ", ")
    }

    /// For the table: "unreliable 4 of 6" (runs at this tier or worse), "flagged 1 of 6" for a customer not flagged now.
    var lastRuns: String {
        let flagged = track?.flaggedRuns ?? 0
        return tier.isFlagged ? "\(tier.rawValue) \(flagged) of \(runs)" : "flagged \(flagged) of \(runs)"
    }

    private static func difference(_ now: Double?, _ before: Double?) -> Double? {
        guard let now, let before else { return nil }
        return now - before
    }
}

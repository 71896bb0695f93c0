/// What the history adds to a run: the run before it, and each customer's record over the last runs.
///
/// "The last runs" are this run and the runs recorded for earlier as-of periods at the same lag,
/// newest first, at most `RunComparison.span` in all; when an as-of period was recorded from
/// more than one pair of inputs, the one recorded last stands for it.
public struct RunComparison: Sendable, Equatable {
    /// How many runs "the last runs" covers at most, this one included.
    public static let span = 6

    /// The run before this one (nil on the first run).
    public var previous: RecordedRun?
    /// How many runs the counts cover, this one included (1...span).
    public var runs: Int
    /// Each customer of this run, by name.
    public var customers: [String: CustomerTrack]

    public init(previous: RecordedRun?, runs: Int, customers: [String: CustomerTrack]) {
        self.previous = previous
        self.runs = runs
        self.customers = customers
    }

    /// Compares `current` with `earlier` (newest first, each with its customers; at most span − 1 are used).
    public init(current: [Assessment], earlier: [(run: RecordedRun, customers: [RecordedCustomer])]) {
        let used = Array(earlier.prefix(Self.span - 1))
        let byName = used.map { entry in Dictionary(entry.customers.map { ($0.customer, $0) }, uniquingKeysWith: { a, _ in a }) }
        var tracks: [String: CustomerTrack] = [:]
        for a in current {
            let before = byName.first?[a.customer]
            let atLeast = byName.filter { ($0[a.customer]?.tier.severity ?? -1) >= a.tier.severity }.count + 1
            let flagSeverity = max(a.tier.severity, Tier.watch.severity)
            let flaggedRuns = byName.filter { ($0[a.customer]?.tier.severity ?? -1) >= flagSeverity }.count
                + (a.tier.isFlagged ? 1 : 0)
            let flagged = a.tier.isFlagged
            tracks[a.customer] = CustomerTrack(
                previousTier: before?.tier, previousWmape: before?.wmape, previousBiasPct: before?.biasPct,
                runsAtLeastAsSevere: atLeast, flaggedRuns: flaggedRuns,
                newlyFlagged: flagged && !used.isEmpty && !(before?.tier.isFlagged ?? false))
        }
        self.init(previous: used.first?.run, runs: used.count + 1, customers: tracks)
    }
}

/// One customer's record over the last runs.
public struct CustomerTrack: Sendable, Equatable {
    /// The tier in the previous run; nil when the customer was not in it (or there was none).
    public var previousTier: Tier?
    public var previousWmape: Double?
    public var previousBiasPct: Double?
    /// Of the last runs (this one included), how many had this customer at this run's tier or a
    /// more severe one: for an unreliable customer, "unreliable 4 of last 6".
    public var runsAtLeastAsSevere: Int
    /// Of the last runs (this one included), how many flagged this customer at least as severely as
    /// this run does, and at least at watch: `runsAtLeastAsSevere` for a watch or unreliable customer;
    /// for a trusted or insufficient-data one, the runs that flagged it (watch or unreliable).
    public var flaggedRuns: Int
    /// Flagged (watch or unreliable) now, and not in the previous run, when there was one.
    public var newlyFlagged: Bool

    public init(previousTier: Tier?, previousWmape: Double?, previousBiasPct: Double?, runsAtLeastAsSevere: Int,
                flaggedRuns: Int, newlyFlagged: Bool) {
        self.previousTier = previousTier
        self.previousWmape = previousWmape
        self.previousBiasPct = previousBiasPct
        self.runsAtLeastAsSevere = runsAtLeastAsSevere
        self.flaggedRuns = flaggedRuns
        self.newlyFlagged = newlyFlagged
    }

    /// A track that counts its flagged runs as its runs at least as severe, which is right for a
    /// watch or unreliable customer.
    public init(previousTier: Tier?, previousWmape: Double?, previousBiasPct: Double?, runsAtLeastAsSevere: Int,
                newlyFlagged: Bool) {
        self.init(previousTier: previousTier, previousWmape: previousWmape, previousBiasPct: previousBiasPct,
                  runsAtLeastAsSevere: runsAtLeastAsSevere, flaggedRuns: runsAtLeastAsSevere, newlyFlagged: newlyFlagged)
    }
}

extension Tier {
    /// Watch or unreliable: a tier a planner acts on.
    public var isFlagged: Bool { self == .watch || self == .unreliable }
}

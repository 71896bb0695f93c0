/// Wall time of consecutive steps, for `--timings`.
struct Stopwatch {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var laps: [(step: String, seconds: Double)] = []

    init() { last = clock.now }

    /// Ends the current step, naming it.
    mutating func lap(_ step: String) {
        let now = clock.now
        let elapsed = now - last
        laps.append((step, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        last = now
    }
}

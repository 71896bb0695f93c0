import TrueupSystem

/// Wall time of consecutive steps, and the process's peak memory at the end of each, for `--timings`.
struct Stopwatch {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var laps: [RunStep] = []

    init() { last = clock.now }

    /// Ends the current step, naming it.
    mutating func lap(_ step: String) {
        let now = clock.now
        let elapsed = now - last
        laps.append(RunStep(step, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                            peakBytes: Syscalls.peakResidentBytes))
        last = now
    }
}

/// One step of a run for `--timings`: its wall time, and the most memory the process had held by its end.
public struct RunStep: Sendable, Equatable {
    public var step: String
    public var seconds: Double
    /// The process's peak resident memory so far, in bytes (0 when the system doesn't say).
    public var peakBytes: Int

    public init(_ step: String, seconds: Double, peakBytes: Int) {
        self.step = step
        self.seconds = seconds
        self.peakBytes = peakBytes
    }
}

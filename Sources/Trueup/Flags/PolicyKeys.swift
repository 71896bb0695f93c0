/// Every key of a policy file: its section, name, meaning, and where it lives in `Policy`.
///
/// The parser, the error messages and `trueup policy`'s commented file are all
/// made from this one table, so they can't disagree.
struct PolicyKey: Sendable {
    enum Value: Sendable {
        case number(WritableKeyPath<Policy, Double> & Sendable)
        case count(WritableKeyPath<Policy, Int> & Sendable)
        case benchmark(WritableKeyPath<Policy, PolicyBenchmark> & Sendable)
    }

    /// The values a key may take, by what it means.
    enum Allowed: Sendable {
        /// Any finite number (points of FVA may be negative).
        case anyNumber
        /// A threshold on a percentage or a ratio: 0 or more.
        case nonNegative
        /// A p-value: above 0, at most 1.
        case probability
        /// A number of months: `minimum` to 1200 (a century).
        case months(minimum: Int)

        /// The allowed range in words, for the message that names a key out of it.
        var described: String {
            switch self {
            case .anyNumber: return "any finite number"
            case .nonNegative: return "0 or more"
            case .probability: return "above 0 and at most 1"
            case .months(let minimum): return "\(minimum) to \(PolicyKey.maximumMonths) (months)"
            }
        }

        func allows(_ number: Double) -> Bool {
            switch self {
            case .anyNumber: return number.isFinite
            case .nonNegative: return number.isFinite && number >= 0
            case .probability: return number > 0 && number <= 1
            case .months(let minimum): return number >= Double(minimum) && number <= Double(PolicyKey.maximumMonths)
            }
        }
    }

    /// The most months a count key may name: more is no policy, and would only cost memory.
    static let maximumMonths = 1200

    let section: String
    let name: String
    let help: String
    let value: Value
    let allowed: Allowed

    var path: String { "\(section).\(name)" }

    static let all: [PolicyKey] = [
        PolicyKey(section: "tiers", name: "min_periods",
                  help: "fewer scored periods than this: insufficient-data",
                  value: .count(\.minimumPeriods), allowed: .months(minimum: 1)),
        PolicyKey(section: "tiers", name: "benchmark",
                  help: "the value-added rules judge against \"best\" (the better of naive and seasonal naive), \"naive\" or \"seasonal-naive\"",
                  value: .benchmark(\.benchmark), allowed: .anyNumber),
        PolicyKey(section: "unreliable", name: "bias_pct",
                  help: "|bias_pct| at or above this ...",
                  value: .number(\.unreliableBiasPct), allowed: .nonNegative),
        PolicyKey(section: "unreliable", name: "sign_test_p",
                  help: "... with sign_test_p below this (the bias is persistent, not chance)",
                  value: .number(\.unreliableSignTestP), allowed: .probability),
        PolicyKey(section: "unreliable", name: "wmape",
                  help: "wmape at or above this",
                  value: .number(\.unreliableWmape), allowed: .nonNegative),
        PolicyKey(section: "unreliable", name: "fva_pts",
                  help: "benchmark_fva_pts at or below this (clearly worse than the benchmark)",
                  value: .number(\.unreliableFvaPts), allowed: .anyNumber),
        PolicyKey(section: "unreliable", name: "large_error_wmape",
                  help: "wmape at or above this ...",
                  value: .number(\.largeErrorWmape), allowed: .nonNegative),
        PolicyKey(section: "unreliable", name: "large_error_fva_pts",
                  help: "... with benchmark_fva_pts at or below this (a large error the benchmark would have matched)",
                  value: .number(\.largeErrorFvaPts), allowed: .anyNumber),
        PolicyKey(section: "watch", name: "bias_pct",
                  help: "|bias_pct| at or above this",
                  value: .number(\.watchBiasPct), allowed: .nonNegative),
        PolicyKey(section: "watch", name: "wmape",
                  help: "wmape at or above this",
                  value: .number(\.watchWmape), allowed: .nonNegative),
        PolicyKey(section: "watch", name: "fva_pts",
                  help: "benchmark_fva_pts below this (adds little over the benchmark)",
                  value: .number(\.watchFvaPts), allowed: .anyNumber),
        PolicyKey(section: "deteriorating", name: "recent_periods",
                  help: "the last this many scored periods ...",
                  value: .count(\.recentPeriods), allowed: .months(minimum: 1)),
        PolicyKey(section: "deteriorating", name: "baseline_periods",
                  help: "... against up to this many periods before them ...",
                  value: .count(\.baselinePeriods), allowed: .months(minimum: 1)),
        PolicyKey(section: "deteriorating", name: "min_baseline_periods",
                  help: "... and at least this many (else deterioration is not judged)",
                  value: .count(\.minimumBaselinePeriods), allowed: .months(minimum: 1)),
        PolicyKey(section: "deteriorating", name: "increase_pts",
                  help: "error of the monthly totals, recent months at least this many points above the baseline ...",
                  value: .number(\.deteriorationPts), allowed: .nonNegative),
        PolicyKey(section: "deteriorating", name: "ratio",
                  help: "... and at least this many times it (every recent period worse too, and with each side's worst period left out)",
                  value: .number(\.deteriorationRatio), allowed: .nonNegative),
        PolicyKey(section: "drifting", name: "sigmas",
                  help: "the last two months' total error both beyond this many robust deviations of the months before ...",
                  value: .number(\.driftSigmas), allowed: .nonNegative),
        PolicyKey(section: "drifting", name: "min_shift_pts",
                  help: "... and at least this many points from their median, on the same side",
                  value: .number(\.driftMinimumShiftPts), allowed: .nonNegative),
        PolicyKey(section: "drifting", name: "breadth_z",
                  help: "or: the last month's share of items over (or under) forecast beyond its usual by this many standard deviations, with the total (see docs/tiers.md)",
                  value: .number(\.driftBreadthZ), allowed: .nonNegative),
        PolicyKey(section: "drifting", name: "baseline_periods",
                  help: "the months before: up to this many ...",
                  value: .count(\.driftBaselinePeriods), allowed: .months(minimum: 1)),
        PolicyKey(section: "drifting", name: "min_baseline_periods",
                  help: "... and at least this many (else drift is not judged)",
                  value: .count(\.driftMinimumBaselinePeriods), allowed: .months(minimum: 1)),
    ]
}

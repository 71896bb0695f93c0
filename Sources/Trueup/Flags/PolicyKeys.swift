/// Every key of a policy file: its section, name, meaning, and where it lives in `Policy`.
///
/// The parser, the error messages and `trueup policy`'s commented file are all
/// made from this one table, so they can't disagree.
struct PolicyKey: Sendable {
    enum Value: Sendable {
        case number(WritableKeyPath<Policy, Double> & Sendable)
        case count(WritableKeyPath<Policy, Int> & Sendable)
    }

    let section: String
    let name: String
    let help: String
    let value: Value

    var path: String { "\(section).\(name)" }

    static let all: [PolicyKey] = [
        PolicyKey(section: "tiers", name: "min_periods",
                  help: "fewer scored periods than this: insufficient-data",
                  value: .count(\.minimumPeriods)),
        PolicyKey(section: "unreliable", name: "bias_pct",
                  help: "|bias_pct| at or above this ...",
                  value: .number(\.unreliableBiasPct)),
        PolicyKey(section: "unreliable", name: "sign_test_p",
                  help: "... with sign_test_p below this (the bias is persistent, not chance)",
                  value: .number(\.unreliableSignTestP)),
        PolicyKey(section: "unreliable", name: "wmape",
                  help: "wmape at or above this",
                  value: .number(\.unreliableWmape)),
        PolicyKey(section: "unreliable", name: "fva_pts",
                  help: "fva_pts at or below this (clearly worse than a naive repeat of past actuals)",
                  value: .number(\.unreliableFvaPts)),
        PolicyKey(section: "unreliable", name: "large_error_wmape",
                  help: "wmape at or above this ...",
                  value: .number(\.largeErrorWmape)),
        PolicyKey(section: "unreliable", name: "large_error_fva_pts",
                  help: "... with fva_pts at or below this (a large error a naive repeat would have matched)",
                  value: .number(\.largeErrorFvaPts)),
        PolicyKey(section: "watch", name: "bias_pct",
                  help: "|bias_pct| at or above this",
                  value: .number(\.watchBiasPct)),
        PolicyKey(section: "watch", name: "wmape",
                  help: "wmape at or above this",
                  value: .number(\.watchWmape)),
        PolicyKey(section: "watch", name: "fva_pts",
                  help: "fva_pts below this (adds little over a naive repeat)",
                  value: .number(\.watchFvaPts)),
        PolicyKey(section: "deteriorating", name: "recent_periods",
                  help: "the last this many scored periods ...",
                  value: .count(\.recentPeriods)),
        PolicyKey(section: "deteriorating", name: "baseline_periods",
                  help: "... against up to this many periods before them ...",
                  value: .count(\.baselinePeriods)),
        PolicyKey(section: "deteriorating", name: "min_baseline_periods",
                  help: "... and at least this many (else deterioration is not judged)",
                  value: .count(\.minimumBaselinePeriods)),
        PolicyKey(section: "deteriorating", name: "increase_pts",
                  help: "error of the monthly totals, recent months at least this many points above the baseline ...",
                  value: .number(\.deteriorationPts)),
        PolicyKey(section: "deteriorating", name: "ratio",
                  help: "... and at least this many times it (every recent period must be worse too)",
                  value: .number(\.deteriorationRatio)),
    ]
}

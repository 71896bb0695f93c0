/// Which recorded run stands for its month in comparisons, and why the others don't.
///
/// A run is identified by its as-of period, lag, window, policy and both inputs' SHA-256.
/// The first run recorded for an as-of period and lag sets that month's *official* window and
/// policy. A later run with the same window and policy from other inputs (corrected files)
/// supersedes it; a run with another window or policy is a *trial*: it is recorded and listed,
/// but never stands for the month.
public enum RunStanding: Sendable, Equatable {
    /// The run comparisons use for its month.
    case stands
    /// Same window and policy, and a later run from other inputs stands instead.
    case superseded(by: Int64)
    /// Another window or policy than the month's first run; `official` is the run that stands.
    case trial(official: Int64)

    /// The standing of every run of `runs`, by id.
    public static func of(_ runs: [RecordedRun]) -> [Int64: RunStanding] {
        var byMonth: [String: [RecordedRun]] = [:]
        for run in runs { byMonth["\(run.asOf) \(run.lag)", default: []].append(run) }
        var result: [Int64: RunStanding] = [:]
        for (_, month) in byMonth {
            let ordered = month.sorted { $0.id < $1.id }
            guard let first = ordered.first else { continue }
            let official = ordered.filter { $0.window == first.window && $0.policy == first.policy }
            let standing = official.last?.id ?? first.id
            for run in ordered {
                if run.id == standing {
                    result[run.id] = .stands
                } else if run.window == first.window && run.policy == first.policy {
                    result[run.id] = .superseded(by: standing)
                } else {
                    result[run.id] = .trial(official: standing)
                }
            }
        }
        return result
    }
}

/// The rows that could not be used, as they are found.
///
/// When the run stops on bad rows only the first few are shown, so only those
/// are kept; with `--skip-bad-rows` every one is kept for rejects.csv.
struct ProblemLog {
    static let shownWhenStopping = 10
    let keepsAll: Bool
    private(set) var kept: [RowProblem] = []
    private(set) var total = 0

    init(keepsAll: Bool) { self.keepsAll = keepsAll }

    /// Gives the kept problems of `file` without raw text the text of their line.
    mutating func fillRaw(file: String, _ text: [Int: String]) {
        for k in kept.indices where kept[k].file == file && kept[k].raw.isEmpty {
            if let raw = text[kept[k].line] { kept[k].raw = raw }
        }
    }

    /// Gives the kept problems of `file` at these lines these reasons.
    mutating func rewrite(file: String, _ reasons: [Int: String]) {
        for k in kept.indices where kept[k].file == file {
            if let reason = reasons[kept[k].line] { kept[k].reason = reason }
        }
    }

    /// Gives the kept problems of `file` another place (intake's normalized text back to its sources).
    mutating func place(file: String, _ transform: (RowProblem) -> RowProblem) {
        for k in kept.indices where kept[k].file == file { kept[k] = transform(kept[k]) }
    }

    mutating func add(_ problem: RowProblem) {
        total += 1
        if keepsAll || kept.count < Self.shownWhenStopping { kept.append(problem) }
    }
}

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

    /// Gives the kept problems of `file` without raw text or byte offset those of their line.
    mutating func fill(file: String, raw text: [Int: String], bytes: [Int: Int]) {
        for k in kept.indices where kept[k].file == file {
            if kept[k].raw.isEmpty, let raw = text[kept[k].line] { kept[k].raw = raw }
            if kept[k].byte == nil, let byte = bytes[kept[k].line] { kept[k].byte = byte }
        }
    }

    /// Gives the kept problems of `file` at these lines these kinds.
    mutating func rewrite(file: String, _ kinds: [Int: RowProblem.Kind]) {
        for k in kept.indices where kept[k].file == file {
            if let kind = kinds[kept[k].line] { kept[k].kind = kind }
        }
    }

    /// Gives the kept problems of `file` another place (intake's normalized text back to its sources).
    mutating func place(file: String, _ transform: (RowProblem) -> RowProblem) {
        for k in kept.indices where kept[k].file == file { kept[k] = transform(kept[k]) }
    }

    /// Adds problems kept elsewhere (a partial's), and the count of all of them.
    mutating func adding(_ problems: [RowProblem], total: Int) {
        for problem in problems where keepsAll || kept.count < Self.shownWhenStopping { kept.append(problem) }
        self.total += total
    }

    mutating func add(_ problem: RowProblem) {
        total += 1
        if keepsAll || kept.count < Self.shownWhenStopping { kept.append(problem) }
    }
}

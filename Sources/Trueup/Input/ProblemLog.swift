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

    /// Completes the kept problems of `file` that the merge found: their text, byte offset and kind, by line.
    mutating func fill(file: String, raw: [Int: String], bytes: [Int: Int], kinds: [Int: RowProblem.Kind]) {
        for k in kept.indices where kept[k].file == file {
            let line = kept[k].line
            if kept[k].raw.isEmpty, let text = raw[line] { kept[k].raw = text }
            if let byte = bytes[line] { kept[k].byte = byte }
            if let kind = kinds[line] { kept[k].kind = kind }
        }
    }

    mutating func add(_ problem: RowProblem) {
        total += 1
        if keepsAll || kept.count < Self.shownWhenStopping { kept.append(problem) }
    }
}

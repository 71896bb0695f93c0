import Trueup

/// The members of input folders that were not read, in words: the notice on stderr and
/// run.json's `left_out`.
public enum LeftOutText {
    public static func reason(_ reason: LeftOutFile.Reason) -> String {
        switch reason {
        case .hidden: return "a hidden file, its name starts with a dot"
        case .otherExtension: return "not a .csv, .tsv, .txt or .xlsx file"
        case .folder: return "a folder: subfolders are not read"
        case .notRegular(let kind): return "\(kind), not a regular file"
        case .linkOutside: return "a link to a file outside the folder: --follow-links reads it"
        case .unreadable(let why): return "can't be read: \(why)"
        }
    }

    /// One line per side with members left out: the first five named, then how many more.
    public static func lines(_ result: ReportResult) -> [String] {
        var lines: [String] = []
        for (side, file) in [("forecasts", result.forecasts), ("actuals", result.actuals)] where !file.leftOut.isEmpty {
            let named = file.leftOut.prefix(5).map { "\($0.path) (\(reason($0.reason)))" }
            let more = file.leftOut.count > 5 ? " and \(file.leftOut.count - 5) more (run.json lists them)" : ""
            lines.append("\(side): left out of the folder: \(named.joined(separator: "; "))\(more).")
        }
        return lines
    }
}

import Trueup

/// The sentences and run.json members on a decimal mark no value settled (METRICS.md "Data that
/// can't be right", decimal mark).
extension AuditText {
    /// One sentence per side whose decimal mark was assumed, forecasts first; empty when none was.
    public static func decimalMarksAssumed(_ result: ReportResult) -> [String] {
        [("forecasts", result.forecasts), ("actuals", result.actuals)].compactMap { side, file in
            guard let choice = file.decimalMark, case .assumed(let path, let line, let value, let read) = choice.evidence else { return nil }
            let other: DecimalMark = choice.mark == .point ? .comma : .point
            return "\(path): no quantity settles the decimal mark, so the \(choice.mark.rawValue) is assumed: \"\(value)\" (line \(line)) "
                + "is read as \(read). If the \(other.rawValue) is the decimal mark, run with --\(side)-decimal-mark \(other.rawValue) "
                + "(or --decimal-mark \(other.rawValue) for both files)."
        }
    }
}

extension AuditText {
    /// A header found below a title line, one sentence per file: which line was read as the header.
    public static func headersBelowTitles(_ result: ReportResult) -> [String] {
        [("forecasts", result.forecasts), ("actuals", result.actuals)].flatMap { side, file in
            file.files.compactMap { source -> String? in
                guard let header = source.headerLine, let title = source.titleLine else { return nil }
                let text = String((source.titleText ?? "").prefix(60))
                return "\(source.path): line \(header) is read as the header; line \(title) above it (\"\(text)\") lacks the columns "
                    + "trueup needs and is not read, as a title. If another line is the header, run with --\(side)-header-row N."
            }
        }
    }
}

enum DecimalMarkJSON {
    /// `decimal_mark` and `decimal_mark_evidence` of run.json's `inputs.<side>`: only on a side
    /// whose mark was set or assumed, so a side whose values settled it writes what it wrote before.
    static func members(_ file: InputFile) -> [(String, JSONValue)] {
        guard let choice = file.decimalMark else { return [] }
        let evidence: String
        switch choice.evidence {
        case .given: evidence = "given"
        case .assumed(let path, let line, let value, let read):
            evidence = "assumed: no quantity settles it; \"\(value)\" at \(path):\(line) is read as \(read)"
        }
        return [("decimal_mark", .string(choice.mark.rawValue)), ("decimal_mark_evidence", .string(evidence))]
    }
}

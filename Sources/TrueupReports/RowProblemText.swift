import Trueup

/// A row problem in words, as the command line shows it and rejects.csv's `reason` column holds it.
public enum RowProblemText {
    /// `FILE:LINE: column NAME: what is wrong`.
    public static func line(_ problem: RowProblem) -> String {
        if let column = problem.column { return "\(problem.file):\(problem.line): column \(column): \(reason(problem.kind))" }
        return "\(problem.file):\(problem.line): \(reason(problem.kind))"
    }

    /// What is wrong, in one phrase with the value at fault.
    public static func reason(_ kind: RowProblem.Kind) -> String {
        switch kind {
        case .fieldCount(let expected, let found):
            return "expected \(expected) fields as in the header, found \(found)"
        case .emptyName(let column):
            return "\(column.rawValue) is empty"
        case .notUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x\(hex.count == 1 ? "0" : "")\(hex) is not UTF-8; save the file as UTF-8 (CSV UTF-8), or name its encoding with --encoding latin1"
        case .period(let value):
            return "\(quoted(value)) is not a period (expected YYYY-MM, YYYYMM or YYYY-MM-DD)"
        case .lag(let value):
            return "\(quoted(value)) is not a lag (a whole number of months from 0 to \(RowProblem.maximumLag))"
        case .snapshotAfterPeriod(let snapshot, let period):
            return "snapshot \(snapshot) is after the period \(period) it forecasts"
        case .snapshotTooEarly(let snapshot, let period):
            return "snapshot \(snapshot) is more than \(RowProblem.maximumLag) months before the period \(period)"
        case .number(let value):
            return "\(quoted(value)) is not a number"
        case .tooLarge(let value):
            return "\(quoted(value)) is too large for a quantity (at most 1e15)"
        case .duplicate(let customer, let item, let period, let lag, let firstLine):
            return "duplicate forecast for customer \(customer), item \(item), period \(period), lag \(lag); "
                + "line \(firstLine.map(String.init) ?? "?") has the same key and is kept"
        }
    }

    /// A value as it appears in a message: quoted, cut at 60 bytes.
    static func quoted(_ value: RowProblem.Excerpt) -> String {
        value.text.isEmpty && !value.cut ? "an empty value" : "\"\(value.text)\(value.cut ? "..." : "")\""
    }
}

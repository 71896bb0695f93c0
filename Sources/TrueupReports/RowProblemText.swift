import Trueup

/// A row problem in words: the sentence the CLI's messages and rejects.csv give it, and the
/// one-word name of its kind that rejects.csv's `kind` column holds.
public enum RowProblemText {
    /// `FILE:LINE: column NAME: what is wrong`, or without the column when no one column is at fault.
    public static func line(_ problem: RowProblem) -> String {
        if let column = problem.column { return "\(problem.file):\(problem.line): column \(column): \(reason(problem.kind))" }
        return "\(problem.file):\(problem.line): \(reason(problem.kind))"
    }

    /// What is wrong, as one clause.
    public static func reason(_ kind: RowProblem.Kind) -> String {
        switch kind {
        case .fieldCount(let expected, let found):
            return "expected \(expected) fields as in the header, found \(found)"
        case .emptyName(let column):
            return "\(column.rawValue) is empty"
        case .notUTF8(let byte, let encodings):
            let hex = String(byte, radix: 16, uppercase: true)
            return "byte 0x\(hex.count == 1 ? "0" : "")\(hex) is not UTF-8; save the file as UTF-8 (CSV UTF-8), "
                + "or name its encoding with --encoding \(encodings.joined(separator: " or "))"
        case .period(let text, let forms):
            switch forms {
            case .yearMonth: return "\(quoted(text)) is not a period (expected YYYY-MM, YYYYMM or YYYY-MM-DD)"
            case .monthsAndDates:
                return "\(quoted(text)) is not a period (expected a month such as 2024-01, 202401, 2024-01-15, 01.2024, "
                    + "15.01.2024, 01/2024, Jan-24 or Jan 2024)"
            }
        case .lag(let text):
            return "\(quoted(text)) is not a lag (a whole number of months from 0 to \(RowProblem.largestLag))"
        case .snapshotAfterPeriod(let snapshot, let period):
            return "snapshot \(snapshot) is after the period \(period) it forecasts"
        case .snapshotTooEarly(let snapshot, let period):
            return "snapshot \(snapshot) is more than \(RowProblem.largestLag) months before the period \(period)"
        case .number(let text, let decimalComma):
            return "\(quoted(text)) is not a number" + (decimalComma ? " (the file's decimal mark is a comma)" : "")
        case .tooLarge(let text):
            return "\(quoted(text)) is too large for a quantity (at most 1e15)"
        case .cellError(let value):
            return "the cell holds the error \(value)"
        case .uncalculatedFormula:
            return "the cell holds a formula that was never calculated; open the workbook in a spreadsheet program, save it and read it again"
        case .duplicate(let customer, let item, let period, let lag, let firstLine):
            return "duplicate forecast for customer \(customer), item \(item), period \(period), lag \(lag); "
                + "\(firstLine.map(place) ?? "line ?") has the same key and is kept"
        }
    }

    /// The kind as one stable snake_case word, for a program reading rejects.csv.
    public static func word(_ kind: RowProblem.Kind) -> String {
        switch kind {
        case .fieldCount: return "field_count"
        case .emptyName: return "empty_name"
        case .notUTF8: return "not_utf8"
        case .period: return "period"
        case .lag: return "lag"
        case .snapshotAfterPeriod: return "snapshot_after_period"
        case .snapshotTooEarly: return "snapshot_too_early"
        case .number: return "number"
        case .tooLarge: return "too_large"
        case .cellError: return "cell_error"
        case .uncalculatedFormula: return "uncalculated_formula"
        case .duplicate: return "duplicate"
        }
    }

    /// A value as a message quotes it, or `an empty value`.
    private static func quoted(_ text: RowProblem.FieldText) -> String {
        text.text.isEmpty ? "an empty value" : "\"\(text.text)\(text.isCut ? "..." : "")\""
    }

    /// `line 14`, `in/b.csv line 14` or `in/b.xlsx Sheet1!7:7`.
    private static func place(_ first: RowProblem.FirstLine) -> String {
        switch first {
        case .line(let line): return "line \(line)"
        case .inSource(let file, let line): return "\(file) line \(line)"
        case .cell(let file, let reference): return "\(file) \(reference)"
        }
    }
}

/// The decimal mark of one side's quantities: `.` or `,`.
public enum DecimalMark: String, Sendable, Equatable, CaseIterable, Codable {
    case point, comma

    var character: Character { self == .point ? "." : "," }
    var other: Character { self == .point ? "," : "." }
}

/// How a side's decimal mark was decided when no value of the side settled it, or the user set it
/// (METRICS.md "Data that can't be right", decimal mark). Nil on a side whose values settled it
/// (`0.25`, `1.234,5`) or never depended on it (whole numbers): such a side says nothing.
public struct DecimalMarkChoice: Sendable, Equatable, Codable {
    public enum Evidence: Sendable, Equatable, Codable {
        /// `--decimal-mark`, `--forecasts-decimal-mark` or `--actuals-decimal-mark` set it.
        case given
        /// No value settled it: the mark is assumed from the file's delimiter (a comma in a
        /// semicolon file, a point in any other). `value` at `file`:`line` is the first quantity
        /// that reads differently by the two marks; `read` is how it was read (`563000`).
        case assumed(file: String, line: Int, value: String, read: String)
    }

    public var mark: DecimalMark
    public var evidence: Evidence
}

/// One input row that can't be used: where it is, and what kind of problem it has.
///
/// The problem is data; its sentence is written where it is shown (the CLI's
/// messages and rejects.csv), from the kind.
public struct RowProblem: Sendable, Equatable, Codable {
    public var file: String
    /// The 1-based line the row starts on.
    public var line: Int
    /// The 0-based offset of the row's first byte in the file; nil when the row's text is not the
    /// file's own bytes (a workbook's cell, a file transcoded from UTF-16, Latin-1 or Windows-1252).
    public var byte: Int?
    /// The header name of the column at fault, when one column is.
    public var column: String?
    public var kind: Kind
    /// The row exactly as it is in the file, without its line end.
    public var raw: String

    public init(file: String, line: Int, byte: Int?, column: String?, kind: Kind, raw: String) {
        self.file = file
        self.line = line
        self.byte = byte
        self.column = column
        self.kind = kind
        self.raw = raw
    }

    /// What is wrong with the row.
    public enum Kind: Sendable, Equatable, Codable {
        /// Not as many fields as the header.
        case fieldCount(expected: Int, found: Int)
        /// The customer or the item is empty.
        case emptyName(Column)
        /// A name has a byte that is not UTF-8; `encodings` are the `--encoding` values that would read it.
        case notUTF8(byte: UInt8, encodings: [String])
        /// The period, or the snapshot, is not a month in any of the forms `forms` names.
        case period(FieldText, forms: PeriodForms)
        /// The lag is not a whole number of months from 0 to `RowProblem.largestLag`.
        case lag(FieldText)
        /// The snapshot is after the period it forecasts.
        case snapshotAfterPeriod(snapshot: Month, period: Month)
        /// The snapshot is more than `RowProblem.largestLag` months before the period.
        case snapshotTooEarly(snapshot: Month, period: Month)
        /// The quantity is not a number; `decimalComma` when the file's values showed a decimal comma.
        case number(FieldText, decimalComma: Bool)
        /// The quantity is beyond ±1e15: a typo or an overflow sentinel, not units.
        case tooLarge(FieldText)
        /// A workbook's cell holds an error (`#N/A`, `#REF!`) where trueup reads a value.
        case cellError(String)
        /// A workbook's cell holds a formula that was never calculated, so it has no value to read.
        case uncalculatedFormula
        /// An earlier forecast row has the same customer, item, period and lag, and is kept;
        /// `firstLine` is where it is, nil when it could not be found again.
        case duplicate(customer: String, item: String, period: Month, lag: Int, firstLine: FirstLine?)
    }

    /// A field's text as a message quotes it: at most its first 60 bytes (60 characters when it
    /// was read through intake), and whether there was more.
    public struct FieldText: Sendable, Equatable, Codable {
        public var text: String
        public var isCut: Bool

        public init(text: String, isCut: Bool) {
            self.text = text
            self.isCut = isCut
        }
    }

    /// The period forms a problem says were expected.
    public enum PeriodForms: Sendable, Equatable, Codable {
        /// What the reader of a plain file takes: `YYYY-MM`, `YYYYMM` or `YYYY-MM-DD`.
        case yearMonth
        /// What intake takes: months and dates in their usual spellings (`01.2024`, `Jan-24`, ...).
        case monthsAndDates
    }

    /// Where the row a duplicate repeats is.
    public enum FirstLine: Sendable, Equatable, Codable {
        /// A line of the same file.
        case line(Int)
        /// A line of another source of the same side.
        case inSource(String, line: Int)
        /// A row of a workbook source, as its reference (`Sheet1!7:7`, or a cell of a month column).
        case cell(String, reference: String)
    }

    /// The largest lag a row may have (months ahead).
    public static let largestLag = Panel.maximumLag
}

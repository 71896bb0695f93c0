/// One input row that can't be used: where it is and what is wrong, as data.
///
/// The library never words a problem; the command line and rejects.csv render `kind` to text.
public struct RowProblem: Sendable, Equatable {
    public var file: String
    /// The 1-based line the row starts on.
    public var line: Int
    /// The 0-based byte offset of the row's first byte in the file.
    public var byte: Int
    /// The header name of the column at fault, when one column is.
    public var column: String?
    public var kind: Kind
    /// The row exactly as it is in the file, without its line end.
    public var raw: String

    /// The largest lag a row may have, in months.
    public static let maximumLag = Panel.maximumLag

    public init(file: String, line: Int, byte: Int, column: String?, kind: Kind, raw: String) {
        self.file = file
        self.line = line
        self.byte = byte
        self.column = column
        self.kind = kind
        self.raw = raw
    }

    /// What is wrong with the row.
    public enum Kind: Sendable, Equatable {
        /// Not as many fields as the header.
        case fieldCount(expected: Int, found: Int)
        /// The customer or the item is empty.
        case emptyName(Column)
        /// A name has this byte, which is not UTF-8 (and no `--encoding latin1` was given).
        case notUTF8(byte: UInt8)
        /// The period (or the snapshot) is not a month.
        case period(Excerpt)
        /// The lag is not a whole number of months from 0 to `maximumLag`.
        case lag(Excerpt)
        /// The snapshot is after the period it forecasts.
        case snapshotAfterPeriod(snapshot: Month, period: Month)
        /// The snapshot is more than `maximumLag` months before the period.
        case snapshotTooEarly(snapshot: Month, period: Month)
        /// The quantity is not a number.
        case number(Excerpt)
        /// The quantity is beyond ±`RowParser.largestQuantity`.
        case tooLarge(Excerpt)
        /// A forecast row with the (customer, item, period, lag) of an earlier one, which is kept;
        /// `firstLine` is that row's line (nil when it could not be found again).
        case duplicate(customer: String, item: String, period: Month, lag: Int, firstLine: Int?)

        /// The short code of rejects.csv's `kind` column.
        public var code: String {
            switch self {
            case .fieldCount: return "field-count"
            case .emptyName: return "empty-name"
            case .notUTF8: return "not-utf8"
            case .period: return "period"
            case .lag, .snapshotAfterPeriod, .snapshotTooEarly: return "lag"
            case .number: return "number"
            case .tooLarge: return "too-large"
            case .duplicate: return "duplicate"
            }
        }
    }

    /// The start of a field's text as a message shows it: its first 60 bytes, and whether there were more.
    public struct Excerpt: Sendable, Equatable {
        public static let length = 60
        public var text: String
        public var cut: Bool

        public init(_ raw: UnsafeRawBufferPointer) {
            text = String(decoding: raw.prefix(Self.length), as: UTF8.self)
            cut = raw.count > Self.length
        }

        public init(text: String, cut: Bool = false) {
            self.text = text
            self.cut = cut
        }
    }
}

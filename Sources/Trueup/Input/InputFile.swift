import TrueupSystem

/// What trueup learned about one input file while reading it.
public struct InputFile: Sendable, Codable {
    public var path: String
    public var bytes: Int
    /// SHA-256 of the file's bytes, lower-case hex; empty when the request didn't ask for it.
    public var sha256: String
    public var delimiter: String
    public var hadByteOrderMark: Bool
    public var columns: ColumnMapping
    /// Data rows read: the header and blank lines are not rows.
    public var rowsRead: Int
    public var rowsRejected: Int
    /// The file's status when its rows were read, for the digest to check it hashed the same file.
    var readStatus: FileStatus?
    /// Totals rows (`Total`, `Summe`, ...) among the rows read: not data, counted on their own.
    public var totalsRows = 0
    /// Customers' names by code, from a name column (`Name 1`, `customer name`, ...): the first
    /// non-empty name each code has.
    public var customerNames: [String: String] = [:]
    /// Every file, folder member, pipe or workbook the side was read from, in reading order.
    public var files: [SourceFile] = []
    /// Actuals: where the first few rows of the latest month with actuals are, for naming a stray month's rows.
    public var latestMonthRows: [RowPlace] = []
    /// The members of its folders that were not read, and why.
    public var leftOut: [LeftOutFile] = []
    /// The decimal mark set by the user or assumed where no value settled it; nil when the values settled it or never needed one.
    public var decimalMark: DecimalMarkChoice?
    /// The decimal marks a semicolon file's quantities showed the fast reader (`DecimalMarks`).
    var decimalMarks: DecimalMarks = []
    /// With `--partition`: the rows read that are another partition's (not in `rowsRead`).
    public var otherPartitions = 0

    /// Everything but the status of the file when read, which is this machine's (a partial carries the rest).
    enum CodingKeys: String, CodingKey {
        case path, bytes, sha256, delimiter, hadByteOrderMark, columns, rowsRead, rowsRejected, totalsRows, customerNames, files,
             latestMonthRows, leftOut, decimalMark, decimalMarks, otherPartitions
    }
}

extension InputFile {
    /// Whether no file of the side has a lag or snapshot column read: a forecasts side whose rows are all one lag.
    var readsNoLag: Bool {
        (files.isEmpty ? [columns] : files.map(\.columns)).allSatisfy { $0.index[.lag] == nil && $0.index[.snapshot] == nil }
    }
}

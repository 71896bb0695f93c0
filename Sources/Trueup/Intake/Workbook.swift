/// A workbook sheet as delimited UTF-8 text, with the way back from its text to its cells.
///
/// A workbook reader (the .xlsx reader) produces one for intake, which then reads it like a CSV
/// file: line n of `text` is the sheet's row, and every position in a message is the cell's.
public struct ConvertedSheet: Sendable {
    /// The sheet's rows as CSV text (comma-delimited, RFC 4180 quoting), header first.
    public var text: [UInt8]
    /// The cell a (1-based line of `text`, 0-based column) came from, as `Sheet1!D17`.
    public var cellReference: @Sendable (_ line: Int, _ column: Int) -> String?

    public init(text: [UInt8], cellReference: @escaping @Sendable (_ line: Int, _ column: Int) -> String?) {
        self.text = text
        self.cellReference = cellReference
    }
}

/// Reads one sheet of a workbook file: `sheet` by name, or the first one when nil. Throws an
/// error whose description is one sentence about why the workbook can't be read.
public typealias WorkbookReader = @Sendable (_ path: String, _ sheet: String?) throws -> ConvertedSheet

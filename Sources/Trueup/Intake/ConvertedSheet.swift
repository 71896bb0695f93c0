/// A workbook sheet read as delimited UTF-8 text: the way back from its text to its cells.
///
/// A workbook reader (the .xlsx reader) hands intake the sheet's rows as CSV text
/// (comma-delimited, RFC 4180 quoting, header first), in pieces, and intake reads them like a CSV
/// file: line n of the text is the sheet's row, and every position in a message is the cell's.
public struct ConvertedSheet: Sendable {
    /// The sheet's name, as run.json gives it.
    public var sheet: String?
    /// The cell a (1-based line of `text`, 0-based column) came from, as `Sheet1!D17`; for column
    /// -1, a row as a whole, the sheet row as `Sheet1!17:17`.
    public var cellReference: @Sendable (_ line: Int, _ column: Int) -> String?
    /// Why the cell at (line, column) has no value, when it holds an error instead of one
    /// (`.cellError("#N/A")`, `.uncalculatedFormula`); nil for a cell with a value. Only asked
    /// about a record holding the byte `errorMarker`, which starts an error cell's field in the text.
    public var cellError: (@Sendable (_ line: Int, _ column: Int) -> RowProblem.Kind?)?

    /// The byte that starts an error cell's field in the text: never part of UTF-8, so no value
    /// mistakes it for text; it is left out of the rows rejects.csv shows.
    public static let errorMarker: UInt8 = 0xFF

    public init(sheet: String? = nil, cellReference: @escaping @Sendable (_ line: Int, _ column: Int) -> String?,
                cellError: (@Sendable (_ line: Int, _ column: Int) -> RowProblem.Kind?)? = nil) {
        self.sheet = sheet
        self.cellReference = cellReference
        self.cellError = cellError
    }
}

/// Reads one sheet of a workbook file from its bytes, as intake read (and hashed) them: `sheet`
/// by name, or the first one when nil; `path` names the file in messages.
///
/// The sheet's text goes to `take` as it is converted, in order, in pieces that each hold whole
/// records (a value's line break never falls between two), with the sheet as far as those pieces
/// go (its references and error cells); the reader returns the whole sheet after the last piece.
/// An error `take` throws is thrown on as it is. Throws an `InputError`, or an error whose
/// description is one sentence about why the workbook can't be read.
public typealias WorkbookReader = @Sendable (_ path: String, _ bytes: [UInt8], _ sheet: String?,
                                             _ take: (_ text: [UInt8], _ sheet: ConvertedSheet) throws -> Void) throws -> ConvertedSheet

/// Why trueup can't read its input. Each case is one clear sentence at the CLI.
public enum InputError: Error, Sendable, Equatable {
    /// The file does not exist or can't be opened.
    case missingFile(path: String, reason: String)
    /// The path is a directory, a FIFO, a device or a socket: trueup reads regular files only.
    case notRegularFile(path: String, kind: String)
    /// The file could not be read part way through.
    case unreadable(path: String, reason: String)
    /// The file's size, modification time or identity at the end of reading differ from the start.
    case changedWhileRead(path: String)
    /// A record (or the header) runs past `limit` bytes without ending; `line` is where it starts.
    case recordTooLong(path: String, line: Int, limit: Int)
    /// No temporary file could be made in the temporary folder (`TMPDIR`, else /tmp).
    case temporaryFolder(path: String, what: String, reason: String)
    /// Standard input ran past the most trueup keeps of it (`limit` bytes).
    case standardInputTooLong(limit: Int)
    /// The file has no header line.
    case emptyFile(path: String)
    /// The file is not UTF-8 text.
    case unsupportedEncoding(path: String, encoding: String)
    /// A quoted field never closes.
    case unterminatedQuote(path: String, line: Int)
    /// `line` is the header's line (1 unless blank lines come first); `hint`, what else may resolve it.
    case missingColumns(file: String, line: Int = 1, missing: [Column], header: [String], hint: HeaderHint? = nil)
    /// `--header-row` names a line that is no header: blank, inside a record, or past the end (`lastLine`, when known).
    case noHeaderAtLine(path: String, line: Int, lastLine: Int?)
    case duplicateHeader(file: String, line: Int = 1, name: String)
    /// A `--columns` entry names a header found in neither file.
    case unknownColumnOverride(column: Column, name: String)
    /// Rows that can't be read: the first few, and how many in all.
    case badRows(shown: [RowProblem], total: Int, cause: BadRowCause?)
    /// More distinct customers or items than keys can hold.
    case tooManyKeys(path: String, limit: Int)
    /// No usable actual row, so no period is closed and nothing can be scored.
    /// `cause`: when every actual row was left out (`--skip-bad-rows`) and one cause covers most of them.
    case noActuals(path: String, cause: BadRowCause? = nil)
    /// Both files lack columns: one message for both (each a `missingColumns`).
    indirect case missingColumnsInBoth(forecasts: InputError, actuals: InputError)
    /// A folder given as input has no .csv, .tsv, .txt or .xlsx file.
    case emptyFolder(path: String)
    /// An .xls file (the binary format before 2007).
    case legacyWorkbook(path: String)
    /// An .xlsx file, in a build without a workbook reader.
    case workbookNotSupported(path: String)
    /// The workbook reader could not read the sheet.
    case unreadableWorkbook(path: String, reason: String)
    /// A file name that `--name-pattern` doesn't match.
    case nameMismatch(path: String, pattern: String)
    /// `NN/NN/YYYY` dates with both numbers at most 12 and nothing in the file to settle which is the day.
    case ambiguousDateOrder(path: String, line: Int, value: String)
    /// Two sources of one side with the same bytes (the same SHA-256): the same export saved twice.
    case sameFileTwice(first: String, second: String)
}

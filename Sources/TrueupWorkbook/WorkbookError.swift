/// Why a workbook's sheet can't be read. Each case is one sentence at the command line.
public enum WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or can't be opened.
    case missingFile(path: String, reason: String)
    /// An Excel 97-2003 workbook (or an encrypted one, which uses the same container).
    case legacyExcel(path: String)
    /// Not a zip archive, or a zip without a workbook in it.
    case notAWorkbook(path: String, reason: String)
    /// `--sheet` names a sheet the workbook doesn't have.
    case missingSheet(path: String, sheet: String, sheets: [String])
    /// A part of the workbook can't be read: a damaged zip entry, XML that ends inside a tag,
    /// a cell that refers to a shared string that isn't there.
    case damaged(path: String, part: String, reason: String)
    /// The converted text could not be written.
    case writeFailed(path: String, reason: String)

    /// A part's own fault, found by its reader: `Workbook.scan` names the file and the part.
    static func inPart(_ reason: String) -> WorkbookError { .damaged(path: "", part: "", reason: reason) }

    /// The error with the file and part named, when its reader didn't know them.
    func named(path: String, part: String) -> WorkbookError {
        guard case .damaged("", "", let reason) = self else { return self }
        return .damaged(path: path, part: part, reason: reason)
    }

    public var path: String {
        switch self {
        case .missingFile(let path, _), .legacyExcel(let path), .notAWorkbook(let path, _), .missingSheet(let path, _, _),
             .damaged(let path, _, _), .writeFailed(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .missingFile(let path, let reason):
            return "\(path): can't open the file: \(reason)."
        case .legacyExcel(let path):
            return "\(path) is a legacy Excel workbook (.xls, or a password-protected one), which trueup can't read: "
                + "save it as .xlsx or CSV."
        case .notAWorkbook(let path, let reason):
            return "\(path) is not an Excel workbook (.xlsx): \(reason)."
        case .missingSheet(let path, let sheet, let sheets):
            return "\(path) has no sheet named \"\(sheet)\"; its sheets are "
                + sheets.map { "\"\($0)\"" }.joined(separator: ", ") + "."
        case .damaged(let path, let part, let reason):
            return "\(path) is damaged: \(part): \(reason)."
        case .writeFailed(let path, let reason):
            return "can't write the sheet of \(path) as text: \(reason)."
        }
    }
}

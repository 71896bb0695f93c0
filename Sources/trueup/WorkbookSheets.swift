import Trueup
import TrueupWorkbook

/// The .xlsx reader intake calls for a workbook source (`ReportRequest.workbookReader`): the
/// sheet as CSV text through TrueupWorkbook, with its cells' references and its error cells.
enum WorkbookSheets {
    static let reader: WorkbookReader = { path, bytes, sheet, take in try read(path, bytes: bytes, sheet: sheet, into: take) }

    /// The sheet of the workbook whose bytes intake read from `path`, handed to `take` in pieces as
    /// it is converted; the file is not opened again. An error of `take` is thrown on as it is.
    static func read(_ path: String, bytes: [UInt8], sheet: String?,
                     into take: (_ text: [UInt8], _ sheet: ConvertedSheet) throws -> Void) throws -> ConvertedSheet {
        let map: SheetMap
        do {
            map = try Workbook.withBytes(bytes, path: path) { book in
                try book.readSheet(sheet) { text, map in try take(text, converted(map)) }
            }
        } catch let error as WorkbookError {
            throw inputError(error)
        }
        return converted(map)
    }

    /// The sheet as intake sees it, from its map as far as it goes.
    static func converted(_ map: SheetMap) -> ConvertedSheet {
        ConvertedSheet(sheet: map.sheet,
                       cellReference: { line, column in
                           column >= 0 ? map.reference(line: line, column: column) : map.rowReference(line: line)
                       },
                       cellError: { line, column in map.error(line: line, column: column).map(kind) })
    }

    /// The row problem of an error cell.
    static func kind(_ error: SheetMap.CellError) -> RowProblem.Kind {
        error.value == SheetMap.CellError.uncalculated ? .uncalculatedFormula : .cellError(error.value)
    }

    /// The workbook reader's error as intake's: a file that can't be opened as any file, anything
    /// else as a workbook that can't be read, for the reason the reader gives.
    static func inputError(_ error: WorkbookError) -> InputError {
        switch error {
        case .missingFile(let path, let reason):
            return .missingFile(path: path, reason: reason)
        case .legacyExcel(let path):
            return .unreadableWorkbook(path: path, reason: "it is stored as a legacy Excel 97-2003 workbook (.xls) or a password-protected one; "
                                       + "save it as .xlsx or CSV")
        case .notAWorkbook(let path, let reason):
            return .unreadableWorkbook(path: path, reason: reason)
        case .missingSheet(let path, let sheet, let sheets):
            return .unreadableWorkbook(path: path, reason: "no sheet named \"\(sheet)\"; its sheets are "
                                       + sheets.map { "\"\($0)\"" }.joined(separator: ", "))
        case .damaged(let path, let part, let reason):
            return .unreadableWorkbook(path: path, reason: "\(part): \(reason)")
        case .writeFailed(let path, let reason):
            return .unreadable(path: path, reason: reason)
        }
    }
}

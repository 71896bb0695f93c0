import CWorkbookZip
import CXLSXWriter

/// The one door to libxlsxwriter: a workbook written to a file name, sheet by sheet, row by row.
///
/// The workbook is in constant-memory mode: each row goes to a scratch file as soon as the next
/// begins, so rows are written in order and a huge sheet costs no more memory than a small one.
/// Text is written as text cells (never parsed as a formula or a number). The document's creation
/// time is the one given, and libxlsxwriter dates every zip entry 1980-01-01, so the same
/// workbook gives the same bytes on every run.
final class XLSXWriter {
    /// The deflate level of the workbook's zip members: zlib's fastest, not libxlsxwriter's default
    /// (`Sources/CWorkbookZip/workbook_zip.c` sets it where libxlsxwriter opens each member).
    static var deflateLevel: Int { Int(trueup_workbook_zip_level()) }

    /// Excel's limits: rows per sheet (the header included) and characters per cell.
    static let maximumRows = 1_048_576
    static let maximumTextLength = 32_767

    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var sheets: [UnsafeMutablePointer<lxw_worksheet>] = []
    /// The formats made so far, by look; a `Look` is an index into `formats`.
    private var formats: [UnsafeMutablePointer<lxw_format>?] = []
    private var formatOfLook: [CellLook: Int] = [:]

    /// Writes a workbook at `path` with `body`, its scratch files in `scratchFolder` (the system's
    /// when nil), created at `created` (seconds since 1970, UTC; not 0, which libxlsxwriter reads as now).
    ///
    /// libxlsxwriter keeps the scratch folder's name until the workbook is closed: the whole
    /// writing happens inside the scope of that C string.
    static func write(to path: String, scratchFolder: String?, created: Int,
                      _ body: (XLSXWriter) throws(XLSXError) -> Void) throws(XLSXError) {
        let outcome: Result<Void, XLSXError> = withOptionalCString(scratchFolder) { scratch in
            var options = lxw_workbook_options(constant_memory: 1, tmpdir: scratch.map { UnsafeMutablePointer(mutating: $0) }, use_zip64: 0)
            guard let workbook = workbook_new_opt(path, &options) else { return .failure(XLSXError("can't start the workbook")) }
            let writer = XLSXWriter(workbook)
            do throws(XLSXError) {
                var properties = lxw_doc_properties()
                properties.created = time_t(created == 0 ? 1 : created)
                try writer.check(workbook_set_properties(workbook, &properties))
                try body(writer)
            } catch {
                // The half-written workbook is still closed (its memory freed); the caller removes the file.
                workbook_close(workbook)
                return .failure(error)
            }
            return Result { () throws(XLSXError) in try writer.check(workbook_close(workbook)) }
        }
        try outcome.get()
    }

    private init(_ workbook: UnsafeMutablePointer<lxw_workbook>) { self.workbook = workbook }

    private static func withOptionalCString<T>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> T) -> T {
        guard let text else { return body(nil) }
        return text.withCString { body($0) }
    }

    /// Adds a worksheet named `name` and returns its number.
    func addSheet(_ name: String) throws(XLSXError) -> Int {
        guard let sheet = workbook_add_worksheet(workbook, name) else { throw XLSXError("can't add the sheet \(name)") }
        sheets.append(sheet)
        return sheets.count - 1
    }

    /// Sets a column's width, in characters.
    func setColumn(_ column: Int, width: Double, in sheet: Int) throws(XLSXError) {
        try check(worksheet_set_column(sheets[sheet], lxw_col_t(column), lxw_col_t(column), width, nil))
    }

    /// A made format: look it up once (`look(_:)`), then write many cells with it.
    struct Look: Hashable, Sendable { fileprivate let index: Int }

    /// The format of `look`, made once per workbook.
    func look(_ look: CellLook) -> Look {
        if let index = formatOfLook[look] { return Look(index: index) }
        formats.append(makeFormat(look))
        formatOfLook[look] = formats.count - 1
        return Look(index: formats.count - 1)
    }

    /// Writes one cell; a blank cell is left unwritten.
    func write(_ cell: SheetCell, row: Int, column: Int, look: Look?, in sheet: Int) throws(XLSXError) {
        let format = look.flatMap { formats[$0.index] }
        let row = lxw_row_t(row), column = lxw_col_t(column)
        switch cell {
        case .blank: return
        case .text(let text):
            let text = text.unicodeScalars.count > Self.maximumTextLength
                ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.maximumTextLength))) : text
            try check(worksheet_write_string(sheets[sheet], row, column, text, format))
        case .number(let x, _):
            try check(worksheet_write_number(sheets[sheet], row, column, x, format))
        case .bool(let flag):
            try check(worksheet_write_boolean(sheets[sheet], row, column, flag ? 1 : 0, format))
        }
    }

    /// Keeps the first row in view while the rest scrolls.
    func freezeFirstRow(in sheet: Int) { worksheet_freeze_panes(sheets[sheet], 1, 0) }

    /// A filter on every column of the header row, over the rows below it.
    func autofilter(lastRow: Int, lastColumn: Int, in sheet: Int) throws(XLSXError) {
        try check(worksheet_autofilter(sheets[sheet], 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn)))
    }

    private func makeFormat(_ look: CellLook) -> UnsafeMutablePointer<lxw_format>? {
        guard let format = workbook_add_format(workbook) else { return nil }
        if let code = look.numberFormat { format_set_num_format(format, code) }
        if look.bold { format_set_bold(format) }
        if let fill = look.fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fill))
        }
        if let color = look.fontColor { format_set_font_color(format, lxw_color_t(color)) }
        if look.wrap {
            format_set_text_wrap(format)
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        return format
    }

    fileprivate func check(_ error: lxw_error) throws(XLSXError) {
        guard error != LXW_NO_ERROR else { return }
        throw XLSXError(String(cString: lxw_strerror(error)))
    }
}

/// How a cell looks: its number format, weight, fill and wrapping.
struct CellLook: Hashable, Sendable {
    var numberFormat: String?
    var bold = false
    /// 0xRRGGBB.
    var fill: UInt32?
    var fontColor: UInt32?
    var wrap = false
}

/// Why report.xlsx could not be written, in libxlsxwriter's words.
public struct XLSXError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

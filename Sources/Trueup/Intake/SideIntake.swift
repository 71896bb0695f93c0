import TrueupCSV

/// Reads the sources of one side (forecasts or actuals) into one normalized long-format text
/// that the fast reader takes as it takes a plain file: `customer,item,period,QUANTITY[,lag]`,
/// periods as `YYYY-MM`, quantities as plain decimals with their decimal places as written.
///
/// Everything about the sources' dialect is settled here, per source: the encoding, the decimal
/// mark, the date order, the layout (long, or month columns), the fields its file name gives.
/// A value that can't be read is a row problem with its source's position; the map takes the
/// reader's problems (duplicates, lags) back to the source too.
///
/// Each source is read record by record (`SourceIntake`), and the normalized text goes to its
/// file as it is made: a workbook's sheet flows from the zip to that file a piece at a time, and
/// neither the sheet's text nor its records are held (only the map back to them, a few numbers a row).
struct SideIntake {
    let kind: RowParser.Kind
    let encoding: SourceEncoding
    let dateOrder: DateOrder?
    let pattern: NamePattern?
    let overrides: [Column: String]
    let workbookReader: WorkbookReader?
    let sheet: String?
    /// The run's inputs: standard input is read once and kept there.
    let files: InputFiles
    /// The decimal mark the user set for this side (`--decimal-mark`); nil to read it from the values.
    var decimalMark: DecimalMark? = nil
    /// The line of each source's header (`--header-row`); nil to find it (`HeaderRow`).
    var headerRow: Int? = nil

    struct Result {
        /// Normalized text not yet written to `output`.
        var text: [UInt8] = []
        /// Where the normalized text goes as it is made; without one `text` holds it all.
        var output: NormalizedFile?
        var map = SourceMap()
        var files: [SourceFile] = []
        var problems: [RowProblem] = []
        var totalsRows = 0
        var rows = 0
        /// Each customer's first non-empty name.
        var names: [String: String] = [:]
        /// The line the next row of the normalized text starts on.
        var nextLine = 2
        /// The decimal mark assumed where no value settled it (the first source that needed one).
        var decimalMark: DecimalMarkChoice?

        /// Writes the text made so far to `output` once there is about a megabyte of it (all of it with `limit` 0).
        mutating func flush(above limit: Int = 1 << 20) throws(InputError) {
            guard let output, text.count >= limit, !text.isEmpty else { return }
            try output.append(text)
            text.removeAll(keepingCapacity: true)
        }
    }

    var quantityColumn: Column { kind == .actuals ? .actual : .forecast }

    /// What a source's header settles before any of its rows: the fields its file name gives
    /// (`--name-pattern`), the layout (long, or month columns) and the columns read. A header
    /// that lacks a column the side needs, or a file name the pattern doesn't match, stops here.
    func plan(header: [String], line: Int, of source: SideSource)
        throws(InputError) -> (named: [NamePattern.Field: String], layout: SheetLayout, mapping: ColumnMapping) {
        var named: [NamePattern.Field: String] = [:]
        if let pattern {
            guard let fields = pattern.match(source.baseName) else { throw .nameMismatch(path: source.displayName, pattern: pattern.text) }
            named = fields
        }
        let layout = SheetLayout(header: header, order: dateOrder)
        var required: [Column] = []
        if named[.customer] == nil { required.append(.customer) }
        if named[.item] == nil { required.append(.item) }
        if !layout.isWide {
            if named[.period] == nil { required.append(.period) }
            required.append(quantityColumn)
        }
        var optional: [Column] = []
        if kind == .forecasts, named[.snapshot] == nil { optional += [.lag, .snapshot] }
        optional.append(.name)
        do throws(InputError) {
            let mapping = try ColumnMapping.map(header: header, required: required, optional: optional, overrides: overrides,
                                                file: source.displayName, line: line)
            return (named, layout, mapping)
        } catch {
            // Month columns without the customer or item: a customer's own sheet, which its file name names.
            if case .missingColumns(let file, let line, let missing, let header, nil) = error, pattern == nil, layout.isWide,
               let first = layout.monthColumns.first, let last = layout.monthColumns.last,
               missing.contains(where: { $0 == .customer || $0 == .item }) {
                let read = Set(layout.monthColumns.map(\.index) + [layout.totalsColumn].compactMap { $0 } + layout.ignoredColumns)
                let unread = header.indices.filter { !read.contains($0) && !header[$0].isEmpty }.map { header[$0] }
                throw .missingColumns(file: file, line: line, missing: missing, header: header,
                                      hint: .nameInFileName(months: "\(header[first.index]) to \(header[last.index])", unread: unread))
            }
            throw error
        }
    }

    /// Reads every source into the normalized text, written to `output` as it is made (held in
    /// `Result.text` without one).
    func read(_ sources: [SideSource], into output: NormalizedFile? = nil) throws(InputError) -> Result {
        var result = Result()
        result.output = output
        result.text.append(contentsOf: Array("customer,item,period,\(quantityColumn.rawValue)\(kind == .forecasts ? ",lag" : "")\n".utf8))
        for source in sources {
            try read(source, into: &result)
        }
        try result.flush(above: 0)
        return result
    }

    /// Reads one source: a workbook's sheet piece by piece as it is converted (its text spilled to
    /// a temporary file for rejects.csv's raw rows, never held whole), any other source's bytes decoded.
    private func read(_ source: SideSource, into result: inout Result) throws(InputError) {
        let raw = try SourceBytes.read(source, files: files)
        if source.kind == .workbook {
            guard let workbookReader else { throw .workbookNotSupported(path: source.path) }
            let spill = try SpilledText()
            var intake = SourceIntake(side: self, source: source, sha256: raw.sha256, byteCount: raw.bytes.count, found: "xlsx",
                                      isWorkbook: true, byteShift: nil, rows: .spilled(spill))
            let sheet: ConvertedSheet
            do {
                sheet = try workbookReader(source.path, raw.bytes, self.sheet) { text, sheet in
                    try spill.append(text)
                    try intake.take(text, sheet: sheet, into: &result)
                }
            } catch let error as InputError {
                throw error
            } catch {
                throw .unreadableWorkbook(path: source.path, reason: "\(error)")
            }
            try intake.finish(sheet: sheet, into: &result)
            return
        }
        let decoded = encoding.decode(raw.bytes)
        let found = decoded.found.rawValue
        // Offsets in the text are the file's own where it is the file's bytes: UTF-8, after a byte order mark.
        let byteShift: Int? = found == SourceEncoding.Found.utf8.rawValue ? 0 : found == SourceEncoding.Found.utf8WithBOM.rawValue ? 3 : nil
        var intake = SourceIntake(side: self, source: source, sha256: raw.sha256, byteCount: raw.bytes.count, found: found,
                                  isWorkbook: false, byteShift: byteShift, rows: .memory(decoded.text))
        try intake.take(decoded.text, sheet: nil, into: &result)
        try intake.finish(sheet: nil, into: &result)
    }

    /// A column as messages name it: its header, and a workbook's cell.
    static func columnName(_ origin: SourceMap.Origin, index: Int, line: Int) -> String? {
        guard index >= 0 else { return nil }
        let header = index < origin.header.count ? origin.header[index] : "\(index + 1)"
        if let reference = origin.cellReference?(line, index) { return "\(header) (\(reference))" }
        return header
    }

    /// A value as a message quotes it: its first 60 characters.
    static func quoted(_ text: String) -> RowProblem.FieldText {
        RowProblem.FieldText(text: String(text.prefix(60)), isCut: text.count > 60)
    }

    static func csvQuoted(_ text: String) -> String {
        // Most names hold none of the four bytes: no Character walk for them.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var out = "\""
        for character in text {
            out.append(character)
            if character == "\"" { out.append("\"") }
        }
        return out + "\""
    }

    static func appendField(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: csvQuoted(text).utf8)
    }
}

/// One file (or standard input, or workbook) read for a side, as run.json lists it.
public struct SourceFile: Sendable, Equatable, Codable {
    public var path: String
    public var bytes: Int
    public var sha256: String
    /// What the bytes were: `utf8`, `utf-8 with bom`, `utf-16le`, `windows-1252`, ..., or `xlsx`.
    public var encoding: String
    public var delimiter: String
    /// `long` (one value per row), `wide` (month columns) or `workbook`.
    public var layout: String
    public var columns: ColumnMapping
    /// Values read: a long file's data rows; a wide sheet's filled month cells. Totals rows included.
    public var rowsRead = 0
    public var rowsRejected = 0
    /// Rows that sum the rows above them (`Total`, `Summe`, ...): not data, counted here.
    public var totalsRows = 0
    /// The sheet read, when the source is a workbook.
    public var sheet: String? = nil
    /// The header's line, when `--header-row` gave it or it was found below a first line that is no header.
    public var headerLine: Int? = nil
    /// The first line with a value, when the header was found below it (a title), and its text.
    public var titleLine: Int? = nil
    public var titleText: String? = nil
}

import TrueupCSV

/// Reads the sources of one side (forecasts or actuals) into one normalized long-format text
/// that the fast reader takes as it takes a plain file: `customer,item,period,QUANTITY[,lag]`,
/// periods as `YYYY-MM`, quantities as plain decimals with their decimal places as written.
///
/// Everything about the sources' dialect is settled here, per source: the encoding, the decimal
/// mark, the date order, the layout (long, or month columns), the fields its file name gives.
/// A value that can't be read is a row problem with its source's position; the map takes the
/// reader's problems (duplicates, lags) back to the source too.
struct SideIntake {
    let kind: RowParser.Kind
    let encoding: SourceEncoding
    let dateOrder: DateOrder?
    let pattern: NamePattern?
    let overrides: [Column: String]
    let workbookReader: WorkbookReader?
    let sheet: String?

    struct Result {
        var text: [UInt8] = []
        var map = SourceMap()
        var files: [SourceFile] = []
        var problems: [RowProblem] = []
        var totalsRows = 0
        var rows = 0
        /// Each customer's first non-empty name.
        var names: [String: String] = [:]
        /// The line the next row of `text` starts on.
        var nextLine = 2
    }

    var quantityColumn: Column { kind == .actuals ? .actual : .forecast }

    func read(_ sources: [SideSource]) throws(InputError) -> Result {
        var result = Result()
        result.text.append(contentsOf: Array("customer,item,period,\(quantityColumn.rawValue)\(kind == .forecasts ? ",lag" : "")\n".utf8))
        for source in sources {
            try read(source, into: &result)
        }
        return result
    }

    /// A source's text: a workbook's sheet, or the bytes decoded.
    private func text(of source: SideSource) throws(InputError) -> (text: [UInt8], sha256: String, bytes: Int, encoding: String,
                                                                      sheet: ConvertedSheet?) {
        let raw = try SourceBytes.read(source)
        if source.kind == .workbook {
            guard let workbookReader else { throw .workbookNotSupported(path: source.path) }
            do {
                let sheet = try workbookReader(source.path, raw.bytes, self.sheet)
                return (sheet.text, raw.sha256, raw.bytes.count, "xlsx", sheet)
            } catch let error as InputError {
                throw error
            } catch {
                throw .unreadableWorkbook(path: source.path, reason: "\(error)")
            }
        }
        let decoded = encoding.decode(raw.bytes)
        return (decoded.text, raw.sha256, raw.bytes.count, decoded.found.rawValue, nil)
    }

    /// One record, kept while its source is read.
    private struct Record {
        var line: Int
        var fields: [String]
        var raw: Range<Int>
        /// The first byte that is not UTF-8 in each field that has one (rare: only then is it filled).
        var invalidUTF8: [Int: UInt8]
    }

    private func read(_ source: SideSource, into result: inout Result) throws(InputError) {
        let name = source.displayName
        let (text, sha256, byteCount, found, sheet) = try self.text(of: source)
        let cells = sheet?.cellReference
        let cellError = sheet?.cellError
        var records: [Record] = []
        let dialect: CSVDialect
        do {
            // A sheet's text is always commas and RFC 4180 quotes: nothing to sniff.
            let reader = try CSVReader(bytes: text, name: name, dialect: sheet.map { _ in CSVDialect() })
            dialect = reader.dialect
            try reader.forEachRecord { record in
                let fields = (0..<record.count).map { record.string($0) }
                let start = record.byteOffset
                var invalid: [Int: UInt8] = [:]
                if TextEncoding.firstInvalidUTF8(record.raw) != nil {
                    for k in 0..<record.count {
                        if let bad = TextEncoding.firstInvalidUTF8(record.field(k)) { invalid[k] = bad.byte }
                    }
                }
                records.append(Record(line: record.line, fields: fields, raw: start..<(start + record.raw.count), invalidUTF8: invalid))
            }
        } catch let error as CSVError {
            switch error {
            case .unsupportedEncoding(let encoding): throw .unsupportedEncoding(path: name, encoding: encoding)
            case .unreadable(_, let reason): throw .unreadable(path: name, reason: reason)
            case .unterminatedQuote(let position): throw .unterminatedQuote(path: name, line: position.line)
            case .recordTooLong(let position, let limit): throw .recordTooLong(path: name, line: position.line, limit: limit)
            }
        } catch {
            throw .unreadable(path: name, reason: "\(error)")
        }
        guard let headerRecord = records.first(where: { !$0.fields.allSatisfy { $0.trimmingCharacters().isEmpty } }) else {
            throw .emptyFile(path: name)
        }
        let header = headerRecord.fields.map { $0.trimmingCharacters() }
        var named: [NamePattern.Field: String] = [:]
        if let pattern {
            guard let fields = pattern.match(source.baseName) else { throw .nameMismatch(path: name, pattern: pattern.text) }
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
        let mapping = try ColumnMapping.map(header: header, required: required, optional: optional, overrides: overrides,
                                            file: name, line: headerRecord.line)
        let column = mapping.index
        let data = records.drop { $0.line <= headerRecord.line }

        // The file's date order and decimal mark, from all its values.
        var order = dateOrder
        if order == nil {
            order = try Self.dateOrder(in: data, columns: [column[.period], column[.snapshot]].compactMap { $0 },
                                       extra: named.filter { $0.key == .snapshot || $0.key == .period }.map(\.value), file: name)
        }
        let valueColumns = layout.isWide ? layout.monthColumns.map(\.index) : [column[quantityColumn]].compactMap { $0 }
        let mark = Self.decimalMark(in: data, columns: valueColumns, delimiter: dialect.delimiter)

        let index = result.map.origins.count
        var indexOfColumn: [Column: Int] = [:]
        for (key, value) in column { indexOfColumn[key] = value }
        // Offsets in `text` are the file's own where it is the file's bytes: UTF-8, after a byte order mark.
        let byteShift: Int? = sheet != nil ? nil : found == SourceEncoding.Found.utf8.rawValue ? 0
            : found == SourceEncoding.Found.utf8WithBOM.rawValue ? 3 : nil
        let origin = SourceMap.Origin(name: name, text: text, header: header, columns: indexOfColumn, cellReference: cells,
                                      isWorkbook: sheet != nil, byteShift: byteShift)
        result.map.origins.append(origin)
        var file = SourceFile(path: name, bytes: byteCount, sha256: sha256, encoding: found,
                              delimiter: sheet != nil ? "none (a workbook)" : dialect.delimiterName,
                              layout: cells != nil ? "workbook" : layout.isWide ? "wide" : "long", columns: mapping)
        file.sheet = sheet?.sheet
        let namedSnapshot = named[.snapshot].flatMap { PeriodText.month($0, order: order) }
        let namedPeriod = named[.period].flatMap { PeriodText.month($0, order: order) }

        for record in data {
            let fields = record.fields
            if fields.allSatisfy({ $0.trimmingCharacters().isEmpty }) { continue }
            func cell(_ key: Column) -> String? {
                guard let k = column[key] else { return nil }
                return k < fields.count ? fields[k].trimmingCharacters() : ""
            }
            func reject(_ at: Int?, _ kind: RowProblem.Kind) {
                var columnName: String?
                if let at { columnName = Self.columnName(origin, index: at, line: record.line) }
                result.problems.append(RowProblem(file: name, line: record.line, byte: byteShift.map { record.raw.lowerBound + $0 },
                                                  column: columnName, kind: kind, raw: origin.rawText(text[record.raw])))
                file.rowsRejected += 1
                file.rowsRead += 1
            }
            let keyCells = [cell(.item), cell(.customer), fields.first].compactMap { $0 }
            if keyCells.contains(where: TotalsRow.isTotals) {
                file.totalsRows += 1
                file.rowsRead += 1
                continue
            }
            if !layout.isWide && fields.count != header.count || layout.isWide && fields.count > header.count {
                reject(nil, .fieldCount(expected: header.count, found: fields.count))
                continue
            }
            // A workbook's error cell (#N/A, a formula never calculated) where the row's key, period, lag or
            // long value is read makes the row unusable; in a column trueup doesn't read it is harmless.
            var errorIn: ((Int) -> RowProblem.Kind?)?
            if let cellError, text[record.raw].contains(ConvertedSheet.errorMarker) {
                let line = record.line
                errorIn = { cellError(line, $0) }
            }
            if let errorIn {
                let read = [column[.customer], column[.item], column[.name], column[.period], column[.snapshot], column[.lag],
                            layout.isWide ? nil : column[quantityColumn]]
                if let k = read.compactMap({ $0 }).first(where: { errorIn($0) != nil }), let kind = errorIn(k) {
                    reject(k, kind)
                    continue
                }
            }
            // Names must be UTF-8; a description or other column trueup doesn't read may be anything.
            if let k = [column[.customer], column[.item], column[.name]].compactMap({ $0 }).first(where: { record.invalidUTF8[$0] != nil }),
               let byte = record.invalidUTF8[k] {
                reject(k, .notUTF8(byte: byte, encodings: ["windows-1252", "latin1"]))
                continue
            }
            let customer = named[.customer] ?? cell(.customer) ?? ""
            guard !customer.isEmpty else { reject(column[.customer], .emptyName(.customer)); continue }
            let item = named[.item] ?? cell(.item) ?? ""
            guard !item.isEmpty else { reject(column[.item], .emptyName(.item)); continue }
            if let name = cell(.name), !name.isEmpty, result.names[customer] == nil { result.names[customer] = name }
            var snapshot = namedSnapshot
            if let text = cell(.snapshot) {
                guard let month = PeriodText.month(text, order: order) else {
                    reject(column[.snapshot], .period(Self.quoted(text), forms: .monthsAndDates))
                    continue
                }
                snapshot = month
            }
            let lagText = cell(.lag)

            // (month, value text, source column) for every value the row holds.
            var values: [(month: Month, text: String, column: Int)] = []
            if layout.isWide {
                for (k, month) in layout.monthColumns where k < fields.count {
                    let text = fields[k].trimmingCharacters()
                    if !text.isEmpty { values.append((month, text, k)) }
                }
            } else {
                var month = namedPeriod
                if let text = cell(.period) {
                    month = PeriodText.month(text, order: order)
                    if month == nil {
                        reject(column[.period], .period(Self.quoted(text), forms: .monthsAndDates))
                        continue
                    }
                }
                guard let month, let k = column[quantityColumn] else { continue }
                values.append((month, fields[k].trimmingCharacters(), k))
            }
            for value in values {
                let at = layout.isWide ? value.column : -1
                if let errorIn, let kind = errorIn(value.column) {
                    reject(value.column, kind)
                    continue
                }
                guard let plain = NumberText.plain(value.text, mark: mark) else {
                    reject(value.column, .number(Self.quoted(value.text), decimalComma: mark == .comma))
                    continue
                }
                var lag = lagText ?? "0"
                if let snapshot {
                    let months = value.month - snapshot
                    guard months >= 0, months <= Panel.maximumLag else {
                        reject(column[.snapshot] ?? value.column, months < 0
                               ? .snapshotAfterPeriod(snapshot: snapshot, period: value.month)
                               : .snapshotTooEarly(snapshot: snapshot, period: value.month))
                        continue
                    }
                    lag = String(months)
                }
                let start = result.text.count
                Self.appendField(customer, to: &result.text)
                result.text.append(UInt8(ascii: ","))
                Self.appendField(item, to: &result.text)
                var line = ",\(value.month),\(plain)"
                if kind == .forecasts { line += "," + Self.csvQuoted(lag) }
                line += "\n"
                result.text.append(contentsOf: Array(line.utf8))
                result.map.add(normalizedLine: result.nextLine, source: index, line: record.line, valueColumn: at, raw: record.raw)
                result.nextLine += result.text[start...].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                result.rows += 1
                file.rowsRead += 1
            }
        }
        result.totalsRows += file.totalsRows
        result.files.append(file)
    }

    /// A column as messages name it: its header, and a workbook's cell.
    static func columnName(_ origin: SourceMap.Origin, index: Int, line: Int) -> String? {
        guard index >= 0 else { return nil }
        let header = index < origin.header.count ? origin.header[index] : "\(index + 1)"
        if let reference = origin.cellReference?(line, index) { return "\(header) (\(reference))" }
        return header
    }

    /// Day-first or month-first, from the file's `NN/NN/YYYY` values: one whose first number is
    /// above 12 settles day-first, second above 12 month-first. Nil when no value needs an order.
    private static func dateOrder(in data: ArraySlice<Record>, columns: [Int], extra: [String], file: String) throws(InputError) -> DateOrder? {
        var dayFirst = false, monthFirst = false
        var firstAmbiguous: (line: Int, text: String)?
        func look(_ text: String, line: Int) {
            switch PeriodText.read(text) {
            case .onlyDayFirst: dayFirst = true
            case .onlyMonthFirst: monthFirst = true
            case .ambiguous: if firstAmbiguous == nil { firstAmbiguous = (line, text.trimmingCharacters()) }
            default: break
            }
        }
        for text in extra { look(text, line: 0) }
        for record in data {
            for k in columns where k < record.fields.count { look(record.fields[k], line: record.line) }
        }
        if dayFirst && !monthFirst { return .dmy }
        if monthFirst && !dayFirst { return .mdy }
        if let firstAmbiguous { throw .ambiguousDateOrder(path: file, line: firstAmbiguous.line, value: firstAmbiguous.text) }
        return nil
    }

    /// The file's decimal mark. In a semicolon-separated file a comma, unless the values show only
    /// points (`0.25`); in a comma-separated file a point, unless a value has both marks with the
    /// comma last (`"1.234,5"`) and none shows a point (a lone `"1,5"` there is more likely a
    /// typo than a decimal comma); in any other file (tabs, pipes) what the values show, else a point.
    private static func decimalMark(in data: ArraySlice<Record>, columns: [Int], delimiter: UInt8) -> NumberText.DecimalMark {
        var point = false, comma = false, bothMarksCommaLast = false
        for record in data {
            for k in columns where k < record.fields.count {
                switch NumberText.evidence(record.fields[k]) {
                case .point?: point = true
                case .comma?:
                    comma = true
                    if record.fields[k].contains(".") { bothMarksCommaLast = true }
                case nil: break
                }
            }
            if point && comma { break }
        }
        switch delimiter {
        case UInt8(ascii: ";"): return point && !comma ? .point : .comma
        case UInt8(ascii: ","): return bothMarksCommaLast && !point ? .comma : .point
        default: return comma && !point ? .comma : .point
        }
    }

    /// A value as a message quotes it: its first 60 characters.
    private static func quoted(_ text: String) -> RowProblem.FieldText {
        RowProblem.FieldText(text: String(text.prefix(60)), isCut: text.count > 60)
    }

    private static func csvQuoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var out = "\""
        for character in text {
            out.append(character)
            if character == "\"" { out.append("\"") }
        }
        return out + "\""
    }

    private static func appendField(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: Array(csvQuoted(text).utf8))
    }
}

/// One file (or standard input, or workbook) read for a side, as run.json lists it.
public struct SourceFile: Sendable, Equatable {
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
}

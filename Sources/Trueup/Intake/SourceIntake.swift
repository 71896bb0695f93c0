import TrueupCSV

/// One source of a side read record by record as its text arrives: a file's decoded text in one
/// piece, a workbook's sheet in pieces as the sheet is converted. A record is written to the
/// normalized text as soon as it is read and not kept.
///
/// The file's date order and decimal mark come from all its values, so a value that reads one
/// way or another by them (an ambiguous `03/04/2024`, a `1.234` in a file without a settled mark)
/// can't be written before they are settled. From such a record on the records are held, in
/// order, until the evidence settles the question (a day above 12, a `0.5`), or the source ends;
/// then they are written as the whole file's evidence says. A file whose values never depend on
/// an open question (ISO dates or date cells, numbers with a point in a comma file) holds none.
/// The result is the same as reading all records first: a record written early reads the same
/// under every order and mark the rest of the file could settle on.
struct SourceIntake {
    private let side: SideIntake
    private let source: SideSource
    private let name: String
    private let sha256: String
    private let byteCount: Int
    /// The encoding found (`utf8`, ..., `xlsx`).
    private let found: String
    private let isWorkbook: Bool
    /// What makes an offset in the source's text an offset in the file (nil: no file offsets).
    private let byteShift: Int?
    /// The source's text for rejects.csv's raw rows: in memory, or spilled as it streamed by.
    private let rows: SourceMap.RawRows

    private var dialect: CSVDialect?
    private var setup: Setup?
    /// Which record is the header: found by itself, or on the line `--header-row` gives.
    private var headerRow: HeaderRow
    /// The source's facts for run.json, counted as its records are written.
    private var file: SourceFile?
    /// An error found at the header, thrown once the source's text has all been read (its own
    /// errors, a cut quote or a damaged cell, come first, as when all records were read first).
    private var deferred: InputError?
    private var evidence = Evidence()
    private var held: [Record] = []
    /// Whether a held record waits for the date order, or for the decimal mark.
    private var heldForOrder = false
    private var heldForMark = false
    /// Problems about numbers written while the decimal mark was open: their hint is set at the end.
    private var openMarkProblems: [Int] = []
    /// The lines and bytes of the pieces before the current one.
    private var linesBefore = 0
    private var bytesBefore = 0

    /// What the header settles, shared by every record (a class: a record takes one reference, not ten).
    private final class Setup {
        let header: [String]
        let named: [NamePattern.Field: String]
        let layout: SheetLayout
        let column: [Column: Int]
        let dateColumns: [Int]
        let valueColumns: [Int]
        /// The source's index in the map's origins.
        let index: Int
        /// A value of the file name that is an ambiguous date: every record waits for the order.
        let namedIsAmbiguous: Bool
        /// The field of each column read, looked up once (nil: not in the header).
        let customer, item, name, period, snapshot, lag, quantity: Int?

        init(header: [String], named: [NamePattern.Field: String], layout: SheetLayout, column: [Column: Int], quantity: Column,
             dateColumns: [Int], valueColumns: [Int], index: Int, namedIsAmbiguous: Bool) {
            self.header = header
            self.named = named
            self.layout = layout
            self.column = column
            self.dateColumns = dateColumns
            self.valueColumns = valueColumns
            self.index = index
            self.namedIsAmbiguous = namedIsAmbiguous
            customer = column[.customer]
            item = column[.item]
            name = column[.name]
            period = column[.period]
            snapshot = column[.snapshot]
            lag = column[.lag]
            self.quantity = column[quantity]
        }
    }

    /// A record held until the date order or the decimal mark is settled.
    private struct Record {
        var line: Int
        var fields: [String]
        var raw: Range<Int>
        var rawText: [UInt8]
        /// The first byte that is not UTF-8 in each field that has one (rare: only then is it filled).
        var invalidUTF8: [Int: UInt8]
    }

    /// What the values say so far about the date order and the decimal mark.
    private struct Evidence {
        var dayFirst = false, monthFirst = false
        var firstAmbiguous: (line: Int, text: String)?
        var point = false, comma = false, bothMarksCommaLast = false
        /// The first quantity that reads differently by the two marks, while none had settled it.
        var firstOnMark: (line: Int, text: String)?
    }

    init(side: SideIntake, source: SideSource, sha256: String, byteCount: Int, found: String, isWorkbook: Bool, byteShift: Int?,
         rows: SourceMap.RawRows) {
        self.side = side
        self.source = source
        name = source.displayName
        self.sha256 = sha256
        self.byteCount = byteCount
        self.found = found
        self.isWorkbook = isWorkbook
        self.byteShift = byteShift
        self.rows = rows
        headerRow = HeaderRow(given: side.headerRow, path: source.displayName)
    }

    // MARK: - Pieces of text

    /// Reads the records of `text`, the next piece of the source's text: whole records, the first
    /// starting a line. A workbook's pieces come with the sheet as far as they go.
    mutating func take(_ text: [UInt8], sheet: ConvertedSheet?, into result: inout SideIntake.Result) throws(InputError) {
        if let sheet, let index = setup?.index {
            result.map.origins[index].cellReference = sheet.cellReference
        }
        do {
            // A sheet's text is always commas and RFC 4180 quotes: nothing to sniff.
            let reader = try CSVReader(bytes: text, name: name, dialect: dialect ?? sheet.map { _ in CSVDialect() })
            dialect = reader.dialect
            let lines = linesBefore, bytes = bytesBefore
            var failure: InputError?
            try reader.forEachRecord { record in
                do throws(InputError) {
                    try self.read(record, line: lines + record.line, offset: bytes + record.byteOffset, sheet: sheet, into: &result)
                } catch {
                    failure = error
                    throw error
                }
            }
            if let failure { throw failure }
        } catch let error as InputError {
            throw error
        } catch let error as CSVError {
            switch error {
            case .unsupportedEncoding(let encoding): throw .unsupportedEncoding(path: name, encoding: encoding)
            case .unreadable(_, let reason): throw .unreadable(path: name, reason: reason)
            case .unterminatedQuote(let position): throw .unterminatedQuote(path: name, line: linesBefore + position.line)
            case .recordTooLong(let position, let limit): throw .recordTooLong(path: name, line: linesBefore + position.line, limit: limit)
            }
        } catch {
            throw .unreadable(path: name, reason: "\(error)")
        }
        linesBefore += text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        bytesBefore += text.count
    }

    private mutating func read(_ record: borrowing CSVRecord, line: Int, offset: Int, sheet: ConvertedSheet?,
                               into result: inout SideIntake.Result) throws(InputError) {
        if deferred != nil { return }
        let fields = (0..<record.count).map { record.string($0) }
        var invalid: [Int: UInt8] = [:]
        if TextEncoding.firstInvalidUTF8(record.raw) != nil {
            for k in 0..<record.count {
                if let bad = TextEncoding.firstInvalidUTF8(record.field(k)) { invalid[k] = bad.byte }
            }
        }
        guard let setup else {
            let side = self.side, source = self.source
            switch headerRow.offer(fields, line: line, plan: { fields, line throws(InputError) in
                _ = try side.plan(header: fields, line: line, of: source)
            }) {
            case .skip:
                return
            case .stop(let error):
                deferred = error
            case .header(let header, let line, let below):
                do throws(InputError) {
                    try start(header: header, line: line, sheet: sheet, into: &result)
                    if side.headerRow != nil || below != nil { file?.headerLine = line }
                    if let below {
                        file?.titleLine = below.line
                        file?.titleText = below.fields.filter { !$0.isEmpty }.joined(separator: " ")
                    }
                } catch {
                    deferred = error
                }
            }
            return
        }
        let raw = offset..<(offset + record.raw.count)
        let depends = look(at: fields, line: line, setup: setup)
        if held.isEmpty && !depends.onOrder && !depends.onMark {
            process(line: line, fields: fields, raw: raw, rawText: record.raw, invalidUTF8: invalid, sheet: sheet, into: &result)
        } else {
            held.append(Record(line: line, fields: fields, raw: raw, rawText: Array(record.raw), invalidUTF8: invalid))
            heldForOrder = heldForOrder || depends.onOrder
            heldForMark = heldForMark || depends.onMark
            if (!heldForOrder || isOrderKnown) && (!heldForMark || isMarkSettled) { release(sheet: sheet, into: &result) }
        }
        try result.flush()
    }

    /// The header: the columns, the layout and the file name's fields.
    private mutating func start(header: [String], line: Int, sheet: ConvertedSheet?, into result: inout SideIntake.Result) throws(InputError) {
        let (named, layout, mapping) = try side.plan(header: header, line: line, of: source)
        let quantityColumn = side.quantityColumn
        let column = mapping.index

        var namedIsAmbiguous = false
        for (key, value) in named where key == .snapshot || key == .period {
            look(value, line: 0)
            if case .ambiguous = PeriodText.read(value), !isOrderSettled { namedIsAmbiguous = true }
        }
        let index = result.map.origins.count
        var indexOfColumn: [Column: Int] = [:]
        for (key, value) in column { indexOfColumn[key] = value }
        result.map.origins.append(SourceMap.Origin(name: name, rows: rows, header: header, columns: indexOfColumn,
                                                   cellReference: sheet?.cellReference, isWorkbook: isWorkbook, byteShift: byteShift))
        var facts = SourceFile(path: name, bytes: byteCount, sha256: sha256, encoding: found,
                              delimiter: isWorkbook ? "none (a workbook)" : (dialect ?? CSVDialect()).delimiterName,
                              layout: isWorkbook ? "workbook" : layout.isWide ? "wide" : "long", columns: mapping)
        facts.sheet = sheet?.sheet
        file = facts
        setup = Setup(header: header, named: named, layout: layout, column: column, quantity: quantityColumn,
                      dateColumns: [column[.period], column[.snapshot]].compactMap { $0 },
                      valueColumns: layout.isWide ? layout.monthColumns.map(\.index) : [column[quantityColumn]].compactMap { $0 },
                      index: index, namedIsAmbiguous: namedIsAmbiguous)
    }

    /// Writes the records still held and the source's file facts; throws what the source's
    /// header or dates left open.
    mutating func finish(sheet: ConvertedSheet?, into result: inout SideIntake.Result) throws(InputError) {
        if let deferred { throw deferred }
        guard let setup else { throw headerRow.end() }
        if let sheet { result.map.origins[setup.index].cellReference = sheet.cellReference }
        if side.dateOrder == nil, order == nil, let first = evidence.firstAmbiguous {
            throw .ambiguousDateOrder(path: name, line: first.line, value: first.text)
        }
        release(sheet: sheet, into: &result)
        let comma = mark == .comma
        for k in openMarkProblems {
            if case .number(let text, _) = result.problems[k].kind { result.problems[k].kind = .number(text, decimalComma: comma) }
        }
        openMarkProblems = []
        // No value settled the mark, and one read by it: the mark assumed is said (the first source's).
        if side.decimalMark == nil, !evidence.point, !evidence.comma, let first = evidence.firstOnMark, result.decimalMark == nil {
            let read = ExportNumber.plain(first.text, mark: mark) ?? first.text
            result.decimalMark = DecimalMarkChoice(mark: mark, evidence: .assumed(file: name, line: first.line, value: first.text, read: read))
        }
        guard let file else { return }
        result.totalsRows += file.totalsRows
        result.files.append(file)
    }

    // MARK: - Evidence

    /// The file's date order: the user's, or what the values say so far (nil while open or mixed).
    private var order: DateOrder? {
        if let given = side.dateOrder { return given }
        if evidence.dayFirst && !evidence.monthFirst { return .dmy }
        if evidence.monthFirst && !evidence.dayFirst { return .mdy }
        return nil
    }

    /// Whether no later value can change how a date is read: the order is given, or the values
    /// have shown both orders (then an ambiguous date anywhere fails the file).
    private var isOrderSettled: Bool { side.dateOrder != nil || (evidence.dayFirst && evidence.monthFirst) }

    /// Whether an ambiguous date can be read now: the order is settled, or the values point one
    /// way so far. Should a value later point the other way, the file's ambiguous dates fail it
    /// (`finish`), so a date read by the first way is never written to a run that goes on.
    private var isOrderKnown: Bool { order != nil || isOrderSettled }

    /// The file's decimal mark by the values so far. In a semicolon-separated file a comma,
    /// unless the values show only points (`0.25`); in a comma-separated file a point, unless a
    /// value has both marks with the comma last (`"1.234,5"`) and none shows a point (a lone
    /// `"1,5"` there is more likely a typo than a decimal comma); in any other file (tabs,
    /// pipes) what the values show, else a point.
    private var mark: DecimalMark {
        if let given = side.decimalMark { return given }
        let e = evidence
        switch delimiter {
        case UInt8(ascii: ";"): return e.point && !e.comma ? .point : .comma
        case UInt8(ascii: ","): return e.bothMarksCommaLast && !e.point ? .comma : .point
        default: return e.comma && !e.point ? .comma : .point
        }
    }

    /// Whether no later value can change the mark: a comma seen in a semicolon file, a point in any other.
    private var isMarkSettled: Bool {
        side.decimalMark != nil || (delimiter == UInt8(ascii: ";") ? evidence.comma : evidence.point)
    }

    private var delimiter: UInt8 { (dialect ?? CSVDialect()).delimiter }

    /// Adds a record's values to the evidence; returns whether the record reads differently by
    /// a date order or a decimal mark the evidence, with this record, has not settled.
    private mutating func look(at fields: [String], line: Int, setup: Setup) -> (onOrder: Bool, onMark: Bool) {
        var ambiguous = setup.namedIsAmbiguous
        for k in setup.dateColumns where k < fields.count {
            if look(fields[k], line: line) { ambiguous = true }
        }
        for k in setup.valueColumns where k < fields.count {
            let value = fields[k]
            switch ExportNumber.evidence(value) {
            case .point?: evidence.point = true
            case .comma?:
                evidence.comma = true
                if value.contains(".") { evidence.bothMarksCommaLast = true }
            case nil: break
            }
        }
        var onMark = false
        if !isMarkSettled {
            // A value without either mark reads the same by both (a problem's hint is set at the end).
            for k in setup.valueColumns where k < fields.count {
                let text = fields[k].trimmingCharacters()
                if text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }),
                   ExportNumber.plain(text, mark: .point) != ExportNumber.plain(text, mark: .comma) {
                    onMark = true
                    if evidence.firstOnMark == nil, Self.readsDifferently(text) { evidence.firstOnMark = (line, text) }
                    break
                }
            }
        }
        return (ambiguous && !isOrderKnown, onMark)
    }

    /// Whether the two marks read `text` as different numbers (`563.000`: 563 or 563000), not just
    /// as different text (`0.000`).
    private static func readsDifferently(_ text: String) -> Bool {
        let point = ExportNumber.plain(text, mark: .point).flatMap(Double.init)
        let comma = ExportNumber.plain(text, mark: .comma).flatMap(Double.init)
        return point != comma
    }

    /// Adds a date to the evidence; returns whether it is ambiguous.
    @discardableResult
    private mutating func look(_ text: String, line: Int) -> Bool {
        switch PeriodText.read(text) {
        case .onlyDayFirst: evidence.dayFirst = true
        case .onlyMonthFirst: evidence.monthFirst = true
        case .ambiguous:
            if evidence.firstAmbiguous == nil { evidence.firstAmbiguous = (line, text.trimmingCharacters()) }
            return true
        default: break
        }
        return false
    }

    /// Writes the held records, as the evidence now reads them.
    private mutating func release(sheet: ConvertedSheet?, into result: inout SideIntake.Result) {
        let records = held
        held = []
        heldForOrder = false
        heldForMark = false
        for record in records {
            record.rawText.withUncheckedBytes { raw in
                process(line: record.line, fields: record.fields, raw: record.raw, rawText: raw, invalidUTF8: record.invalidUTF8,
                        sheet: sheet, into: &result)
            }
        }
    }

    // MARK: - One record

    private mutating func process(line: Int, fields: [String], raw: Range<Int>, rawText: UncheckedBytes,
                                  invalidUTF8: [Int: UInt8], sheet: ConvertedSheet?, into result: inout SideIntake.Result) {
        guard let setup, file != nil else { return }
        if fields.allSatisfy({ $0.trimmingCharacters().isEmpty }) { return }
        let layout = setup.layout
        let named = setup.named
        let header = setup.header
        let kind = side.kind
        let order = self.order
        let mark = self.mark
        let markIsOpen = !isMarkSettled
        func cell(_ at: Int?) -> String? {
            guard let k = at else { return nil }
            return k < fields.count ? fields[k].trimmingCharacters() : ""
        }
        func reject(_ at: Int?, _ kind: RowProblem.Kind) {
            var columnName: String?
            let origin = result.map.origins[setup.index]
            if let at { columnName = SideIntake.columnName(origin, index: at, line: line) }
            if markIsOpen, case .number = kind { openMarkProblems.append(result.problems.count) }
            result.problems.append(RowProblem(file: name, line: line, byte: byteShift.map { raw.lowerBound + $0 },
                                              column: columnName, kind: kind, raw: origin.rawText(Array(rawText))))
            file?.rowsRejected += 1
            file?.rowsRead += 1
        }
        let itemCell = cell(setup.item), customerCell = cell(setup.customer)
        if itemCell.map(TotalsRow.isTotals) == true || customerCell.map(TotalsRow.isTotals) == true
            || fields.first.map(TotalsRow.isTotals) == true {
            file?.totalsRows += 1
            file?.rowsRead += 1
            return
        }
        if !layout.isWide && fields.count != header.count || layout.isWide && fields.count > header.count {
            reject(nil, .fieldCount(expected: header.count, found: fields.count))
            return
        }
        // A workbook's error cell (#N/A, a formula never calculated) where the row's key, period, lag or
        // long value is read makes the row unusable; in a column trueup doesn't read it is harmless.
        var errorIn: ((Int) -> RowProblem.Kind?)?
        if let cellError = sheet?.cellError, rawText.contains(ConvertedSheet.errorMarker) {
            errorIn = { cellError(line, $0) }
        }
        if let errorIn {
            let read = [setup.customer, setup.item, setup.name, setup.period, setup.snapshot, setup.lag,
                        layout.isWide ? nil : setup.quantity]
            if let k = read.compactMap({ $0 }).first(where: { errorIn($0) != nil }), let kind = errorIn(k) {
                reject(k, kind)
                return
            }
        }
        // Names must be UTF-8; a description or other column trueup doesn't read may be anything.
        if !invalidUTF8.isEmpty,
           let k = [setup.customer, setup.item, setup.name].compactMap({ $0 }).first(where: { invalidUTF8[$0] != nil }),
           let byte = invalidUTF8[k] {
            reject(k, .notUTF8(byte: byte, encodings: ["windows-1252"]))
            return
        }
        let customer = named[.customer] ?? customerCell ?? ""
        guard !customer.isEmpty else { reject(setup.customer, .emptyName(.customer)); return }
        let item = named[.item] ?? itemCell ?? ""
        guard !item.isEmpty else { reject(setup.item, .emptyName(.item)); return }
        if let name = cell(setup.name), !name.isEmpty, result.names[customer] == nil { result.names[customer] = name }
        var snapshot = named[.snapshot].flatMap { PeriodText.month($0, order: order) }
        if let text = cell(setup.snapshot) {
            guard let month = PeriodText.month(text, order: order) else {
                reject(setup.snapshot, .period(SideIntake.quoted(text), forms: .monthsAndDates))
                return
            }
            snapshot = month
        }
        let lagText = cell(setup.lag)

        // (month, value text, source column) for every value the row holds.
        // An actual's day, when its period is a date: the normalized text keeps it for the cut-off rule (`CutOffMonth`).
        var day = 0
        var values: [(month: Month, text: String, column: Int)] = []
        if layout.isWide {
            for (k, month) in layout.monthColumns where k < fields.count {
                let text = fields[k].trimmingCharacters()
                if !text.isEmpty { values.append((month, text, k)) }
            }
        } else {
            var month = named[.period].flatMap { PeriodText.month($0, order: order) }
            if let text = cell(setup.period) {
                month = PeriodText.month(text, order: order)
                if month == nil {
                    reject(setup.period, .period(SideIntake.quoted(text), forms: .monthsAndDates))
                    return
                }
                if kind == .actuals { day = PeriodText.day(text, order: order) }
            }
            guard let month, let k = setup.quantity else { return }
            values.append((month, fields[k].trimmingCharacters(), k))
        }
        for value in values {
            let at = layout.isWide ? value.column : -1
            if let errorIn, let kind = errorIn(value.column) {
                reject(value.column, kind)
                continue
            }
            guard let plain = ExportNumber.plain(value.text, mark: mark) else {
                reject(value.column, .number(SideIntake.quoted(value.text), decimalComma: mark == .comma))
                continue
            }
            var lag = lagText ?? "0"
            if let snapshot {
                let months = value.month - snapshot
                guard months >= 0, months <= Panel.maximumLag else {
                    reject(setup.snapshot ?? value.column, months < 0
                           ? .snapshotAfterPeriod(snapshot: snapshot, period: value.month)
                           : .snapshotTooEarly(snapshot: snapshot, period: value.month))
                    continue
                }
                lag = String(months)
            }
            let start = result.text.count
            SideIntake.appendField(customer, to: &result.text)
            result.text.append(UInt8(ascii: ","))
            SideIntake.appendField(item, to: &result.text)
            result.text.append(UInt8(ascii: ","))
            result.text.append(contentsOf: value.month.description.utf8)
            if day > 0 { result.text.append(contentsOf: (day < 10 ? "-0\(day)" : "-\(day)").utf8) }
            result.text.append(UInt8(ascii: ","))
            result.text.append(contentsOf: plain.utf8)
            if kind == .forecasts {
                result.text.append(UInt8(ascii: ","))
                SideIntake.appendField(lag, to: &result.text)
            }
            result.text.append(UInt8(ascii: "\n"))
            result.map.add(normalizedLine: result.nextLine, source: setup.index, line: line, valueColumn: at, raw: raw)
            result.nextLine += result.text[start...].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            result.rows += 1
            file?.rowsRead += 1
        }
    }
}

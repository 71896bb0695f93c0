import TrueupCSV

/// The rows of one block of a file, parsed on their own: keys interned in the
/// block's own dictionaries, values in columns, problems kept with their lines.
///
/// Lines are counted from the block's first line (1); the merge adds the
/// block's place in the file once the blocks before it are known.
struct ParsedBlock: Sendable {
    /// Where the block's parse began, and where it stopped.
    var start: Int
    var stop = CSVReader.Stop(offset: 0, lines: 0)
    /// A reader error (an unterminated quote): real when the block began where
    /// the block before it ended, a sign of a wrong guess otherwise.
    var failure: CSVError?

    var customers = KeyDictionary()
    var items = KeyDictionary()
    var rows = RowColumns()
    var problems: [RowProblem] = []
    var rowsRead = 0
    /// The decimal places of the block's quantities (nil: one has more than whole units can hold).
    var decimals: Int? = 0
    /// Scratch for names transcoded to UTF-8.
    var transcoded: [UInt8] = []
    /// The customer and item of the last plain row the lane read whole (`RowParser.takePlain`).
    var leadingIDs: (customer: Int32, item: Int32) = (0, 0)
    /// The decimal marks the block's quantities showed, in a semicolon file.
    var marks: DecimalMarks = []

    init(start: Int) { self.start = start }

    /// Room for about `rows` rows, so the columns never regrow (pages are only touched when written).
    func reserve(rows count: Int) { rows.reserve(count) }

    /// Empties the block for a parse from `start`; its columns keep their storage.
    mutating func reuse(start: Int) {
        self.start = start
        stop = CSVReader.Stop(offset: 0, lines: 0)
        failure = nil
        customers = KeyDictionary()
        items = KeyDictionary()
        rows.removeAll()
        problems.removeAll()
        rowsRead = 0
        decimals = 0
        leadingIDs = (0, 0)
        marks = []
    }

    /// A block with no record: the one before it ran past its whole range.
    init(empty offset: Int) {
        start = offset
        stop = CSVReader.Stop(offset: offset, lines: 0)
    }
}

/// Turns one record into a row of a `ParsedBlock`, or into a problem.
struct RowParser: Sendable {
    enum Kind: Sendable { case actuals, forecasts }

    let kind: Kind
    let file: String
    let decimalComma: Bool
    let encoding: TextEncoding
    let width: Int
    let names: [String]
    let customer, item, period, quantity, lag, snapshot: Int
    /// How the plain path reads these rows, or nil when it can't (see `PlainLayout`).
    var plain: PlainLayout?

    /// Quantities beyond this are typos or overflow sentinels, not units: their sums would overflow.
    static let largestQuantity = 1e15

    init(kind: Kind, file: String, mapping: ColumnMapping, dialect: CSVDialect, decimalComma: Bool, encoding: TextEncoding = .utf8) {
        self.kind = kind
        self.file = file
        self.decimalComma = decimalComma
        self.encoding = encoding
        width = mapping.header.count
        names = mapping.header
        // ColumnMapping.map guarantees the required columns; -1 marks an absent optional one.
        customer = mapping.index[.customer] ?? -1
        item = mapping.index[.item] ?? -1
        period = mapping.index[.period] ?? -1
        quantity = mapping.index[kind == .actuals ? .actual : .forecast] ?? -1
        lag = mapping.index[.lag] ?? -1
        snapshot = mapping.index[.snapshot] ?? -1
        plain = PlainLayout(self, dialect: dialect)
    }

    func parse(_ record: borrowing CSVRecord, into block: inout ParsedBlock) {
        // A line of only spaces, or a spreadsheet's ",,," padding row, is a blank line, not a row.
        var blank = true
        for k in 0..<record.count where !record.field(k).trimmingSpaces().isEmpty {
            blank = false
            break
        }
        if blank { return }
        block.rowsRead += 1
        guard record.count == width else {
            return reject(record, &block, column: nil, .fieldCount(expected: width, found: record.count))
        }
        // Every row's quantity counts, as intake weighs them all to find the file's decimal mark.
        if decimalComma { block.marks.formUnion(DecimalMarks.of(record.field(quantity))) }
        let customerBytes = record.field(customer).trimmingSpaces()
        guard !customerBytes.isEmpty else { return reject(record, &block, column: names[customer], .emptyName(.customer)) }
        let itemBytes = record.field(item).trimmingSpaces()
        guard !itemBytes.isEmpty else { return reject(record, &block, column: names[item], .emptyName(.item)) }
        // A name the block has interned was checked when it was first seen: only new names are checked.
        var customerID: Int32?
        var itemID: Int32?
        if encoding == .utf8 {
            customerID = block.customers.existingID(for: customerBytes)
            if customerID == nil, let problem = Self.notUTF8(customerBytes) {
                return reject(record, &block, column: names[customer], problem)
            }
            itemID = block.items.existingID(for: itemBytes)
            if itemID == nil, let problem = Self.notUTF8(itemBytes) { return reject(record, &block, column: names[item], problem) }
        }
        let periodBytes = record.field(period)
        guard let month = Month.parse(periodBytes) else {
            return reject(record, &block, column: names[period], .period(Self.quoted(periodBytes), forms: .yearMonth))
        }
        var lagValue = 0
        if kind == .forecasts {
            switch lagOf(record, month: month) {
            case .success(let value): lagValue = value
            case .failure(let problem): return reject(record, &block, column: problem.column, problem.kind)
            }
        }
        let quantityBytes = record.field(quantity)
        guard let value = Quantity.parse(quantityBytes, decimalComma: decimalComma) else {
            return reject(record, &block, column: names[quantity], .number(Self.quoted(quantityBytes), decimalComma: false))
        }
        guard abs(value) <= Self.largestQuantity else {
            return reject(record, &block, column: names[quantity], .tooLarge(Self.quoted(quantityBytes)))
        }
        let (c, i) = encoding == .latin1
            ? (Self.intern(customerBytes, in: &block.customers, scratch: &block.transcoded),
               Self.intern(itemBytes, in: &block.items, scratch: &block.transcoded))
            : (customerID ?? block.customers.add(customerBytes), itemID ?? block.items.add(itemBytes))
        block.rows.append(customer: c, item: i, month: datedMonth(month.index, day: kind == .actuals ? Month.day(periodBytes) : 0),
                          lag: UInt8(lagValue), value: value,
                          line: Int32(truncatingIfNeeded: record.line))
    }

    private struct FieldProblem: Error {
        var column: String
        var kind: RowProblem.Kind
    }

    /// The lag column, else months from the snapshot to the period, else 0.
    private func lagOf(_ record: borrowing CSVRecord, month: Month) -> Result<Int, FieldProblem> {
        if lag >= 0 {
            let text = record.field(lag)
            guard let value = Self.wholeNumber(text), value <= Panel.maximumLag else {
                return .failure(FieldProblem(column: names[lag], kind: .lag(Self.quoted(text))))
            }
            return .success(value)
        }
        if snapshot >= 0 {
            let text = record.field(snapshot)
            guard let made = Month.parse(text) else {
                return .failure(FieldProblem(column: names[snapshot], kind: .period(Self.quoted(text), forms: .yearMonth)))
            }
            let value = month - made
            guard value >= 0, value <= Panel.maximumLag else {
                return .failure(FieldProblem(column: names[snapshot], kind: value < 0
                    ? .snapshotAfterPeriod(snapshot: made, period: month)
                    : .snapshotTooEarly(snapshot: made, period: month)))
            }
            return .success(value)
        }
        return .success(0)
    }

    private func reject(_ record: borrowing CSVRecord, _ block: inout ParsedBlock, column: String?, _ kind: RowProblem.Kind) {
        block.problems.append(RowProblem(file: file, line: record.line, byte: record.byteOffset, column: column, kind: kind,
                                         raw: encoding.string(record.raw)))
    }

    private static func wholeNumber(_ raw: UncheckedBytes) -> Int? {
        let bytes = raw.trimmingSpaces()
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Why a name is not UTF-8, or nil when it is.
    @inline(__always)
    private static func notUTF8(_ bytes: UncheckedBytes) -> RowProblem.Kind? {
        guard let bad = TextEncoding.firstInvalidUTF8(bytes) else { return nil }
        return .notUTF8(byte: bad.byte, encodings: ["windows-1252"])
    }

    /// A Latin-1 file's name as UTF-8: a name that is already valid UTF-8 stays as it is
    /// (a UTF-8 file read beside a Latin-1 one, or ASCII), any other is read as Latin-1.
    private static func intern(_ bytes: UncheckedBytes, in keys: inout KeyDictionary, scratch: inout [UInt8]) -> Int32 {
        guard TextEncoding.firstInvalidUTF8(bytes) != nil else { return keys.id(for: bytes) }
        TextEncoding.utf8(fromLatin1: bytes, into: &scratch)
        return scratch.withUncheckedBytes { keys.id(for: $0) }
    }

    /// A value as a message quotes it: its first 60 bytes.
    static func quoted(_ raw: UncheckedBytes) -> RowProblem.FieldText {
        RowProblem.FieldText(text: raw.prefix(60).text, isCut: raw.count > 60)
    }
}

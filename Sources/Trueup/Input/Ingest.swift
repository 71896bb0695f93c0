import TrueupCSV
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the actuals, then the forecasts, into a `Panel`, and logs every row it can't use.
///
/// Actuals come first so that the last closed period is known; both files are
/// read to the end even after a bad row, so the count of bad rows is complete.
struct Ingest {
    var panel = Panel()
    var problems: ProblemLog
    let overrides: [Column: String]
    /// First line of each (slot, lag), built only once a duplicate forecast turns up.
    private var firstLines: [UInt64: UInt32]?

    init(overrides: [Column: String], keepAllProblems: Bool) {
        self.overrides = overrides
        problems = ProblemLog(keepsAll: keepAllProblems)
    }

    mutating func readActuals(_ path: String) throws(InputError) -> InputFile {
        panel.reserve(keys: Self.estimatedRows(path))
        return try read(path, required: [.customer, .item, .period, .actual], optional: []) { ingest, record, columns, decimalComma, file in
            guard let key = ingest.key(record, columns, file) else { return false }
            let quantity = record.field(columns.actual)
            guard let value = Quantity.parse(quantity, decimalComma: decimalComma) else {
                ingest.reject(record, file, column: columns.actualName, Self.notANumber(quantity))
                return false
            }
            let slot = ingest.panel.slot(customer: key.customer, item: key.item, month: key.month)
            ingest.panel.actual[slot] += value
            ingest.panel.actualRows[slot] += 1
            ingest.panel.noteMonth(key.month)
            if ingest.panel.firstActual.map({ key.month < $0 }) ?? true { ingest.panel.firstActual = key.month }
            if ingest.panel.lastClosed.map({ key.month > $0 }) ?? true { ingest.panel.lastClosed = key.month }
            return true
        }
    }

    mutating func readForecasts(_ path: String) throws(InputError) -> InputFile {
        panel.reserve(forecastRows: Self.estimatedRows(path))
        return try read(path, required: [.customer, .item, .period, .forecast], optional: [.lag, .snapshot]) { ingest, record, columns, decimalComma, file in
            guard let key = ingest.key(record, columns, file) else { return false }
            guard let lag = ingest.lag(record, columns, file, month: key.month) else { return false }
            let quantity = record.field(columns.forecast)
            guard let value = Quantity.parse(quantity, decimalComma: decimalComma) else {
                ingest.reject(record, file, column: columns.forecastName, Self.notANumber(quantity))
                return false
            }
            let slot = ingest.panel.slot(customer: key.customer, item: key.item, month: key.month)
            let bit = UInt64(1) << UInt64(lag)
            if ingest.panel.forecastLags[slot] & bit != 0 {
                let first = ingest.firstLine(slot: slot, lag: lag)
                ingest.reject(record, file, column: nil,
                              "duplicate forecast for customer \(ingest.panel.customers.name(key.customer)), item \(ingest.panel.items.name(key.item)), period \(key.month), lag \(lag); line \(first) has the same key and is kept")
                return false
            }
            ingest.panel.forecastLags[slot] |= bit
            ingest.panel.noteMonth(key.month)
            ingest.panel.rowSlot.append(Int32(slot))
            ingest.panel.rowLag.append(UInt8(lag))
            ingest.panel.rowValue.append(value)
            ingest.panel.rowLine.append(UInt32(truncatingIfNeeded: record.line))
            ingest.firstLines?[UInt64(slot) << 6 | UInt64(lag)] = UInt32(truncatingIfNeeded: record.line)
            return true
        }
    }

    // MARK: - One file

    /// Where the columns of one file are, as field indexes, resolved once.
    struct Fields {
        let customer, item, period: Int
        let forecast, actual, lag, snapshot: Int
        let width: Int
        let names: [String]
        var actualName: String { names[actual] }
        var forecastName: String { names[forecast] }

        init(_ mapping: ColumnMapping) {
            // ColumnMapping.map guarantees the required columns; -1 never reaches a field access.
            customer = mapping.index[.customer] ?? -1
            item = mapping.index[.item] ?? -1
            period = mapping.index[.period] ?? -1
            forecast = mapping.index[.forecast] ?? -1
            actual = mapping.index[.actual] ?? -1
            lag = mapping.index[.lag] ?? -1
            snapshot = mapping.index[.snapshot] ?? -1
            width = mapping.header.count
            names = mapping.header
        }
    }

    private mutating func read(
        _ path: String, required: [Column], optional: [Column],
        row: (inout Ingest, borrowing CSVRecord, Fields, Bool, String) -> Bool
    ) throws(InputError) -> InputFile {
        let digest = FileDigest(path: path)
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path)
        } catch {
            switch error {
            case .unsupportedEncoding(let encoding): throw .unsupportedEncoding(path: path, encoding: encoding)
            case .unreadable(_, let reason): throw .missingFile(path: path, reason: reason)
            case .unterminatedQuote(let position): throw .unterminatedQuote(path: path, line: position.line)
            }
        }
        let decimalComma = reader.dialect.delimiter == UInt8(ascii: ";")
        var mapping: ColumnMapping?
        var fields: Fields?
        var read = 0
        var rejected = 0
        do {
            try reader.forEachRecord { record in
                guard let fields else {
                    let header = (0..<record.count).map { record.string($0).trimmingCharacters() }
                    let found = try ColumnMapping.map(header: header, required: required, optional: optional,
                                                      overrides: overrides, file: path)
                    mapping = found
                    fields = Fields(found)
                    return
                }
                read += 1
                guard record.count == fields.width else {
                    reject(record, path, column: nil, "expected \(fields.width) fields as in the header, found \(record.count)")
                    rejected += 1
                    return
                }
                if !row(&self, record, fields, decimalComma, path) { rejected += 1 }
            }
        } catch let error as InputError {
            throw error
        } catch let error as CSVError {
            switch error {
            case .unterminatedQuote(let position): throw .unterminatedQuote(path: path, line: position.line)
            case .unreadable(_, let reason): throw .unreadable(path: path, reason: reason)
            case .unsupportedEncoding(let encoding): throw .unsupportedEncoding(path: path, encoding: encoding)
            }
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard let mapping else { throw .emptyFile(path: path) }
        return InputFile(path: path, bytes: reader.bytesRead, sha256: digest.hex(),
                         delimiter: reader.dialect.delimiterName, hadByteOrderMark: reader.hadByteOrderMark,
                         columns: mapping, rowsRead: read, rowsRejected: rejected)
    }

    // MARK: - Fields

    private struct Key { let customer: Int32, item: Int32, month: Month }

    private mutating func key(_ record: borrowing CSVRecord, _ columns: Fields, _ file: String) -> Key? {
        let customer = record.field(columns.customer).trimmingSpaces()
        guard !customer.isEmpty else {
            reject(record, file, column: columns.names[columns.customer], "customer is empty")
            return nil
        }
        let item = record.field(columns.item).trimmingSpaces()
        guard !item.isEmpty else {
            reject(record, file, column: columns.names[columns.item], "item is empty")
            return nil
        }
        let period = record.field(columns.period)
        guard let month = Month.parse(period) else {
            reject(record, file, column: columns.names[columns.period],
                   "\(Self.quoted(period)) is not a period (expected YYYY-MM, YYYYMM or YYYY-MM-DD)")
            return nil
        }
        let c = panel.customers.id(for: customer)
        let i = panel.items.id(for: item)
        guard Int(c) < Panel.maximumKeys, Int(i) < Panel.maximumKeys else {
            reject(record, file, column: nil, "more than \(Panel.maximumKeys) distinct customers or items")
            return nil
        }
        return Key(customer: c, item: i, month: month)
    }

    /// The row's lag: the lag column, else months from the snapshot to the period, else 0.
    private mutating func lag(_ record: borrowing CSVRecord, _ columns: Fields, _ file: String, month: Month) -> Int? {
        if columns.lag >= 0 {
            let text = record.field(columns.lag)
            guard let lag = Self.wholeNumber(text), lag <= Panel.maximumLag else {
                reject(record, file, column: columns.names[columns.lag],
                       "\(Self.quoted(text)) is not a lag (a whole number of months from 0 to \(Panel.maximumLag))")
                return nil
            }
            return lag
        }
        if columns.snapshot >= 0 {
            let text = record.field(columns.snapshot)
            guard let snapshot = Month.parse(text) else {
                reject(record, file, column: columns.names[columns.snapshot],
                       "\(Self.quoted(text)) is not a period (expected YYYY-MM, YYYYMM or YYYY-MM-DD)")
                return nil
            }
            let lag = month - snapshot
            guard lag >= 0, lag <= Panel.maximumLag else {
                reject(record, file, column: columns.names[columns.snapshot],
                       lag < 0 ? "snapshot \(snapshot) is after the period \(month) it forecasts"
                               : "snapshot \(snapshot) is more than \(Panel.maximumLag) months before the period \(month)")
                return nil
            }
            return lag
        }
        return 0
    }

    private mutating func firstLine(slot: Int, lag: Int) -> String {
        if firstLines == nil {
            var lines: [UInt64: UInt32] = [:]
            for row in panel.rowSlot.indices.reversed() {
                lines[UInt64(panel.rowSlot[row]) << 6 | UInt64(panel.rowLag[row])] = panel.rowLine[row]
            }
            firstLines = lines
        }
        return firstLines?[UInt64(slot) << 6 | UInt64(lag)].map(String.init) ?? "?"
    }

    private mutating func reject(_ record: borrowing CSVRecord, _ file: String, column: String?, _ reason: String) {
        problems.add(RowProblem(file: file, line: record.line, column: column, reason: reason,
                                raw: String(decoding: record.raw, as: UTF8.self)))
    }

    /// About how many rows a file has, from its size: enough to size tables once instead of regrowing them.
    private static func estimatedRows(_ path: String) -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0 }
        return min(Int(status.st_size) / 24, 1 << 30)
    }

    private static func wholeNumber(_ raw: UnsafeRawBufferPointer) -> Int? {
        let bytes = raw.trimmingSpaces()
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    private static func quoted(_ raw: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: raw.prefix(60), as: UTF8.self)
        return raw.isEmpty ? "an empty value" : "\"\(text)\(raw.count > 60 ? "..." : "")\""
    }

    private static func notANumber(_ raw: UnsafeRawBufferPointer) -> String {
        "\(quoted(raw)) is not a number"
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingCharacters() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

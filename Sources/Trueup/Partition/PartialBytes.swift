import Foundation

/// A partial as bytes, and back (docs/scale.md "The partial file"):
///
///     "TRUEUP PARTIAL\n"
///     u64 n, then n bytes: the header, JSON (`Partial.Header`)
///     nine columns, each u64 n then n bytes, little-endian: slot keys (u64), actuals (f64),
///       actual rows (i32), forecast lags (u64), slot positions (u64), row slots (i32),
///       row lags (u8), row values (f64), row positions (u64)
///     32 bytes: the SHA-256 of every byte before them
extension Partial {
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A header of plain values always encodes.
        let json = (try? encoder.encode(header)).map { [UInt8]($0) } ?? []
        // The exact size first: the bytes are made in one allocation, the columns copied straight in.
        let slots = slotKey.count, rows = rowSlot.count
        var out: [UInt8] = []
        out.reserveCapacity(Self.magic.count + 8 * 10 + json.count + slots * (8 + 8 + 4 + 8 + 8) + rows * (4 + 1 + 8 + 8) + 32)
        out += Self.magic
        Self.append(json, to: &out)
        Self.append(column: slotKey, to: &out)
        Self.append(column: actual, to: &out)
        Self.append(column: actualRows, to: &out)
        Self.append(column: forecastLags, to: &out)
        Self.append(column: slotPosition, to: &out)
        Self.append(column: rowSlot, to: &out)
        Self.append(column: rowLag, to: &out)
        Self.append(column: rowValue, to: &out)
        Self.append(column: rowPosition, to: &out)
        out.append(contentsOf: Self.digest(out[...]))
        return out
    }

    /// The partial in `bytes`, or why it can't be one (read from `path`, which the error names).
    public init(bytes: [UInt8], path: String) throws(PartialError) {
        guard bytes.count >= Self.magic.count + 32, bytes.starts(with: Self.magic) else { throw .notAPartial(path: path) }
        let body = bytes[..<(bytes.count - 32)]
        guard Self.digest(body) == Array(bytes[(bytes.count - 32)...]) else { throw .damaged(path: path, reason: "its checksum does not match its bytes") }
        var reader = ColumnReader(bytes: body, at: Self.magic.count, path: path)
        let json = try reader.part()
        let decoded: Header
        do {
            decoded = try JSONDecoder().decode(Header.self, from: Data(json))
        } catch {
            throw .damaged(path: path, reason: "its header can't be read")
        }
        guard decoded.format == "trueup-partial", decoded.version == Self.formatVersion else {
            throw .formatVersion(path: path, found: decoded.version, expected: Self.formatVersion)
        }
        header = decoded
        slotKey = try reader.column()
        actual = try reader.column()
        actualRows = try reader.column()
        forecastLags = try reader.column()
        slotPosition = try reader.column()
        rowSlot = try reader.column()
        rowLag = try reader.column()
        rowValue = try reader.column()
        rowPosition = try reader.column()
        guard reader.atEnd else { throw .damaged(path: path, reason: "it has bytes after its last column") }
        try check(path: path)
    }

    /// Every count and id agrees with the header: a partial that passes is safe to merge.
    private func check(path: String) throws(PartialError) {
        let slots = header.slots, rows = header.rows
        guard slotKey.count == slots, actual.count == slots, actualRows.count == slots, forecastLags.count == slots,
              slotPosition.count == slots, rowSlot.count == rows, rowLag.count == rows, rowValue.count == rows,
              rowPosition.count == rows else {
            throw .damaged(path: path, reason: "its columns are not as long as its header says")
        }
        let customers = header.customers.count, items = header.items.count
        for key in slotKey {
            guard Int(Panel.customer(of: key)) < customers, Int(Panel.item(of: key)) < items,
                  Panel.month(of: key).index < Month.indexLimit else {
                throw .damaged(path: path, reason: "a cell names a code it does not list")
            }
        }
        guard rowSlot.allSatisfy({ $0 >= 0 && Int($0) < slots }), rowLag.allSatisfy({ Int($0) <= Panel.maximumLag }) else {
            throw .damaged(path: path, reason: "a forecast row names a cell it does not have")
        }
        guard zip(slotPosition, slotPosition.dropFirst()).allSatisfy({ $0 < $1 }),
              zip(rowPosition, rowPosition.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .damaged(path: path, reason: "its cells are out of order")
        }
        guard header.latestDays.allSatisfy({ $0.count == 2 && $0[0] >= 0 && $0[0] < Month.indexLimit && $0[1] >= 1 && $0[1] <= 31 }),
              header.customerSpellings.allSatisfy({ $0.id >= 0 && Int($0.id) < customers }),
              header.itemSpellings.allSatisfy({ $0.id >= 0 && Int($0.id) < items }),
              (0...QuantityScale.maximumDecimals).contains(header.scale.decimals),
              [header.firstActual, header.lastClosed, header.firstMonth].allSatisfy({ $0.map { (0..<Month.indexLimit).contains($0.index) } ?? true }),
              header.latestMonthLines.allSatisfy({ $0 >= 0 }), header.problemsTotal >= header.problems.count,
              [header.forecasts, header.actuals].allSatisfy({ $0.rowsRead >= 0 && $0.rowsRejected >= 0 && $0.totalsRows >= 0 }) else {
            throw .damaged(path: path, reason: "its header has a value out of range")
        }
    }

    static func digest(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        let hex = Array(hasher.finalizeHex().utf8)
        func nibble(_ c: UInt8) -> UInt8 { c <= UInt8(ascii: "9") ? c - UInt8(ascii: "0") : c - UInt8(ascii: "a") + 10 }
        return stride(from: 0, to: hex.count, by: 2).map { nibble(hex[$0]) << 4 | nibble(hex[$0 + 1]) }
    }

    private static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        appendLength(bytes.count, to: &out)
        out.append(contentsOf: bytes)
    }

    private static func append<T: FixedWidthInteger>(column: [T], to out: inout [UInt8]) {
        appendLength(column.count * MemoryLayout<T>.size, to: &out)
        LittleEndianColumn.append(column, to: &out)
    }

    private static func append(column: [Double], to out: inout [UInt8]) {
        appendLength(column.count * 8, to: &out)
        LittleEndianColumn.append(column, to: &out)
    }

    private static func appendLength(_ count: Int, to out: inout [UInt8]) {
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: UInt64(count) >> (8 * UInt64(k)))) }
    }
}

/// Reads a partial's length-prefixed parts, refusing any length past the end.
private struct ColumnReader {
    let data: ArraySlice<UInt8>
    var at: Int
    let path: String

    init(bytes: ArraySlice<UInt8>, at: Int, path: String) {
        self.data = bytes
        self.at = at
        self.path = path
    }

    var atEnd: Bool { at == data.endIndex }

    mutating func part() throws(PartialError) -> ArraySlice<UInt8> {
        guard data.endIndex - at >= 8 else { throw PartialError.damaged(path: path, reason: "it ends early") }
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(data[at + k]) << (8 * UInt64(k)) }
        at += 8
        guard length <= UInt64(data.endIndex - at) else { throw PartialError.damaged(path: path, reason: "it ends early") }
        let part = data[at..<(at + Int(length))]
        at += Int(length)
        return part
    }

    mutating func column<T: FixedWidthInteger>() throws(PartialError) -> [T] {
        let part = try part()
        let size = MemoryLayout<T>.size
        guard part.count % size == 0 else { throw PartialError.damaged(path: path, reason: "a column's length is not a whole number of values") }
        return LittleEndianColumn.values(part)
    }

    mutating func column() throws(PartialError) -> [Double] {
        let bits: [UInt64] = try column()
        return bits.map(Double.init(bitPattern:))
    }
}

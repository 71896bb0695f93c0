import TrueupCSV

/// What one way of reading an input gave: every record, then how the read ended.
struct Reading: Equatable {
    struct Record: Equatable {
        var line: Int
        var byteOffset: Int
        var raw: [UInt8]
        var fields: [[UInt8]]
    }

    var records: [Record] = []
    var failure: CSVError?

    mutating func append(_ record: borrowing CSVRecord) {
        records.append(Record(line: record.line, byteOffset: record.byteOffset, raw: Array(record.raw),
                              fields: (0..<record.count).map { Array(record.field($0)) }))
    }
}

/// Reads the input several ways and stops the process when any two disagree or a record is malformed.
///
/// The ways: whole, through buffers of 4 bytes, of an odd size taken from the input,
/// and of 1 MiB; and in two parts split at a byte taken from the input, the second
/// resuming where the first stopped, as the block reader does. A record's raw
/// bytes must be the input's bytes at its offset; lines and offsets must grow;
/// an unterminated quote must point at a quote byte. Writing the fields back with
/// every field quoted and reading that again must give the same fields.
enum ReaderCheck {
    static func run(_ bytes: [UInt8]) -> Reading {
        let dialect: CSVDialect
        do {
            dialect = try CSVReader(bytes: bytes, bufferSize: 4).dialect
        } catch {
            // Only a UTF-16 or UTF-32 byte order mark stops a reader before it reads.
            guard case .unsupportedEncoding = error else { fail("the reader's init threw \(error)") }
            return Reading(failure: error)
        }
        let seed = bytes.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }
        let whole = read(bytes, dialect: nil, bufferSize: 1 << 20)
        check(whole, bytes, dialect: dialect)
        for size in [4, 5 + seed % 61] {
            let other = read(bytes, dialect: nil, bufferSize: size)
            if other != whole { fail("buffer size \(size) reads differently from 1 MiB") }
        }
        let limit = bytes.isEmpty ? 0 : seed % (bytes.count + 1)
        if readInTwo(bytes, dialect: dialect, limit: limit, bufferSize: 7) != whole {
            fail("reading in two parts split at \(limit) differs from reading the whole")
        }
        if whole.failure == nil { checkRoundTrip(whole, dialect: dialect) }
        if whole.failure == nil, let width = whole.records.first?.fields.count, width <= PlainLane.maximumWidth {
            let expected = whole.records.map { LaneRecord(line: $0.line, fields: $0.fields) }
            if readThroughLane(bytes, dialect: dialect, width: width, bufferSize: 5 + seed % 61) != expected {
                fail("the fast lane reads differently from the tokenizer")
            }
        }
        return whole
    }

    struct LaneRecord: Equatable {
        var line: Int
        var fields: [[UInt8]]
    }

    /// The records with every one offered to a fast lane of `width` text columns first.
    static func readThroughLane(_ bytes: [UInt8], dialect: CSVDialect, width: Int, bufferSize: Int) -> [LaneRecord] {
        guard let lane = PlainLane(Array(repeating: .text, count: width), dialect: dialect, decimalComma: false) else {
            fail("no lane of \(width) columns")
        }
        var records: [LaneRecord] = []
        do {
            let reader = try CSVReader(bytes: bytes, dialect: dialect, bufferSize: bufferSize)
            _ = try reader.records(lane: lane, plain: { raw, fields, line in
                records.append(LaneRecord(line: line, fields: (0..<width).map { Array(raw[fields.span($0)]) }))
                return true
            }) { record in
                records.append(LaneRecord(line: record.line, fields: (0..<record.count).map { Array(record.field($0)) }))
                return true
            }
        } catch {
            fail("the lane's read threw \(error) where the tokenizer's did not")
        }
        return records
    }

    static func read(_ bytes: [UInt8], dialect: CSVDialect?, bufferSize: Int) -> Reading {
        var reading = Reading()
        do {
            let reader = try CSVReader(bytes: bytes, dialect: dialect, bufferSize: bufferSize)
            try reader.forEachRecord { record in reading.append(record) }
        } catch let error as CSVError {
            reading.failure = error
        } catch {
            fail("the reader threw something other than a CSVError: \(error)")
        }
        return reading
    }

    static func readInTwo(_ bytes: [UInt8], dialect: CSVDialect, limit: Int, bufferSize: Int) -> Reading {
        var reading = Reading()
        do {
            let first = try CSVReader(bytes: bytes, dialect: dialect, bufferSize: bufferSize)
            let stop = try first.records(from: 0, before: limit) { record in
                reading.append(record)
                return true
            }
            if stop.offset < limit && stop.offset < bytes.count { fail("the first part stopped at \(stop.offset), before \(limit)") }
            let second = try CSVReader(bytes: bytes, dialect: dialect, bufferSize: bufferSize)
            _ = try second.records(from: stop.offset, firstLine: 1 + stop.lines) { record in
                reading.append(record)
                return true
            }
        } catch let error as CSVError {
            reading.failure = error
        } catch {
            fail("the reader threw something other than a CSVError: \(error)")
        }
        return reading
    }

    static func check(_ reading: Reading, _ bytes: [UInt8], dialect: CSVDialect) {
        var last = (line: 0, byteOffset: -1)
        for record in reading.records {
            guard record.line > last.line, record.byteOffset > last.byteOffset else {
                fail("record at line \(record.line), byte \(record.byteOffset) does not follow line \(last.line), byte \(last.byteOffset)")
            }
            guard record.byteOffset + record.raw.count <= bytes.count,
                  Array(bytes[record.byteOffset..<(record.byteOffset + record.raw.count)]) == record.raw else {
                fail("the raw bytes of the record at byte \(record.byteOffset) are not the input's")
            }
            guard !record.fields.isEmpty else { fail("a record with no field at byte \(record.byteOffset)") }
            last = (record.line, record.byteOffset)
        }
        if case .unterminatedQuote(let position)? = reading.failure {
            guard position.byteOffset < bytes.count, bytes[position.byteOffset] == dialect.quote,
                  position.line > last.line, position.byteOffset > last.byteOffset else {
                fail("the unterminated quote at \(position) is not a quote after the last record")
            }
        }
    }

    /// Every field quoted, quotes doubled, records ended by LF: the same fields must come back.
    static func checkRoundTrip(_ reading: Reading, dialect: CSVDialect) {
        var text: [UInt8] = []
        for record in reading.records {
            for (index, field) in record.fields.enumerated() {
                if index > 0 { text.append(dialect.delimiter) }
                text.append(dialect.quote)
                for byte in field {
                    text.append(byte)
                    if byte == dialect.quote { text.append(byte) }
                }
                text.append(dialect.quote)
            }
            text.append(UInt8(ascii: "\n"))
        }
        let again = read(text, dialect: dialect, bufferSize: 7)
        // Fields full of zero bytes can come back with a zero in every other place, which the
        // reader refuses up front as UTF-16: that says nothing about the fields.
        if case .unsupportedEncoding? = again.failure { return }
        guard again.failure == nil, again.records.map(\.fields) == reading.records.map(\.fields) else {
            fail("writing the fields back and reading them again changes them")
        }
    }
}

/// Stops the process so that libFuzzer records the input.
func fail(_ message: String) -> Never {
    fatalError("TrueupFuzz: " + message)
}

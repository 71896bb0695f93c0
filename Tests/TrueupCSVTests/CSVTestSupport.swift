import Testing
import TrueupCSV

/// The read-buffer sizes every table case runs at.
///
/// 4 is the reader's minimum; the small odd sizes put read boundaries at every
/// kind of place (inside a field, between the two quotes of `""`, between CR
/// and LF, inside a multibyte character), and 1 MiB reads each input at once.
let bufferSizes = [4, 5, 7, 13, 64, 1 << 20]

/// The UTF-8 byte order mark.
let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

/// The records of `input` as strings, one array of fields per record.
func records(_ input: [UInt8], bufferSize: Int = 1 << 20, dialect: CSVDialect? = nil) throws -> [[String]] {
    try records(of: CSVReader(bytes: input, dialect: dialect, bufferSize: bufferSize))
}

/// Every record a reader gives, as strings.
func records(of reader: CSVReader) throws -> [[String]] {
    var result: [[String]] = []
    try reader.forEachRecord { record in
        var fields: [String] = []
        for index in 0..<record.count { fields.append(record.string(index)) }
        result.append(fields)
    }
    return result
}

func records(_ input: String, bufferSize: Int = 1 << 20, dialect: CSVDialect? = nil) throws -> [[String]] {
    try records(Array(input.utf8), bufferSize: bufferSize, dialect: dialect)
}

/// Where a record was found and its bytes as they are in the input.
struct Located: Equatable, Sendable, CustomStringConvertible {
    var line: Int
    var byteOffset: Int
    var raw: [UInt8]

    init(line: Int, byteOffset: Int, raw: [UInt8]) {
        self.line = line
        self.byteOffset = byteOffset
        self.raw = raw
    }

    init(_ line: Int, _ byteOffset: Int, _ raw: String) {
        self.init(line: line, byteOffset: byteOffset, raw: Array(raw.utf8))
    }

    var description: String {
        "line \(line) @\(byteOffset) \(String(decoding: raw, as: UTF8.self).debugDescription)"
    }
}

/// The line, byte offset and raw bytes of every record of `input`.
func located(_ input: [UInt8], bufferSize: Int = 1 << 20, dialect: CSVDialect? = nil) throws -> [Located] {
    let reader = try CSVReader(bytes: input, dialect: dialect, bufferSize: bufferSize)
    var result: [Located] = []
    try reader.forEachRecord { record in
        result.append(Located(line: record.line, byteOffset: record.byteOffset, raw: Array(record.raw)))
    }
    return result
}

func located(_ input: String, bufferSize: Int = 1 << 20, dialect: CSVDialect? = nil) throws -> [Located] {
    try located(Array(input.utf8), bufferSize: bufferSize, dialect: dialect)
}

import Testing
import TrueupCSV

/// One row of the unterminated-quote table: the position is the opening quote's.
struct UnterminatedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [UInt8]
    let position: CSVPosition

    init(_ name: String, _ input: String, line: Int, byteOffset: Int) {
        self.init(name, bytes: Array(input.utf8), line: line, byteOffset: byteOffset)
    }

    init(_ name: String, bytes: [UInt8], line: Int, byteOffset: Int) {
        self.name = name
        self.input = bytes
        self.position = CSVPosition(line: line, byteOffset: byteOffset)
    }

    var testDescription: String { name }
}

let unterminatedCases: [UnterminatedCase] = [
    UnterminatedCase("at the start", "\"abc", line: 1, byteOffset: 0),
    UnterminatedCase("on the second line", "a,b\n1,\"open\nmore\n", line: 2, byteOffset: 6),
    UnterminatedCase("after blank lines", "a\n\n\n\"x", line: 4, byteOffset: 4),
    UnterminatedCase("after CRLF", "a\r\n\"b\r\n", line: 2, byteOffset: 3),
    UnterminatedCase("after a multi-line record", "\"a\nb\"\n\"c", line: 3, byteOffset: 6),
    UnterminatedCase("after a multi-line field of the same record", "\"a\nb\",\"c\nd", line: 2, byteOffset: 6),
    UnterminatedCase("ending in an escaped quote", "x\n\"a\"\"", line: 2, byteOffset: 2),
    UnterminatedCase("just a quote", "\"", line: 1, byteOffset: 0),
    UnterminatedCase("after a UTF-8 BOM", bytes: utf8BOM + Array("\"x".utf8), line: 1, byteOffset: 3),
]

@Test("an unterminated quote throws with the opening quote's position", arguments: unterminatedCases, bufferSizes)
func unterminatedQuote(_ testCase: UnterminatedCase, bufferSize: Int) {
    #expect(throws: CSVError.unterminatedQuote(testCase.position)) {
        try records(testCase.input, bufferSize: bufferSize, dialect: CSVDialect())
    }
}

@Test("records before an unterminated quote are delivered first", arguments: bufferSizes)
func recordsBeforeUnterminatedQuote(bufferSize: Int) throws {
    let reader = try CSVReader(bytes: Array("a\nb\n\"c\n".utf8), dialect: CSVDialect(), bufferSize: bufferSize)
    var seen: [String] = []
    #expect(throws: CSVError.unterminatedQuote(CSVPosition(line: 3, byteOffset: 4))) {
        try reader.forEachRecord { record in seen.append(record.string(0)) }
    }
    #expect(seen == ["a", "b"])
}

/// UTF-16 text read as UTF-8 would be garbage with a NUL in every other byte.
@Test("a UTF-16 byte order mark throws unsupportedEncoding",
      arguments: [
          [0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00, 0x62, 0x00, 0x0A, 0x00],  // "a,b\n", little-endian
          [0xFE, 0xFF, 0x00, 0x61, 0x00, 0x2C, 0x00, 0x62, 0x00, 0x0A],  // "a,b\n", big-endian
          [0xFF, 0xFE],
      ] as [[UInt8]],
      [nil, CSVDialect()] as [CSVDialect?])
func utf16(input: [UInt8], dialect: CSVDialect?) {
    #expect(throws: CSVError.unsupportedEncoding("UTF-16")) {
        try CSVReader(bytes: input, dialect: dialect, bufferSize: 16)
    }
}

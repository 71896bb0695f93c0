import Testing
import TrueupCSV

// Text the reader can't read is refused up front, by name, rather than read as garbage.

/// A small CSV in an encoding.
private let text = Array("customer,qty\nACME,1\n".utf8)
private func utf16(bigEndian: Bool) -> [UInt8] { text.flatMap { bigEndian ? [0, $0] : [$0, 0] } }
private func utf32(bigEndian: Bool) -> [UInt8] { text.flatMap { bigEndian ? [0, 0, 0, $0] : [$0, 0, 0, 0] } }

@Test("UTF-32 byte order marks name UTF-32", arguments: [
    [0xFF, 0xFE, 0x00, 0x00] + utf32(bigEndian: false),
    [0x00, 0x00, 0xFE, 0xFF] + utf32(bigEndian: true),
] as [[UInt8]])
func utf32Marks(input: [UInt8]) {
    #expect(throws: CSVError.unsupportedEncoding("UTF-32")) { try CSVReader(bytes: input) }
}

@Test("UTF-16 without a byte order mark is recognised", arguments: [utf16(bigEndian: false), utf16(bigEndian: true)])
func utf16WithoutMark(input: [UInt8]) {
    #expect(throws: CSVError.unsupportedEncoding("UTF-16")) { try CSVReader(bytes: input) }
    #expect(throws: CSVError.unsupportedEncoding("UTF-16")) { try CSVReader(bytes: input, dialect: CSVDialect()) }
}

/// A few NUL bytes in UTF-8 text (padding, a broken export) are data, not a sign of UTF-16;
/// nor is a file too short to tell.
@Test("NUL bytes in UTF-8 text are read", arguments: [
    Array("customer,qty\nAC\u{0}ME,1\n".utf8),
    Array("customer,qty\n".utf8) + [UInt8](repeating: 0, count: 64) + Array("\nACME,1\n".utf8),
    [0x61, 0x00, 0x0A],
] as [[UInt8]])
func nulBytesAreData(input: [UInt8]) throws {
    #expect(try !records(input).isEmpty)
}

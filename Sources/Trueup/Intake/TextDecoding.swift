import TrueupCSV

/// How a source's bytes become UTF-8 text before they are read as CSV.
///
/// A byte order mark decides first: UTF-8's is dropped, UTF-16's (little or big endian,
/// spreadsheets' "Unicode text") turns the text to UTF-8. Without one, `--encoding` decides:
/// UTF-8 stays as it is (invalid bytes are found per row), Latin-1 and Windows-1252 map
/// every byte to a character, except in a file that is valid UTF-8 throughout, which stays
/// UTF-8 (so a Windows-1252 export can be read beside a UTF-8 file, as Latin-1 names can).
public enum SourceEncoding: String, Sendable, CaseIterable {
    case utf8
    case latin1
    case windows1252 = "windows-1252"

    /// The encoding a name given to `--encoding` stands for, or nil.
    public init?(name: String) {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" }) {
        case "utf8": self = .utf8
        case "latin1", "iso88591": self = .latin1
        case "windows1252", "cp1252": self = .windows1252
        default: return nil
        }
    }

    /// What the bytes had in front, as run.json shows it.
    enum Found: String, Sendable {
        case utf8, utf8WithBOM = "utf-8 with bom", utf16LE = "utf-16le", utf16BE = "utf-16be", latin1, windows1252 = "windows-1252"
    }

    /// The text as UTF-8, and what it was.
    func decode(_ bytes: [UInt8]) -> (text: [UInt8], found: Found) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (Array(bytes.dropFirst(3)), .utf8WithBOM) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (Self.utf8(fromUTF16: bytes.dropFirst(2), littleEndian: true), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (Self.utf8(fromUTF16: bytes.dropFirst(2), littleEndian: false), .utf16BE) }
        if self != .utf8, bytes.withUncheckedBytes({ TextEncoding.firstInvalidUTF8($0) }) == nil { return (bytes, .utf8) }
        switch self {
        case .utf8: return (bytes, .utf8)
        case .latin1: return (Self.utf8(singleByte: bytes, table: nil), .latin1)
        case .windows1252: return (Self.utf8(singleByte: bytes, table: Self.windows1252High), .windows1252)
        }
    }

    private static func utf8(fromUTF16 bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var k = bytes.startIndex
        while k + 1 < bytes.endIndex {
            let a = UInt16(bytes[k]), b = UInt16(bytes[k + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            k += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var i = 0
        while i < units.count {
            let unit = units[i]
            var code = UInt32(unit)
            if unit >= 0xD800 && unit < 0xDC00 && i + 1 < units.count && units[i + 1] >= 0xDC00 && units[i + 1] < 0xE000 {
                code = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(units[i + 1] - 0xDC00)
                i += 1
            }
            // A lone surrogate is written as the three bytes UTF-8 would give it if it were a
            // character (ED A0 80 to ED BF BF), which are not UTF-8: its row is a bad row, named,
            // where U+FFFD would have made two different codes one.
            appendUTF8(code, to: &out)
            i += 1
        }
        return out
    }

    private static func appendUTF8(_ code: UInt32, to out: inout [UInt8]) {
        switch code {
        case 0..<0x80:
            out.append(UInt8(code))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | code >> 6))
            out.append(UInt8(0x80 | code & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | code >> 12))
            out.append(UInt8(0x80 | code >> 6 & 0x3F))
            out.append(UInt8(0x80 | code & 0x3F))
        default:
            out.append(UInt8(0xF0 | code >> 18))
            out.append(UInt8(0x80 | code >> 12 & 0x3F))
            out.append(UInt8(0x80 | code >> 6 & 0x3F))
            out.append(UInt8(0x80 | code & 0x3F))
        }
    }

    /// Single-byte text as UTF-8: bytes below 0x80 are ASCII, the rest Latin-1, except that
    /// `table` (Windows-1252) gives 0x80...0x9F their own characters.
    private static func utf8(singleByte bytes: [UInt8], table: [UInt32]?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            var value = UInt32(byte)
            if let table, byte < 0xA0 { value = table[Int(byte) - 0x80] }
            guard let scalar = Unicode.Scalar(value) else { continue }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        return out
    }

    /// Windows-1252's characters for 0x80...0x9F (its five unassigned bytes kept as their Latin-1 control).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}

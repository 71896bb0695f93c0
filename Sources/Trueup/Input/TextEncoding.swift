import TrueupCSV

/// The character encoding of an input file's text: customer and item names, and the header.
///
/// Numbers and periods are ASCII in every encoding trueup reads; only names differ.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// The default: anything that is not valid UTF-8 is a bad row.
    case utf8
    /// ISO 8859-1, as older ERP exports and spreadsheets on Windows write it: every byte is a
    /// character. A name that is valid UTF-8 is still read as UTF-8, so a Latin-1 file can be
    /// read beside a UTF-8 one.
    case latin1

    /// The offset and value of the first byte that doesn't belong to valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: UncheckedBytes) -> (offset: Int, byte: UInt8)? {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: return (i, lead)
            }
            guard i + length <= n else { return (i, lead) }
            for k in 1..<length {
                let next = bytes[i + k]
                guard next & 0xC0 == 0x80 else { return (i + k, next) }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8 either.
            guard scalar >= minimum, !(0xD800...0xDFFF).contains(scalar), scalar <= 0x10FFFF else { return (i, lead) }
            i += length
        }
        return nil
    }

    /// Latin-1 bytes as UTF-8: bytes from 0x80 become two bytes each.
    static func utf8(fromLatin1 bytes: UncheckedBytes, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
            } else {
                out.append(0xC0 | byte >> 6)
                out.append(0x80 | byte & 0x3F)
            }
        }
    }

    /// Text of these bytes in this encoding.
    func string(_ bytes: UncheckedBytes) -> String {
        switch self {
        case .utf8: return bytes.text
        case .latin1:
            if Self.firstInvalidUTF8(bytes) == nil { return bytes.text }
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        }
    }
}

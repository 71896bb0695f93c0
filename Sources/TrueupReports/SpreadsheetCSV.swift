/// CSV as spreadsheet programs open it by double-click: a UTF-8 byte order mark and CRLF line ends.
///
/// Without the mark, common spreadsheet programs read UTF-8 as the system's legacy code page and
/// garble names like "Müller"; CRLF is RFC 4180's own line end. Only the line ends between
/// records change: a line break inside a quoted field stays as written, and every number and name
/// is byte for byte the same.
public enum SpreadsheetCSV {
    public static let byteOrderMark = "\u{FEFF}"

    /// `csv` (LF line ends, as CSVText writes it) with a byte order mark and CRLF between records.
    public static func converted(_ csv: String) -> String {
        var out: [UInt8] = Array(byteOrderMark.utf8)
        out.reserveCapacity(csv.utf8.count + csv.utf8.count / 16 + 3)
        var converter = Converter()
        converter.convert(csv, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The line ends of CSV text given in pieces, each piece as it comes: whether a quoted field is
    /// open carries from one piece to the next, so a record split across pieces converts as a whole.
    struct Converter {
        private var quoted = false

        mutating func convert(_ csv: String, into out: inout [UInt8]) {
            for byte in csv.utf8 {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if byte == UInt8(ascii: "\n") && !quoted { out.append(UInt8(ascii: "\r")) }
                out.append(byte)
            }
        }
    }
}

/// How a CSV file separates fields and quotes them.
///
/// Records end at LF, CRLF or a lone CR. Quoting follows RFC 4180: a field that
/// starts with the quote byte runs to the next unpaired quote, a doubled quote
/// inside it is one literal quote, and delimiters and line ends inside it are data.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8
    public var quote: UInt8

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\"")) {
        self.delimiter = delimiter
        self.quote = quote
    }

    /// The delimiters the sniffer chooses among, in order of preference on a tie.
    public static let candidateDelimiters: [UInt8] = [
        UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"),
    ]

    /// The delimiter in words, for messages and run.json.
    public var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ","): return "comma"
        case UInt8(ascii: ";"): return "semicolon"
        case UInt8(ascii: "\t"): return "tab"
        case UInt8(ascii: "|"): return "pipe"
        default: return "byte \(delimiter)"
        }
    }
}

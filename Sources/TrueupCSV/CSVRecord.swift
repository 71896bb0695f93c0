/// One record of a CSV file, valid only inside the reader's callback.
///
/// Fields are views of the reader's buffer: unquoted fields point at the input
/// bytes; quoted fields have their quotes removed, into a scratch buffer only
/// when they contain doubled quotes or text after the closing quote.
public struct CSVRecord: ~Copyable {
    /// The 1-based line on which the record starts.
    public let line: Int
    /// The 0-based byte offset of the record's first byte in the file.
    public let byteOffset: Int
    /// The record's bytes as they are in the file, without the line end.
    public let raw: UncheckedBytes
    let spans: [FieldSpan]
    /// The reader's buffer, which the spans index.
    let buffer: UncheckedBytes
    let quote: UInt8
    let scratch: UncheckedScratch

    /// The number of fields.
    public var count: Int { spans.count }

    /// The bytes of field `index`, unquoted. Valid until the callback returns.
    public func field(_ index: Int) -> UncheckedBytes {
        let span = spans[index]
        let bytes = buffer[span.start..<span.end]
        if !span.hasQuote { return bytes }
        return Self.unquote(bytes, quote: quote, scratch: scratch)
    }

    /// Field `index` as a String; invalid UTF-8 is repaired with U+FFFD.
    public func string(_ index: Int) -> String {
        field(index).text
    }

    /// Removes RFC 4180 quoting from a field's raw bytes.
    static func unquote(_ raw: UncheckedBytes, quote: UInt8, scratch: UncheckedScratch) -> UncheckedBytes {
        guard raw.count >= 2, raw[0] == quote else { return raw }  // a stray quote mid-field is data
        // The common case: "text" with no quote inside.
        if raw[raw.count - 1] == quote, !raw[1..<(raw.count - 1)].contains(quote) {
            return raw[1..<(raw.count - 1)]
        }
        scratch.begin(capacity: raw.count)
        var inQuotes = true
        var i = 1
        while i < raw.count {
            let byte = raw[i]
            if inQuotes && byte == quote {
                if i + 1 < raw.count && raw[i + 1] == quote {
                    scratch.append(quote)
                    i += 2
                    continue
                }
                inQuotes = false
            } else {
                scratch.append(byte)
            }
            i += 1
        }
        return scratch.bytes
    }
}

/// Where a field lies in the reader's buffer.
struct FieldSpan {
    var start: Int
    var end: Int
    var hasQuote: Bool
}

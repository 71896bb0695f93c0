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
    let spans: UnsafeBufferPointer<FieldSpan>
    /// The reader's buffer, which the spans index.
    let buffer: UncheckedBytes
    let quote: UInt8
    let scratch: Scratch

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
    static func unquote(_ raw: UncheckedBytes, quote: UInt8, scratch: Scratch) -> UncheckedBytes {
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

/// A growable byte buffer that unquoted fields are written into.
///
/// A record's fields go one after another and are only dropped when the next
/// record starts (`clear`), so every field `CSVRecord.field` hands out stays
/// valid until the callback returns, as it promises, even when the caller takes
/// several before reading them. A block that fills up is kept, not freed or
/// moved, until then.
final class Scratch {
    private var storage: UnsafeMutableRawBufferPointer
    private var retired: [UnsafeMutableRawBufferPointer] = []
    private var start = 0
    private var count = 0

    init() { storage = .allocate(byteCount: 256, alignment: 8) }
    deinit {
        storage.deallocate()
        for block in retired { block.deallocate() }
    }

    /// Drops the previous record's fields; called before each record is handed out.
    func clear() {
        start = 0
        count = 0
        guard !retired.isEmpty else { return }
        for block in retired { block.deallocate() }
        retired.removeAll(keepingCapacity: true)
    }

    /// Starts a field of at most `capacity` bytes after the ones already written.
    func begin(capacity: Int) {
        if storage.count - count < capacity {
            retired.append(storage)
            storage = .allocate(byteCount: max(capacity, storage.count * 2), alignment: 8)
            count = 0
        }
        start = count
    }

    func append(_ byte: UInt8) {
        storage[count] = byte
        count += 1
    }

    /// The field written since `begin`.
    var bytes: UncheckedBytes { UncheckedBytes(unchecked: UnsafeRawBufferPointer(rebasing: storage[start..<count])) }
}

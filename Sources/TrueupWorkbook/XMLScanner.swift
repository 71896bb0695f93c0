import TrueupCSV

/// What an `XMLScanner` reports, in document order.
///
/// Names are local names (a namespace prefix such as `x:` is dropped). The
/// views are valid only during the call.
protocol XMLHandler {
    mutating func start(_ tag: XMLTag) throws(WorkbookError)
    mutating func end(_ name: UncheckedBytes) throws(WorkbookError)
    /// Character data as written, entities not yet decoded (`XMLText.decode`); `isCDATA` when it
    /// came from a CDATA section, whose text is literal.
    mutating func text(_ raw: UncheckedBytes, isCDATA: Bool) throws(WorkbookError)
}

/// A streaming XML tokenizer for the parts of a workbook: start tags with their attributes, end
/// tags and text, fed in chunks of any size.
///
/// It is not a validating parser. It reads what spreadsheet programs write: elements,
/// attributes in single or double quotes, text, CDATA, comments, processing instructions and a
/// DOCTYPE (the last three skipped). A token split across chunks waits for the next chunk, so
/// memory is one chunk plus the longest token. An element that never closes, or a document
/// that ends inside a tag, is the caller's to notice (`finish`).
struct XMLScanner {
    /// The longest token (a tag, a run of text, a comment, CDATA section, processing instruction
    /// or DOCTYPE) the scanner holds while it waits for its end: 16 MiB, as for a CSV record.
    static let maxTokenBytes = 16 << 20

    private var pending: [UInt8] = []
    private var attributes: [XMLTag.Attribute] = []
    /// Where the search for the end of the unfinished token at the start of `pending` goes on,
    /// and the quote a tag was inside there: each byte is searched once, however many chunks a
    /// token spans, so the scan is linear in the document for every kind of token.
    private var resume = Resume()
    /// Bytes of the document scanned so far, for messages.
    private(set) var offset = 0

    struct Resume {
        var from = 0
        var quote: UInt8 = 0
    }

    /// Bytes of an unfinished token held for the next chunk.
    var pendingCount: Int { pending.count }

    /// Scans `chunk` after what is left of the chunks before it.
    mutating func feed<H: XMLHandler>(_ chunk: UncheckedBytes, into handler: inout H) throws(WorkbookError) {
        pending.append(contentsOf: chunk)
        var consumed = 0
        var failure: WorkbookError?
        var attributes = self.attributes
        var resume = self.resume
        pending.withUncheckedBytes { buffer in
            do throws(WorkbookError) {
                consumed = try Self.scan(buffer, attributes: &attributes, resume: &resume, into: &handler)
            } catch {
                failure = error
            }
        }
        self.attributes = attributes
        self.resume = resume
        offset += consumed
        if let failure { throw failure }
        pending.removeFirst(consumed)
    }

    /// Whether the document ended between tokens: anything left is an unfinished tag.
    var isComplete: Bool { pending.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } }

    /// Scans the complete tokens of `buffer` and returns how many bytes they took. The token
    /// at 0 searches for its end from `resume` on; an unfinished token leaves in `resume` where
    /// its search stopped, counted from its own start.
    private static func scan<H: XMLHandler>(_ buffer: UncheckedBytes, attributes: inout [XMLTag.Attribute],
                                            resume: inout Resume, into handler: inout H) throws(WorkbookError) -> Int {
        let n = buffer.count
        let carried = resume
        resume = Resume()
        /// Where the token at `i` searches from: past what an earlier chunk searched already.
        func searchStart(_ i: Int, _ start: Int) -> Int { i == 0 ? max(start, carried.from) : start }
        func quote(_ i: Int, _ start: Int) -> UInt8 { i == 0 && carried.from > start ? carried.quote : 0 }
        /// Gives the token at `i` back, unfinished, its search to go on `overlap` bytes before the end.
        func unfinished(_ i: Int, overlap: Int = 0, quote: UInt8 = 0) -> Int {
            resume = Resume(from: max(0, n - overlap - i), quote: quote)
            return i
        }
        var i = 0
        while i < n {
            if buffer[i] != lessThan {
                // Text runs to the next tag; without one in the buffer it may go on in the next chunk.
                var lt = searchStart(i, i)
                while lt < n && buffer[lt] != lessThan { lt += 1 }
                if lt == n { return unfinished(i) }
                try handler.text(buffer[i..<lt], isCDATA: false)
                i = lt
                continue
            }
            guard i + 1 < n else { return i }
            switch buffer[i + 1] {
            case UInt8(ascii: "?"):
                guard let close = find(buffer, "?>", from: searchStart(i, i + 2)) else { return unfinished(i, overlap: 1) }
                i = close + 2
            case UInt8(ascii: "!"):
                if starts(buffer, at: i, with: "<!--") {
                    guard let close = find(buffer, "-->", from: searchStart(i, i + 4)) else { return unfinished(i, overlap: 2) }
                    i = close + 3
                } else if starts(buffer, at: i, with: "<![CDATA[") {
                    guard let close = find(buffer, "]]>", from: searchStart(i, i + 9)) else { return unfinished(i, overlap: 2) }
                    try handler.text(buffer[(i + 9)..<close], isCDATA: true)
                    i = close + 3
                } else if n - i < 9 {
                    return i  // too short yet to tell a CDATA section from a DOCTYPE
                } else {
                    let end = tagEnd(buffer, from: searchStart(i, i + 2), quote: quote(i, i + 2))
                    guard let close = end.close else { return unfinished(i, quote: end.quote) }
                    i = close + 1
                }
            case UInt8(ascii: "/"):
                let end = tagEnd(buffer, from: searchStart(i, i + 2), quote: quote(i, i + 2))
                guard let close = end.close else { return unfinished(i, quote: end.quote) }
                var nameEnd = i + 2
                while nameEnd < close && !isSpace(buffer[nameEnd]) { nameEnd += 1 }
                try handler.end(localName(buffer, i + 2, nameEnd))
                i = close + 1
            default:
                let end = tagEnd(buffer, from: searchStart(i, i + 1), quote: quote(i, i + 1))
                guard let close = end.close else { return unfinished(i, quote: end.quote) }
                let selfClosing = buffer[close - 1] == UInt8(ascii: "/")
                let tagEnd = selfClosing ? close - 1 : close
                var nameEnd = i + 1
                while nameEnd < tagEnd && !isSpace(buffer[nameEnd]) { nameEnd += 1 }
                let name = localName(buffer, i + 1, nameEnd)
                attributes.removeAll(keepingCapacity: true)
                parseAttributes(buffer, from: nameEnd, to: tagEnd, into: &attributes)
                try handler.start(XMLTag(name: name, buffer: buffer, attributes: attributes))
                if selfClosing { try handler.end(name) }
                i = close + 1
            }
        }
        return i
    }

    private static let lessThan = UInt8(ascii: "<")

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// The `>` that ends a tag, skipping quoted attribute values (which may hold `>`), searched
    /// from `start` inside `quote` (0 outside one); without one, the quote the search ended in.
    private static func tagEnd(_ buffer: UncheckedBytes, from start: Int, quote: UInt8) -> (close: Int?, quote: UInt8) {
        var quote = quote
        var k = start
        while k < buffer.count {
            let byte = buffer[k]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return (k, 0)
            }
            k += 1
        }
        return (nil, quote)
    }

    private static func starts(_ buffer: UncheckedBytes, at start: Int, with text: StaticString) -> Bool {
        let bytes = UncheckedBytes(text)
        let count = bytes.count
        guard buffer.count - start >= count else { return false }
        for k in 0..<count where buffer[start + k] != bytes[k] { return false }
        return true
    }

    private static func find(_ buffer: UncheckedBytes, _ text: StaticString, from start: Int) -> Int? {
        var k = start
        while k < buffer.count {
            if starts(buffer, at: k, with: text) { return k }
            k += 1
        }
        return nil
    }

    /// The name in [start, end) without its namespace prefix.
    private static func localName(_ buffer: UncheckedBytes, _ start: Int, _ end: Int) -> UncheckedBytes {
        var from = start
        for k in start..<end where buffer[k] == UInt8(ascii: ":") { from = k + 1 }
        return buffer[from..<end]
    }

    private static func parseAttributes(_ buffer: UncheckedBytes, from start: Int, to end: Int,
                                        into attributes: inout [XMLTag.Attribute]) {
        var k = start
        while k < end {
            while k < end && isSpace(buffer[k]) { k += 1 }
            let nameStart = k
            while k < end && buffer[k] != UInt8(ascii: "=") && !isSpace(buffer[k]) { k += 1 }
            let nameEnd = k
            while k < end && buffer[k] != UInt8(ascii: "\"") && buffer[k] != UInt8(ascii: "'") { k += 1 }
            guard k < end, nameEnd > nameStart else { return }
            let quote = buffer[k]
            let valueStart = k + 1
            k = valueStart
            while k < end && buffer[k] != quote { k += 1 }
            var localStart = nameStart
            for j in nameStart..<nameEnd where buffer[j] == UInt8(ascii: ":") { localStart = j + 1 }
            attributes.append(XMLTag.Attribute(name: localStart..<nameEnd, value: valueStart..<min(k, end)))
            k += 1
        }
    }
}

/// A start tag: its local name and attributes, as views into the scanner's buffer.
struct XMLTag {
    struct Attribute {
        var name: Range<Int>
        var value: Range<Int>
    }

    let name: UncheckedBytes
    let buffer: UncheckedBytes
    let attributes: [Attribute]

    /// The raw value of the attribute whose local name is `wanted` (entities not decoded).
    func attribute(_ wanted: StaticString) -> UncheckedBytes? {
        let bytes = UncheckedBytes(wanted)
        let count = bytes.count
        for attribute in attributes where attribute.name.count == count {
            var same = true
            for k in 0..<count where buffer[attribute.name.lowerBound + k] != bytes[k] {
                same = false
                break
            }
            if same { return buffer[attribute.value] }
        }
        return nil
    }

    /// The attribute's value as a string, entities decoded.
    func string(_ wanted: StaticString) -> String? {
        attribute(wanted).map { XMLText.string($0) }
    }
}

extension UncheckedBytes {
    /// Whether these bytes are exactly `text`.
    func equals(_ text: StaticString) -> Bool {
        equals(UncheckedBytes(text))
    }
}

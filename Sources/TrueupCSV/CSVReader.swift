import TrueupSystem

/// Streams the records of a CSV file through a fixed, caller-sized buffer.
///
/// The reader owns one buffer of `bufferSize` bytes (grown only for a single
/// record longer than that) and calls back once per record with views into it,
/// so memory does not grow with the file. A UTF-8 byte order mark is skipped;
/// blank lines are skipped but counted, so line numbers match an editor's.
public final class CSVReader {
    /// The name used in messages: the path as given.
    public let name: String
    /// The dialect given, or sniffed from the first 64 KiB.
    public let dialect: CSVDialect
    /// Whether the file started with a UTF-8 byte order mark.
    public private(set) var hadByteOrderMark = false
    /// Bytes read from the source so far.
    public private(set) var bytesRead = 0
    /// The longest record (or header) read: a longer one is `CSVError.recordTooLong`.
    public static let maximumRecordBytes = 16 << 20
    /// This reader's limit: `maximumRecordBytes` unless a test sets a smaller one.
    public var recordLimit = CSVReader.maximumRecordBytes

    private enum Source {
        case file(SystemFile)
        case memory([UInt8])
    }

    private var source: Source
    /// Whether the reader closes its file: not one it was lent (`init(file:name:dialect:bufferSize:)`).
    private let ownsFile: Bool
    private var buffer: UncheckedReadBuffer
    private var atEOF = false
    private var onChunk: ((UncheckedBytes) -> Void)?

    /// Opens `path`; `onChunk` sees every byte of the file once, in order (for hashing).
    public init(path: String, dialect: CSVDialect? = nil, bufferSize: Int = 1 << 20,
                onChunk: ((UncheckedBytes) -> Void)? = nil) throws(CSVError) {
        // Only a regular file: a FIFO with no writer would wait forever, a device may never end.
        let fd: SystemFile
        do {
            fd = try SystemFile.openRegular(path).file
        } catch {
            switch error {
            case .cantOpen(let reason): throw .unreadable(path: path, reason: reason.description)
            case .notRegular(let kind): throw .unreadable(path: path, reason: "is \(kind.described), not a regular file")
            }
        }
        // All that can throw comes before the buffer is allocated and closes `fd`
        // itself: a class whose init throws never runs its deinit.
        var sample = [UInt8](repeating: 0, count: CSVSniffer.sampleSize)
        let got: Int
        do {
            got = try fd.readFully(into: &sample, at: 0)
        } catch {
            fd.close()
            throw .unreadable(path: path, reason: "\(error)")
        }
        sample.removeLast(sample.count - got)
        let chosen: CSVDialect
        do {
            chosen = try Self.chooseDialect(dialect, sample: sample, isWholeFile: got < CSVSniffer.sampleSize)
        } catch {
            fd.close()
            throw error
        }
        self.dialect = chosen
        name = path
        source = .file(fd)
        ownsFile = true
        buffer = UncheckedReadBuffer(capacity: bufferSize)
        self.onChunk = onChunk
    }

    /// Reads `file`, open already and left open: several readers on one descriptor read it at
    /// their own offsets. `name` is the path for messages.
    /// A reader given the dialect reads no sample: the file's header was read with it already.
    package init(file: SystemFile, name: String, dialect: CSVDialect? = nil, bufferSize: Int = 1 << 20) throws(CSVError) {
        if let dialect {
            self.dialect = dialect
        } else {
            var sample = [UInt8](repeating: 0, count: CSVSniffer.sampleSize)
            let got: Int
            do {
                got = try file.readFully(into: &sample, at: 0)
            } catch {
                throw .unreadable(path: name, reason: "\(error)")
            }
            sample.removeLast(sample.count - got)
            self.dialect = try Self.chooseDialect(nil, sample: sample, isWholeFile: got < CSVSniffer.sampleSize)
        }
        self.name = name
        source = .file(file)
        ownsFile = false
        buffer = UncheckedReadBuffer(capacity: bufferSize)
    }

    /// Reads from memory, `bufferSize` bytes at a time: the same path as a file.
    public init(bytes: [UInt8], name: String = "<memory>", dialect: CSVDialect? = nil, bufferSize: Int = 1 << 20) throws(CSVError) {
        // The dialect first: if it throws, no buffer has been allocated that deinit would not free.
        let sample = Array(bytes.prefix(CSVSniffer.sampleSize))
        self.dialect = try Self.chooseDialect(dialect, sample: sample, isWholeFile: sample.count == bytes.count)
        self.name = name
        source = .memory(bytes)
        ownsFile = false
        buffer = UncheckedReadBuffer(capacity: bufferSize)
    }

    deinit {
        if case .file(let fd) = source, ownsFile { fd.close() }
    }

    private static func chooseDialect(_ given: CSVDialect?, sample: [UInt8], isWholeFile: Bool) throws(CSVError) -> CSVDialect {
        if let encoding = UnsupportedEncoding.name(sample) { throw .unsupportedEncoding(encoding) }
        if let given { return given }
        let body = sample.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(sample.dropFirst(3)) : sample
        return CSVSniffer.sniff(body, isWholeFile: isWholeFile)
    }

    /// Calls `body` for every non-blank record, in file order.
    ///
    /// Throws `CSVError.unterminatedQuote` when the file ends inside a quoted
    /// field, and rethrows whatever `body` throws.
    public func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
        _ = try records { record in
            try body(record)
            return true
        }
    }

    /// Where a read stopped: the byte offset of the first record not read, and how many lines it consumed.
    public struct Stop: Sendable, Equatable {
        public var offset: Int
        public var lines: Int

        public init(offset: Int, lines: Int) {
            self.offset = offset
            self.lines = lines
        }
    }

    /// Calls `body` for every non-blank record that starts at or after `start` and before `limit`,
    /// until `body` returns false; the record that straddles `limit` is read whole.
    ///
    /// This is how a file is read in blocks: `start` must be where a record begins
    /// (a byte order mark is looked for only at 0), and `firstLine` is the line
    /// number there. Each reader reads on its own file descriptor at its own
    /// offsets, so several can read one file at once.
    public func records(from start: Int = 0, before limit: Int = .max, firstLine: Int = 1,
                        _ body: (borrowing CSVRecord) throws -> Bool) throws -> Stop {
        try records(from: start, before: limit, firstLine: firstLine, plain: { _, _ in nil }, body)
    }

    /// `records(from:before:firstLine:_:)`, offering every record to `plain` first: it gets
    /// the unread bytes of the buffer from the record's first byte, and the record's line. It
    /// either takes the record whole, returning how many bytes it took (the record and its
    /// line end, one line only), or returns nil and leaves the record to the tokenizer and
    /// `body`. A caller that can read its common rows faster than field by field uses it.
    @inline(__always)
    public func records(from start: Int = 0, before limit: Int = .max, firstLine: Int = 1,
                        plain: (UncheckedBytes, _ line: Int) -> Int?,
                        _ body: (borrowing CSVRecord) throws -> Bool) throws -> Stop {
        var tokenizer = Tokenizer(dialect: dialect)
        let scratch = UncheckedScratch()
        var position = 0
        var bufferOffset = start  // file offset of buffer[0]
        var line = firstLine
        buffer.removeAll()
        atEOF = false
        try fill(at: bufferOffset)
        if start == 0 && buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            hadByteOrderMark = true
            position = 3
        }
        while true {
            if (position == buffer.count && atEOF) || bufferOffset + position >= limit {
                return Stop(offset: bufferOffset + position, lines: line - firstLine)
            }
            if let taken = plain(buffer.unread(from: position), line) {
                position += taken
                line += 1
                continue
            }
            switch buffer.scan(&tokenizer, from: position, atEOF: atEOF) {
            case .needMore:
                if position == 0 && buffer.isFull {
                    guard buffer.capacity < recordLimit else {
                        throw CSVError.recordTooLong(CSVPosition(line: line, byteOffset: bufferOffset), limit: recordLimit)
                    }
                    buffer.grow(limit: recordLimit)
                }
                if position > 0 {
                    buffer.removeFirst(position)
                    bufferOffset += position
                    position = 0
                }
                try fill(at: bufferOffset)
            case .record(let next, let contentEnd, let newlines):
                if !tokenizer.lastRecordIsBlank {
                    scratch.clear()
                    let record = buffer.record(position, contentEnd, fields: tokenizer, line: line,
                                               byteOffset: bufferOffset + position, scratch: scratch)
                    let goOn = try body(record)
                    line += 1 + newlines
                    position = next
                    if !goOn { return Stop(offset: bufferOffset + position, lines: line - firstLine) }
                    continue
                }
                line += 1 + newlines
                position = next
            case .unterminated(let quoteAt, let newlinesBefore):
                throw CSVError.unterminatedQuote(CSVPosition(line: line + newlinesBefore, byteOffset: bufferOffset + quoteAt))
            }
        }
    }

    /// `records(from:before:firstLine:_:)` with the fast lane: every record is offered to `lane`
    /// first, and a plain record it reads is handed to `plain` with its fields, which takes it
    /// (true) or leaves it (false) to the tokenizer and `body`. The fields are lent, not copied: `plain` reads them.
    public func records(from start: Int = 0, before limit: Int = .max, firstLine: Int = 1, lane: PlainLane,
                        plain: (UncheckedBytes, inout PlainLane.Fields, _ line: Int) -> Bool,
                        _ body: (borrowing CSVRecord) throws -> Bool) throws -> Stop {
        var fields = PlainLane.Fields()
        return try records(from: start, before: limit, firstLine: firstLine, plain: { bytes, line in
            guard lane.read(bytes, into: &fields) else { return nil }
            guard plain(bytes, &fields, line) else {
                // Left to the tokenizer: the record after it is read whole.
                fields.forgetLead()
                return nil
            }
            return fields.length
        }, body)
    }

    /// Reads until the buffer is full or the source ends; `bufferStart` is the file offset of buffer[0].
    private func fill(at bufferStart: Int) throws(CSVError) {
        while !buffer.isFull && !atEOF {
            let offset = bufferStart + buffer.count
            let got: Int
            switch source {
            case .file(let fd):
                do {
                    got = try buffer.append(readingFrom: fd, at: offset)
                } catch {
                    throw .unreadable(path: name, reason: error.description)
                }
            case .memory(let bytes):
                got = buffer.append(copying: bytes, from: offset)
            }
            if got == 0 { atEOF = true; break }
            if let onChunk { onChunk(buffer.unread(from: buffer.count - got)) }
            bytesRead += got
        }
    }
}

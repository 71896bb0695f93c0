import TrueupSystem

/// The reader's buffer: bytes read from a file or from memory, of which the reader has used a
/// prefix and not yet the rest.
///
/// With `UncheckedScratch` (the bytes of unquoted fields) and the byte view `UncheckedBytes`, the
/// CSV reader's room for unsafe code (swift-collections' `Deque._UnsafeHandle` is the model): the
/// allocation is inside, the reader sees counts, offsets and views. The tokenizer (`Tokenizer`)
/// and the fast lane (`PlainLane`) read the views it lends.
///
/// What it vouches for:
/// - it holds `count` bytes at positions `0..<count`, `count <= capacity`; the bytes appended by a
///   fill go after the ones held, and `removeFirst(_:)` moves the ones kept to position 0;
/// - every position and range asked for lies in `0..<count`: a `precondition` once per call (a
///   record, a fill), an `assert` for a single byte;
/// - `grow(limit:)` keeps the bytes held, and never shrinks.
///
/// What it does not: that a view outlives a fill, a compaction or a growth. The views
/// (`unread(from:)`, `record(...)`) are lent to one callback and must not be kept past it.
struct UncheckedReadBuffer: ~Copyable {
    private var base: UnsafeMutableRawPointer
    /// The most bytes it holds before it must grow.
    private(set) var capacity: Int
    /// The bytes held, at positions `0..<count`.
    private(set) var count = 0

    /// An empty buffer of `capacity` bytes (at least 4).
    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        base = .allocate(byteCount: self.capacity, alignment: 16)
    }

    /// A buffer holding a copy of `bytes`, exactly as many as there are.
    init(copying bytes: [UInt8]) {
        self.init(capacity: bytes.count)
        _ = append(copying: bytes, from: 0)
    }

    deinit { base.deallocate() }

    var isFull: Bool { count == capacity }

    /// The byte at `position`.
    subscript(position: Int) -> UInt8 {
        assert(position >= 0 && position < count, "byte \(position) outside a buffer of \(count)")
        return base.load(fromByteOffset: position, as: UInt8.self)
    }

    /// Whether the bytes held start with `prefix`.
    func starts(with prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        for k in prefix.indices where self[k] != prefix[k] { return false }
        return true
    }

    // MARK: Filling

    /// Reads into the free room from `file` at its offset `offset`, once, and returns how many
    /// bytes were appended: 0 at the end of the file, or when the buffer is full.
    mutating func append(readingFrom file: SystemFile, at offset: Int) throws(SystemError) -> Int {
        guard count < capacity else { return 0 }
        let got = try file.read(into: UnsafeMutableRawBufferPointer(start: base + count, count: capacity - count), at: offset)
        precondition(got >= 0 && got <= capacity - count, "a read of \(got) bytes into a room of \(capacity - count)")
        count += got
        return got
    }

    /// Copies into the free room as many of `bytes` from position `offset` on as fit, and returns how
    /// many were appended: 0 when `offset` is at or past their end, or when the buffer is full.
    mutating func append(copying bytes: [UInt8], from offset: Int) -> Int {
        precondition(offset >= 0, "a copy from byte \(offset)")
        let got = max(0, min(capacity - count, bytes.count - offset))
        guard got > 0 else { return 0 }
        let target = base + count
        bytes.withUnsafeBytes { source in target.copyMemory(from: source.baseAddress.unsafelyUnwrapped + offset, byteCount: got) }
        count += got
        return got
    }

    /// Drops every byte held; the storage stays.
    mutating func removeAll() { count = 0 }

    /// Drops the first `used` bytes and moves the rest to position 0.
    mutating func removeFirst(_ used: Int) {
        precondition(used >= 0 && used <= count, "\(used) bytes dropped from a buffer of \(count)")
        guard used > 0 else { return }
        base.copyMemory(from: base + used, byteCount: count - used)
        count -= used
    }

    /// Doubles the capacity, to `limit` at most but always by at least one byte, keeping the bytes held.
    mutating func grow(limit: Int) {
        let larger = min(capacity * 2, max(limit, capacity + 1))
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 16)
        bigger.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = bigger
        capacity = larger
    }

    // MARK: Views, valid until the buffer next changes

    /// The bytes at `range`.
    @inline(__always)
    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "bytes \(range) outside a buffer of \(count)")
        return UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// The bytes from `position` to the end of those held: the ones not read yet.
    @inline(__always)
    func unread(from position: Int) -> UncheckedBytes { UncheckedBytes(unchecked: bytes(position..<count)) }

    /// Scans the record starting at `position` (see `Tokenizer.scan`); `atEOF` says no bytes follow those held.
    @inline(__always)
    func scan(_ tokenizer: inout Tokenizer, from position: Int, atEOF: Bool) -> Tokenizer.Outcome {
        precondition(position >= 0 && position <= count, "a record at \(position) outside a buffer of \(count)")
        return tokenizer.scan(UncheckedBytes(unchecked: bytes(0..<count)), from: position, atEOF: atEOF)
    }

    /// The record at `start..<contentEnd` whose fields `tokenizer` has just found there.
    @inline(__always)
    func record(_ start: Int, _ contentEnd: Int, fields tokenizer: borrowing Tokenizer, line: Int, byteOffset: Int,
                scratch: UncheckedScratch) -> CSVRecord {
        CSVRecord(line: line, byteOffset: byteOffset, raw: UncheckedBytes(unchecked: bytes(start..<contentEnd)),
                  spans: tokenizer.fields, buffer: UncheckedBytes(unchecked: bytes(0..<count)), quote: tokenizer.quote, scratch: scratch)
    }
}

/// A growable byte buffer that unquoted fields are written into: the reader's second buffer.
///
/// A record's fields go one after another and are only dropped when the next
/// record starts (`clear`), so every field `CSVRecord.field` hands out stays
/// valid until the callback returns, as it promises, even when the caller takes
/// several before reading them. A block that fills up is kept, not freed or
/// moved, until then.
///
/// What it vouches for: `append(_:)` writes inside the block `begin(capacity:)` made room in
/// (asserted), and `bytes` views only what was written since.
final class UncheckedScratch {
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
        assert(count < storage.count, "a byte beyond the room begun")
        storage[count] = byte
        count += 1
    }

    /// The field written since `begin`.
    var bytes: UncheckedBytes { UncheckedBytes(unchecked: UnsafeRawBufferPointer(rebasing: storage[start..<count])) }
}

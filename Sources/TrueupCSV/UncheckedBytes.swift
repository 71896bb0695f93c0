/// A read-only view of `count` contiguous bytes that someone else owns: a field, a record, a
/// key, the unread part of the reader's buffer.
///
/// The byte parsers' room for unsafe code, beside the reader's buffer (`UncheckedReadBuffer`);
/// swift-collections' `Deque._UnsafeHandle` is the model. The pointer is inside; parsers see a
/// subscript, slices and a sequence of bytes.
///
/// What it vouches for:
/// - every byte read lies in `0..<count`: an `assert` at each byte (debug builds, gone in
///   release, so a parser over a view runs as fast as over a raw pointer), and a
///   `precondition` on each slice, taken once per call rather than once per byte;
/// - a slice is a view of its own, indexed from 0.
///
/// What it does not: that the owner outlives the view. Views are lent by a scope (a record's
/// callback, `Array.withUncheckedBytes(_:)`) and must not escape it.
@frozen
public struct UncheckedBytes {
    @usableFromInline let base: UnsafeRawPointer?
    public let count: Int

    /// A view of `buffer`, which the caller keeps alive and unchanged while the view is used.
    @inlinable @inline(__always)
    public init(unchecked buffer: UnsafeRawBufferPointer) {
        base = buffer.baseAddress
        count = buffer.count
    }

    @inlinable @inline(__always)
    init(base: UnsafeRawPointer?, count: Int) {
        self.base = base
        self.count = count
    }

    /// A view of a static string's UTF-8 bytes, which live as long as the program.
    @inlinable
    public init(_ text: StaticString) {
        precondition(text.hasPointerRepresentation, "a static string of one scalar has no bytes to view")
        self.init(base: UnsafeRawPointer(text.utf8Start), count: text.utf8CodeUnitCount)
    }

    @inlinable public var isEmpty: Bool { count == 0 }

    /// The byte at `index`.
    @inlinable
    public subscript(index: Int) -> UInt8 {
        @inline(__always) get {
            assert(index >= 0 && index < count, "byte \(index) outside a view of \(count)")
            return base.unsafelyUnwrapped.load(fromByteOffset: index, as: UInt8.self)
        }
    }

    /// Bytes `range` of this view, as a view indexed from 0.
    @inlinable
    public subscript(range: Range<Int>) -> UncheckedBytes {
        @inline(__always) get {
            precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice \(range) outside a view of \(count)")
            return UncheckedBytes(base: base.map { $0 + range.lowerBound }, count: range.count)
        }
    }

    /// The first `length` bytes, or all of them when there are fewer.
    @inlinable @inline(__always)
    public func prefix(_ length: Int) -> UncheckedBytes { self[0..<Swift.min(Swift.max(length, 0), count)] }

    /// The bytes without leading and trailing ASCII spaces and tabs.
    @inlinable @inline(__always)
    public func trimmingSpaces() -> UncheckedBytes {
        // Most fields have no padding: two byte checks and no slicing.
        guard count > 0 else { return self }
        let first = self[0], last = self[count - 1]
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        var start = 0
        var end = count
        while start < end && (self[start] == 0x20 || self[start] == 0x09) { start += 1 }
        while end > start && (self[end - 1] == 0x20 || self[end - 1] == 0x09) { end -= 1 }
        return self[start..<end]
    }

    /// Whether the two views hold the same bytes: eight at a time, in line, since keys are short
    /// and a call to `memcmp` for each of millions of rows costs more than the comparison.
    @inlinable @inline(__always)
    public func equals(_ other: UncheckedBytes) -> Bool {
        guard count == other.count else { return false }
        guard count > 0 else { return true }
        let a = base.unsafelyUnwrapped, b = other.base.unsafelyUnwrapped
        var i = 0
        while i + 8 <= count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// The eight bytes from `index` as one little-endian word, or the `count` bytes there when
    /// fewer than eight, the word's missing high bytes zero: a key compared a word at a time.
    @inlinable @inline(__always)
    public func word(at index: Int, count wanted: Int = 8) -> UInt64 {
        let length = Swift.min(wanted, 8)
        assert(index >= 0 && length > 0 && index + length <= count, "a word of \(length) bytes at \(index) outside a view of \(count)")
        let p = base.unsafelyUnwrapped
        if length == 8 { return UInt64(littleEndian: p.loadUnaligned(fromByteOffset: index, as: UInt64.self)) }
        // Eight bytes inside the view: one load, its high bytes cleared.
        if index + 8 <= count {
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            return word & (UInt64.max >> UInt64(64 - 8 * length))
        }
        var word: UInt64 = 0
        for k in 0..<length { word |= UInt64(p.load(fromByteOffset: index + k, as: UInt8.self)) << UInt64(8 * k) }
        return word
    }

    /// The bytes as UTF-8 text; invalid UTF-8 is repaired with U+FFFD.
    @inlinable
    public var text: String { String(decoding: unsafeBuffer, as: UTF8.self) }

    /// The bytes as a buffer, for a door to C (`strtod`, a hash) only.
    @inlinable
    public var unsafeBuffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

extension UncheckedBytes: Sequence {
    @frozen
    public struct Iterator: IteratorProtocol {
        @usableFromInline let bytes: UncheckedBytes
        @usableFromInline var position = 0

        @inlinable init(_ bytes: UncheckedBytes) { self.bytes = bytes }

        @inlinable @inline(__always)
        public mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(self) }
    @inlinable public var underestimatedCount: Int { count }

    /// Lends the bytes as one buffer, so that copying them (`Array(_:)`, `append(contentsOf:)`) is one move.
    @inlinable
    public func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        try body(unsafeBuffer.assumingMemoryBound(to: UInt8.self))
    }
}

extension Array where Element == UInt8 {
    /// Calls `body` with a view of the array's bytes, valid only inside `body`.
    @inlinable @inline(__always)
    public func withUncheckedBytes<Result>(_ body: (UncheckedBytes) throws -> Result) rethrows -> Result {
        try withUnsafeBytes { try body(UncheckedBytes(unchecked: $0)) }
    }
}

extension ArraySlice where Element == UInt8 {
    /// Calls `body` with a view of the slice's bytes, indexed from 0, valid only inside `body`.
    @inlinable @inline(__always)
    public func withUncheckedBytes<Result>(_ body: (UncheckedBytes) throws -> Result) rethrows -> Result {
        try withUnsafeBytes { try body(UncheckedBytes(unchecked: $0)) }
    }
}

extension String {
    /// Calls `body` with a view of the string's UTF-8 bytes, valid only inside `body`.
    @inlinable @inline(__always)
    public mutating func withUncheckedBytes<Result>(_ body: (UncheckedBytes) throws -> Result) rethrows -> Result {
        try withUTF8 { try body(UncheckedBytes(unchecked: UnsafeRawBufferPointer($0))) }
    }
}

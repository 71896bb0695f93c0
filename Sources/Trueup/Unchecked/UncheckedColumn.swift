import TrueupSystem

/// A read-only view of `count` contiguous elements that someone else owns.
///
/// With `UncheckedMutableColumn` and `UncheckedParallel`, one of the package's rooms for unsafe
/// code (swift-collections' `Deque._UnsafeHandle` is the model): the pointer is inside, callers
/// see a subscript, slices and a sequence.
///
/// What it vouches for:
/// - every element read lies in `0..<count`: an `assert` at each element (debug builds, gone
///   in release, so a kernel over a view runs as fast as over a raw pointer), and a
///   `precondition` on each slice, taken once per call rather than once per element;
/// - a slice is a view of its own, indexed from 0.
///
/// What it does not: that the owner outlives the view. Views are lent by a scope
/// (`Array.withUncheckedColumn(_:)`, `UncheckedParallel`) and must not escape it. Only the
/// door to BLAS (`BLAS`) and the kernels' benchmark entry points see the pointer.
struct UncheckedColumn<Element> {
    private let base: UnsafePointer<Element>?
    let count: Int

    /// A view of `buffer`, which the caller keeps alive and unchanged while the view is used.
    init(unchecked buffer: UnsafeBufferPointer<Element>) {
        base = buffer.baseAddress
        count = buffer.count
    }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }

    subscript(index: Int) -> Element {
        @inline(__always) unsafeAddress {
            assert(index >= 0 && index < count, "index \(index) outside a column of \(count)")
            return base.unsafelyUnwrapped + index
        }
    }

    /// Elements `range` of this view, as a view indexed from 0.
    subscript(range: Range<Int>) -> UncheckedColumn<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice \(range) outside a column of \(count)")
        return UncheckedColumn(base: base.map { $0 + range.lowerBound }, count: range.count)
    }

    /// The first `length` elements.
    func prefix(_ length: Int) -> UncheckedColumn<Element> { self[0..<length] }

    /// The last element, or nil when the view is empty.
    var last: Element? { isEmpty ? nil : self[count - 1] }

    /// The elements as a buffer, for the door to C (`BLAS`) only.
    var unsafeBuffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    private init(base: UnsafePointer<Element>?, count: Int) {
        self.base = base
        self.count = count
    }
}

extension UncheckedColumn: Sequence {
    struct Iterator: IteratorProtocol {
        private let column: UncheckedColumn<Element>
        private var position = 0

        fileprivate init(_ column: UncheckedColumn<Element>) { self.column = column }

        @inline(__always)
        mutating func next() -> Element? {
            guard position < column.count else { return nil }
            defer { position += 1 }
            return column[position]
        }
    }

    func makeIterator() -> Iterator { Iterator(self) }
    var underestimatedCount: Int { count }

    /// Lends the elements as one buffer, so that copying them (`Array.append(contentsOf:)`) is one move.
    func withContiguousStorageIfAvailable<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result? {
        try body(unsafeBuffer)
    }
}

/// A view of `count` contiguous elements that someone else owns, to read and write.
///
/// The same vouching as `UncheckedColumn`: elements in `0..<count`, asserted per element and
/// taken as a precondition per slice. Writing through a view is writing to the owner's storage
/// (a view has reference semantics, like the buffer it wraps). Several threads may write one
/// column at once only through `UncheckedParallel`, at positions no two parts share.
///
/// `allocate(count:)` makes a column that owns its storage instead; its owner calls
/// `deallocate()` once, when no view of it is left.
struct UncheckedMutableColumn<Element> {
    private let base: UnsafeMutablePointer<Element>?
    let count: Int

    /// A view of `buffer`, which the caller keeps alive while the view is used.
    init(unchecked buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress
        count = buffer.count
    }

    /// `count` elements of new storage, left uninitialised: for elements that are bits only, to be
    /// written before they are read.
    static func allocate(count: Int) -> UncheckedMutableColumn<Element> where Element: BitwiseCopyable {
        UncheckedMutableColumn(unchecked: .allocate(capacity: max(count, 1)))[0..<count]
    }

    /// Frees the storage of a column made by `allocate(count:)`.
    func deallocate() { base?.deallocate() }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }

    subscript(index: Int) -> Element {
        @inline(__always) unsafeAddress {
            assert(index >= 0 && index < count, "index \(index) outside a column of \(count)")
            return UnsafePointer(base.unsafelyUnwrapped + index)
        }
        @inline(__always) nonmutating unsafeMutableAddress {
            assert(index >= 0 && index < count, "index \(index) outside a column of \(count)")
            return base.unsafelyUnwrapped + index
        }
    }

    /// Elements `range` of this view, as a view indexed from 0.
    subscript(range: Range<Int>) -> UncheckedMutableColumn<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "slice \(range) outside a column of \(count)")
        return UncheckedMutableColumn(base: base.map { $0 + range.lowerBound }, count: range.count)
    }

    /// The first `length` elements.
    func prefix(_ length: Int) -> UncheckedMutableColumn<Element> { self[0..<length] }

    /// The same elements, read-only.
    var readOnly: UncheckedColumn<Element> { UncheckedColumn(unchecked: UnsafeBufferPointer(unsafeBuffer)) }

    /// Sets every element to `value`.
    func update(repeating value: Element) { unsafeBuffer.update(repeating: value) }

    /// Copies `source` into the first `source.count` elements.
    func update(from source: UncheckedColumn<Element>) {
        precondition(source.count <= count, "\(source.count) elements copied into a column of \(count)")
        guard let base, !source.isEmpty else { return }
        base.update(from: source.unsafeBuffer.baseAddress.unsafelyUnwrapped, count: source.count)
    }

    /// The elements as a buffer, for the door to C (`BLAS`, `SystemFile`) only.
    var unsafeBuffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    private init(base: UnsafeMutablePointer<Element>?, count: Int) {
        self.base = base
        self.count = count
    }
}

extension Array {
    /// Calls `body` with a read-only view of the array's elements, valid only inside `body`.
    @inline(__always)
    func withUncheckedColumn<Result>(_ body: (UncheckedColumn<Element>) throws -> Result) rethrows -> Result {
        try withUnsafeBufferPointer { try body(UncheckedColumn(unchecked: $0)) }
    }

    /// Calls `body` with a view of the array's elements to read and write, valid only inside `body`.
    @inline(__always)
    mutating func withUncheckedMutableColumn<Result>(_ body: (UncheckedMutableColumn<Element>) throws -> Result) rethrows -> Result {
        try withUnsafeMutableBufferPointer { try body(UncheckedMutableColumn(unchecked: $0)) }
    }
}

extension Array where Element: BitwiseCopyable {
    /// The addresses of the whole pages of the array's storage past its last element, up to its
    /// capacity: the pages its next appends write (`Prefault`). Empty when there are none.
    var unusedCapacityPages: Range<UInt> { pages(of: count..<capacity, pageSize: Syscalls.pageSize) }

    /// The addresses of the whole pages inside the storage of elements `places` (within the capacity).
    func pages(of places: Range<Int>, pageSize: Int) -> Range<UInt> {
        precondition(places.lowerBound >= 0 && places.upperBound <= capacity, "places \(places) outside a capacity of \(capacity)")
        let page = UInt(pageSize)
        let base = withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        guard base != 0, !places.isEmpty, page > 0 else { return 0..<0 }
        let stride = UInt(MemoryLayout<Element>.stride)
        let first = (base + UInt(places.lowerBound) * stride + page - 1) / page * page
        let end = (base + UInt(places.upperBound) * stride) / page * page
        return first < end ? first..<end : 0..<0
    }

    /// An array of `count` elements that `body` writes, every one of them (with several threads
    /// at once through `UncheckedParallel` if it likes); no element is set beforehand.
    ///
    /// Unchecked: an element `body` leaves unwritten holds whatever bits were in memory.
    init(uncheckedCount count: Int, writingEvery body: (UncheckedMutableColumn<Element>) -> Void) {
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            body(UncheckedMutableColumn(unchecked: buffer)[0..<count])
            initialized = count
        }
    }
}

/// A block's parsed rows, one column per field, in storage the block keeps from one parse to the next.
///
/// Rows are appended one at a time by the parser, tens of millions of them: six
/// stores and one capacity check a row, where six arrays would each check their
/// capacity and whether they are shared. The merge reads the columns as views.
/// One thread uses the columns at a time: the parser, then the merge.
///
/// The storage is six `UncheckedMutableColumn`s of `capacity` elements, of which the first
/// `count` are written; a view handed out (`customer`, ...) is valid until the next append or
/// `reserve`, which may move the storage.
final class RowColumns: @unchecked Sendable {
    private(set) var count = 0
    private var capacity = 0
    private var customerStorage: UncheckedMutableColumn<Int32>
    private var itemStorage: UncheckedMutableColumn<Int32>
    private var monthStorage: UncheckedMutableColumn<Int32>
    private var lagStorage: UncheckedMutableColumn<UInt8>
    private var valueStorage: UncheckedMutableColumn<Double>
    private var lineStorage: UncheckedMutableColumn<Int32>

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 16)
        customerStorage = .allocate(count: self.capacity)
        itemStorage = .allocate(count: self.capacity)
        monthStorage = .allocate(count: self.capacity)
        lagStorage = .allocate(count: self.capacity)
        valueStorage = .allocate(count: self.capacity)
        lineStorage = .allocate(count: self.capacity)
    }

    deinit {
        customerStorage.deallocate()
        itemStorage.deallocate()
        monthStorage.deallocate()
        lagStorage.deallocate()
        valueStorage.deallocate()
        lineStorage.deallocate()
    }

    /// Customer and item ids in the block's dictionaries; months as `Month.index`; lines from the block's first.
    var customer: UncheckedColumn<Int32> { customerStorage.readOnly.prefix(count) }
    var item: UncheckedColumn<Int32> { itemStorage.readOnly.prefix(count) }
    var month: UncheckedColumn<Int32> { monthStorage.readOnly.prefix(count) }
    var lag: UncheckedColumn<UInt8> { lagStorage.readOnly.prefix(count) }
    var value: UncheckedColumn<Double> { valueStorage.readOnly.prefix(count) }
    var line: UncheckedColumn<Int32> { lineStorage.readOnly.prefix(count) }

    @inline(__always)
    func append(customer: Int32, item: Int32, month: Int32, lag: UInt8, value: Double, line: Int32) {
        if count == capacity { reserve(capacity * 2) }
        customerStorage[count] = customer
        itemStorage[count] = item
        monthStorage[count] = month
        lagStorage[count] = lag
        valueStorage[count] = value
        lineStorage[count] = line
        count += 1
    }

    /// Room for `rows` rows in all.
    func reserve(_ rows: Int) {
        guard rows > capacity else { return }
        customerStorage = Self.moved(customerStorage, count: count, to: rows)
        itemStorage = Self.moved(itemStorage, count: count, to: rows)
        monthStorage = Self.moved(monthStorage, count: count, to: rows)
        lagStorage = Self.moved(lagStorage, count: count, to: rows)
        valueStorage = Self.moved(valueStorage, count: count, to: rows)
        lineStorage = Self.moved(lineStorage, count: count, to: rows)
        capacity = rows
    }

    /// No rows; the storage stays.
    func removeAll() { count = 0 }

    /// New storage of `capacity` elements holding the first `count` of `old`, which is freed.
    private static func moved<T: BitwiseCopyable>(_ old: UncheckedMutableColumn<T>, count: Int, to capacity: Int) -> UncheckedMutableColumn<T> {
        let new = UncheckedMutableColumn<T>.allocate(count: capacity)
        new.update(from: old.readOnly.prefix(count))
        old.deallocate()
        return new
    }
}

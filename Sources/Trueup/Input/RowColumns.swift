/// A block's parsed rows, one column per field, in storage the block keeps from one parse to the next.
///
/// Rows are appended one at a time by the parser, tens of millions of them: six
/// stores and one capacity check a row, where six arrays would each check their
/// capacity and whether they are shared. The merge reads the columns as buffers.
/// One thread uses the columns at a time: the parser, then the merge.
final class RowColumns: @unchecked Sendable {
    private(set) var count = 0
    private var capacity = 0
    private var customerStorage: UnsafeMutablePointer<Int32>
    private var itemStorage: UnsafeMutablePointer<Int32>
    private var monthStorage: UnsafeMutablePointer<Int32>
    private var lagStorage: UnsafeMutablePointer<UInt8>
    private var valueStorage: UnsafeMutablePointer<Double>
    private var lineStorage: UnsafeMutablePointer<Int32>

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 16)
        customerStorage = .allocate(capacity: self.capacity)
        itemStorage = .allocate(capacity: self.capacity)
        monthStorage = .allocate(capacity: self.capacity)
        lagStorage = .allocate(capacity: self.capacity)
        valueStorage = .allocate(capacity: self.capacity)
        lineStorage = .allocate(capacity: self.capacity)
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
    var customer: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: customerStorage, count: count) }
    var item: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: itemStorage, count: count) }
    var month: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: monthStorage, count: count) }
    var lag: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: lagStorage, count: count) }
    var value: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: valueStorage, count: count) }
    var line: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: lineStorage, count: count) }

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

    private static func moved<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<T> {
        let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        return new
    }
}

import Testing
@testable import Trueup
import TrueupSystem

/// The rooms for unsafe code: what their safe-looking methods promise callers.
@Suite struct UncheckedRoomTests {
    @Test func columnSlicesAreIndexedFromZero() {
        let values: [Double] = [1, 2, 3, 4, 5, 6]
        values.withUncheckedColumn { column in
            #expect(column.count == 6)
            #expect(Array(column) == values)
            let middle = column[2..<5]
            #expect(middle.count == 3)
            #expect(middle[0] == 3 && middle[2] == 5)
            #expect(Array(middle[1..<3]) == [4, 5])
            #expect(column.prefix(0).isEmpty)
        }
    }

    @Test func mutableColumnWritesTheOwnersStorage() {
        var values = [Int](repeating: 0, count: 5)
        values.withUncheckedMutableColumn { column in
            column[1..<4].update(repeating: 7)
            column[0] += 2
            [8, 9].withUncheckedColumn { column[3..<5].update(from: $0) }
        }
        #expect(values == [2, 7, 7, 8, 9])
    }

    @Test func arrayWrittenByEveryPart() {
        let count = 1000
        for parts in [1, 2, 3, 8] {
            // Each part writes the positions congruent to it, so the parts interleave.
            let squares = [Int](uncheckedCount: count) { column in
                UncheckedParallel.forEach(parts) { p in
                    for k in Swift.stride(from: p, to: count, by: parts) { column[k] = k * k }
                }
            }
            #expect(squares == (0..<count).map { $0 * $0 })
        }
    }

    @Test func slicesGivenToThePartsAreTheirOwn() {
        var counts = [Int](repeating: 0, count: 4 * 3)
        counts.withUncheckedMutableColumn { counts in
            UncheckedParallel.forEach(4, slicing: counts, stride: 3) { p, slice in
                for k in slice.indices { slice[k] = p * 10 + k }
            }
        }
        #expect(counts == [0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32])
    }

    @Test(arguments: [0, 1, 2, 5, 64])
    func mapAndRunsKeepPartOrder(parts: Int) {
        #expect(UncheckedParallel.map(parts) { $0 * 3 } == (0..<parts).map { $0 * 3 })
        #expect(UncheckedParallel.runs(100, parts: parts) { Array($0) } == Array(0..<100))
        #expect(UncheckedParallel.runs(0, parts: parts) { Array($0) } == [])
    }

    @Test func bothGivesEachResultItsPlace() {
        for together in [false, true] {
            let (a, b) = UncheckedParallel.both(together: together, { "first" }, { [1, 2, 3] })
            #expect(a == "first" && b == [1, 2, 3])
        }
    }
}

/// The edges the reader's row columns rely on.
@Suite struct UncheckedColumnEdgeTests {
    @Test func lastAndCopyingOut() {
        let values: [Int32] = [4, 5, 6]
        values.withUncheckedColumn { column in
            #expect(column.last == 6)
            #expect(column[0..<0].last == nil)
            var copied: [Int32] = [1]
            copied.append(contentsOf: column[1..<3])
            #expect(copied == [1, 5, 6])
        }
    }

    @Test func allocatedColumnMovesToLargerStorage() {
        let small = UncheckedMutableColumn<Double>.allocate(count: 4)
        for k in small.indices { small[k] = Double(k) }
        let large = UncheckedMutableColumn<Double>.allocate(count: 10)
        large.update(from: small.readOnly)
        small.deallocate()
        #expect(Array(large.readOnly.prefix(4)) == [0, 1, 2, 3])
        large.deallocate()
    }

    /// The pages a prefault touches are whole pages past the last element and inside the capacity.
    @Test func unusedCapacityPagesLieBetweenTheLastElementAndTheCapacity() {
        let page = Syscalls.pageSize
        var values = [Double]()
        #expect(values.unusedCapacityPages.isEmpty, "no storage")
        values.reserveCapacity(100_000)
        values.append(contentsOf: (0..<1000).map(Double.init))
        let pages = values.unusedCapacityPages
        let length = Int(pages.upperBound - pages.lowerBound)
        #expect(pages.lowerBound % UInt(page) == 0 && pages.upperBound % UInt(page) == 0)
        // Between the capacity past the count less two partial pages, and that capacity.
        let spare = (values.capacity - values.count) * MemoryLayout<Double>.stride
        #expect(length <= spare && length > spare - 2 * page, "\(length) bytes of \(spare)")
        // A page more of elements: the range starts a page later, and ends where it did.
        values.append(contentsOf: (0..<(page / MemoryLayout<Double>.stride)).map(Double.init))
        let later = values.unusedCapacityPages
        #expect(later.lowerBound == pages.lowerBound + UInt(page) && later.upperBound == pages.upperBound)
        values.append(contentsOf: repeatElement(1, count: values.capacity - values.count))
        #expect(values.unusedCapacityPages.isEmpty, "full")
    }

    /// Faulting pages in for writing (`Prefault`) changes no byte: not of the elements, and not
    /// those past them.
    @Test func populatingPagesChangesNoByte() {
        let page = Syscalls.pageSize
        #expect(page >= 4096 && page.nonzeroBitCount == 1)
        var bytes = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let expected = bytes
        bytes.reserveCapacity(16 << 20)
        let held = bytes.pages(of: 0..<bytes.count, pageSize: page)
        #expect(Int(held.upperBound - held.lowerBound) > (4 << 20) - 2 * page)
        #if os(Linux)
        #expect(Syscalls.populateForWriting(held), "Linux 5.14 and later fault pages in")
        #expect(Syscalls.populateForWriting(bytes.unusedCapacityPages))
        #endif
        #expect(bytes == expected)
        bytes.append(contentsOf: repeatElement(9, count: 1 << 20))
        #expect(bytes[(4 << 20)...].allSatisfy { $0 == 9 } && Array(bytes[..<(4 << 20)]) == expected)
        #expect(!Syscalls.populateForWriting(0..<0), "an empty range is not populated")
    }
}

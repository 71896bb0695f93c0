import Testing
@testable import Trueup

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
}

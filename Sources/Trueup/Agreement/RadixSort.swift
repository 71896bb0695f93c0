/// A stable least-significant-digit radix sort of (key, slot) pairs by key.
///
/// The history's entries are ordered by a number made of three ranks: millions of
/// them, and a comparison sort of the pairs took most of the history's time. Keys
/// are sorted in as few passes as their largest value needs, each pass a counting
/// sort on at most 11 bits: few enough buckets that their write positions stay in cache.
enum RadixSort {
    typealias Pair = (key: UInt64, slot: Int32)

    static func sort(_ keyed: inout [Pair]) {
        guard keyed.count > 1 else { return }
        let largest = keyed.reduce(UInt64(0)) { max($0, $1.key) }
        let bits = UInt64.bitWidth - largest.leadingZeroBitCount
        guard bits > 0 else { return }
        let passes = (bits + 10) / 11
        let width = (bits + passes - 1) / passes
        let mask = (UInt64(1) << UInt64(width)) - 1
        var other = [Pair](repeating: (0, 0), count: keyed.count)
        var count = [Int](repeating: 0, count: Int(mask) + 2)
        for pass in 0..<passes {
            let shift = UInt64(pass * width)
            keyed.withUncheckedColumn { from in
                other.withUncheckedMutableColumn { to in
                    count.withUncheckedMutableColumn { count in
                        countingPass(from, to, count, shift: shift, mask: mask)
                    }
                }
            }
            swap(&keyed, &other)
        }
    }

    /// One stable counting sort of `from` into `to` by the digit `(key >> shift) & mask`.
    /// `count` has room for every digit and one more; `to` is as long as `from`.
    private static func countingPass(_ from: UncheckedColumn<Pair>, _ to: UncheckedMutableColumn<Pair>,
                                     _ count: UncheckedMutableColumn<Int>, shift: UInt64, mask: UInt64) {
        precondition(to.count == from.count && count.count == Int(mask) + 2)
        for k in count.indices { count[k] = 0 }
        for entry in from { count[Int((entry.key >> shift) & mask) &+ 1] &+= 1 }
        for k in 1..<count.count { count[k] &+= count[k &- 1] }
        for entry in from {
            let digit = Int((entry.key >> shift) & mask)
            to[count[digit]] = entry
            count[digit] &+= 1
        }
    }

    /// The reference: the standard library's sort, stable, by key.
    static func reference(_ keyed: [Pair]) -> [Pair] {
        keyed.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
    }
}

/// An open-addressing hash map from a packed 64-bit key to a dense slot 0, 1, 2, ...
///
/// The slot indexes parallel arrays kept by the caller, so the table holds only
/// keys and slots, and memory grows with distinct keys, not rows. Key and slot
/// share one 16-byte entry so a probe costs one cache miss, not two.
struct KeyTable {
    private struct Entry {
        var key: UInt64
        var slot: Int32
    }

    private var entries: [Entry]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        entries = [Entry](repeating: Entry(key: 0, slot: -1), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Where the probe for `key` starts.
    ///
    /// The high 48 bits (customer and item) are scrambled; the low 16 (the month)
    /// are added as they are, so one series' months sit in neighbouring entries.
    /// Exports sorted by customer, item and period then walk the table almost
    /// sequentially instead of missing the cache on every row.
    @inline(__always)
    private static func start(_ key: UInt64, shift: UInt64, mask: Int) -> Int {
        let scrambled = ((key >> 16) &* 0x9E37_79B9_7F4A_7C15) >> shift
        return Int(truncatingIfNeeded: scrambled &+ (key & 0xFFFF)) & mask
    }

    @inline(__always)
    private func start(_ key: UInt64) -> Int { Self.start(key, shift: shift, mask: mask) }

    /// Grows once, straight to the size at which `count` keys fit without further growth.
    mutating func reserve(_ count: Int) {
        var size = entries.count
        while Self.isFull(count, size) { size <<= 1 }
        if size > entries.count { rebuild(size: size) }
    }

    /// Grow at 3/4 full: with the month-preserving start, probes stay short at that load,
    /// and the table is half the size it would be at 5/8 for most files.
    @inline(__always)
    private static func isFull(_ count: Int, _ size: Int) -> Bool { count * 4 > size * 3 }

    /// The slot of `key`, or nil.
    func find(_ key: UInt64) -> Int32? {
        entries.withUnsafeBufferPointer { entries in
            var i = start(key)
            while true {
                let entry = entries[i]
                if entry.slot < 0 { return nil }
                if entry.key == key { return entry.slot }
                i = (i + 1) & mask
            }
        }
    }

    /// The slot of `key`, and whether it was added now.
    mutating func insert(_ key: UInt64) -> (slot: Int32, isNew: Bool) {
        let start = start(key)
        let mask = mask
        let count = count
        let found: (Int32, Bool) = entries.withUnsafeMutableBufferPointer { entries in
            var i = start
            while true {
                let entry = entries[i]
                if entry.slot < 0 { break }
                if entry.key == key { return (entry.slot, false) }
                i = (i + 1) & mask
            }
            entries[i] = Entry(key: key, slot: Int32(count))
            return (Int32(count), true)
        }
        if found.1 {
            self.count += 1
            if Self.isFull(self.count, entries.count) { rebuild(size: entries.count * 2) }
        }
        return found
    }

    private mutating func rebuild(size: Int) {
        let old = entries
        entries = [Entry](repeating: Entry(key: 0, slot: -1), count: size)
        mask = entries.count - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        let mask = mask, shift = shift
        entries.withUnsafeMutableBufferPointer { entries in
            for entry in old where entry.slot >= 0 {
                var i = Self.start(entry.key, shift: shift, mask: mask)
                while entries[i].slot >= 0 { i = (i + 1) & mask }
                entries[i] = entry
            }
        }
    }
}

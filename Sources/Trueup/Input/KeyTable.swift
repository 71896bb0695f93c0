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

    /// Grows once so that `count` keys fit without further growth.
    mutating func reserve(_ count: Int) {
        while count * 8 > entries.count * 5 { grow() }
    }

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
            // Grow at 5/8 full: linear probing stays short, and 16-byte entries stay affordable.
            if self.count * 8 > entries.count * 5 { grow() }
        }
        return found
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(key: 0, slot: -1), count: old.count * 2)
        mask = entries.count - 1
        shift -= 1
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

/// An open-addressing hash index from packed 64-bit keys to dense slots 0, 1, 2, ...
///
/// The caller keeps the keys, in slot order (`keys[slot]`); the table holds only
/// slot numbers, 4 bytes an entry, and compares a probe's key with the caller's
/// array. Memory grows with distinct keys, never with rows: at 48 million keys the
/// table is 512 MB where key-and-slot entries would take 2 GB.
struct KeyTable {
    /// Slot numbers; -1 marks an empty entry.
    private var entries: [Int32]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        entries = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Where the probe for `key` starts.
    ///
    /// The high 48 bits (customer and item) are scrambled; the low 16 (the month)
    /// are added as they are, so one series' months sit in neighbouring entries.
    /// Exports sorted by customer, item and period then walk the table (and the
    /// caller's keys) almost sequentially instead of missing the cache on every row.
    @inline(__always)
    private static func start(_ key: UInt64, shift: UInt64, mask: Int) -> Int {
        let scrambled = ((key >> 16) &* 0x9E37_79B9_7F4A_7C15) >> shift
        return Int(truncatingIfNeeded: scrambled &+ (key & 0xFFFF)) & mask
    }

    /// Grow at 5/8 full: with 4-byte entries short probes cost little memory.
    @inline(__always)
    private static func isFull(_ count: Int, _ size: Int) -> Bool { count * 8 > size * 5 }

    /// Grows once, straight to the size at which `count` keys fit without further growth.
    mutating func reserve(_ count: Int, keys: [UInt64]) {
        var size = entries.count
        while Self.isFull(count, size) { size <<= 1 }
        if size > entries.count { rebuild(size: size, keys: keys) }
    }

    /// The slot of `key`, or nil; `keys` are the keys of slots 0..<count.
    func find(_ key: UInt64, keys: [UInt64]) -> Int32? {
        keys.withUncheckedColumn { keys in
            entries.withUncheckedColumn { entries in
                var i = Self.start(key, shift: shift, mask: mask)
                while true {
                    let slot = entries[i]
                    if slot < 0 { return nil }
                    if keys[Int(slot)] == key { return slot }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// The slot of `key`, and whether it is new: then it is `count` before the call, and the
    /// caller appends `key` to `keys` as that slot's key.
    mutating func insert(_ key: UInt64, keys: [UInt64]) -> (slot: Int32, isNew: Bool) {
        let start = Self.start(key, shift: shift, mask: mask)
        let mask = mask
        let count = count
        let found: (Int32, Bool) = keys.withUncheckedColumn { keys in
            entries.withUncheckedMutableColumn { entries in
                var i = start
                while true {
                    let slot = entries[i]
                    if slot < 0 { break }
                    if keys[Int(slot)] == key { return (slot, false) }
                    i = (i + 1) & mask
                }
                entries[i] = Int32(count)
                return (Int32(count), true)
            }
        }
        if found.1 {
            self.count += 1
            if Self.isFull(self.count, entries.count) { rebuild(size: entries.count * 2, keys: keys, newKey: key) }
        }
        return found
    }

    /// Re-indexes slots 0..<count at a new size; `newKey` is the key of the last slot when the
    /// caller has not appended it to `keys` yet.
    private mutating func rebuild(size: Int, keys: [UInt64], newKey: UInt64? = nil) {
        entries = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        let mask = mask, shift = shift
        keys.withUncheckedColumn { keys in
            entries.withUncheckedMutableColumn { entries in
                for slot in 0..<count {
                    let key = slot < keys.count ? keys[slot] : newKey ?? 0
                    var i = Self.start(key, shift: shift, mask: mask)
                    while entries[i] >= 0 { i = (i + 1) & mask }
                    entries[i] = Int32(slot)
                }
            }
        }
    }
}

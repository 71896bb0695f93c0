/// An open-addressing hash map from a packed 64-bit key to a dense slot 0, 1, 2, ...
///
/// The slot indexes parallel arrays kept by the caller, so the table holds only
/// keys and slots, and memory grows with distinct keys, not rows.
struct KeyTable {
    private var keys: [UInt64]
    private var slots: [Int32]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func start(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot of `key`, or nil.
    func find(_ key: UInt64) -> Int32? {
        var i = start(key)
        while true {
            let slot = slots[i]
            if slot < 0 { return nil }
            if keys[i] == key { return slot }
            i = (i + 1) & mask
        }
    }

    /// The slot of `key`, and whether it was added now.
    mutating func insert(_ key: UInt64) -> (slot: Int32, isNew: Bool) {
        var i = start(key)
        while true {
            let slot = slots[i]
            if slot < 0 { break }
            if keys[i] == key { return (slot, false) }
            i = (i + 1) & mask
        }
        let slot = Int32(count)
        keys[i] = key
        slots[i] = slot
        count += 1
        if count * 2 > keys.count { grow() }
        return (slot, true)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldSlots = slots
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        slots = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        shift -= 1
        for j in 0..<oldKeys.count where oldSlots[j] >= 0 {
            var i = start(oldKeys[j])
            while slots[i] >= 0 { i = (i + 1) & mask }
            keys[i] = oldKeys[j]
            slots[i] = oldSlots[j]
        }
    }
}

import TrueupCSV

/// Interns byte strings (customer or item keys) as dense ids 0, 1, 2, ...
///
/// Keys live once in an arena; lookups hash the bytes (FNV-1a) into an
/// open-addressing table. Exports are usually sorted by customer, so the last
/// key found is checked first and most rows never hash.
struct KeyDictionary {
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var slots: [Int32]
    private var mask: Int
    private var lastID: Int32 = -1

    init() {
        slots = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    var count: Int { offsets.count - 1 }

    /// The id of `key`, or nil when it has none yet.
    @inline(__always)
    mutating func existingID(for key: UncheckedBytes) -> Int32? {
        if lastID >= 0 && matches(lastID, key) { return lastID }
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if matches(id, key) {
                lastID = id
                return id
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `name`, or nil when it has none.
    func existingID(_ name: String) -> Int32? {
        var copy = self
        var name = name
        return name.withUncheckedBytes { copy.existingID(for: $0) }
    }

    /// The id of `key`, adding it when new.
    mutating func id(for key: UncheckedBytes) -> Int32 {
        existingID(for: key) ?? add(key)
    }

    /// Adds `key`, which `existingID(for:)` has just not found, and returns its new id.
    mutating func add(_ key: UncheckedBytes) -> Int32 {
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        let id = Int32(count)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        slots[slot] = id
        lastID = id
        if count * 2 > slots.count { rehash() }
        return id
    }

    /// The key of `id` as text; invalid UTF-8 is repaired with U+FFFD.
    func name(_ id: Int32) -> String {
        let range = offsets[Int(id)]..<offsets[Int(id) + 1]
        return String(decoding: arena[range], as: UTF8.self)
    }

    /// The ids these keys have in `other`, added there when new: `result[localID]`.
    func mapped(into other: inout KeyDictionary) -> [Int32] {
        arena.withUncheckedBytes { bytes in
            (0..<count).map { id in other.id(for: bytes[offsets[id]..<offsets[id + 1]]) }
        }
    }

    /// Whether any key, as text, satisfies `test`; only the keys whose bytes pass `worthAsking` are made text.
    func containsName(worthAsking: (ArraySlice<UInt8>) -> Bool, _ test: (String) -> Bool) -> Bool {
        (0..<count).contains { id in
            let bytes = arena[offsets[id]..<offsets[id + 1]]
            return worthAsking(bytes) && test(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Every key, in id order.
    var names: [String] { (0..<count).map { name(Int32($0)) } }

    @inline(__always)
    private func matches(_ id: Int32, _ key: UncheckedBytes) -> Bool {
        let start = offsets[Int(id)]
        let end = offsets[Int(id) + 1]
        guard end - start == key.count else { return false }
        return arena.withUncheckedBytes { stored in stored[start..<end].equals(key) }
    }

    private mutating func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for id in 0..<count {
            let key = arena[offsets[id]..<offsets[id + 1]]
            var slot = key.withUncheckedBytes { Int(truncatingIfNeeded: Self.hash($0)) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    private static func hash(_ key: UncheckedBytes) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }
}


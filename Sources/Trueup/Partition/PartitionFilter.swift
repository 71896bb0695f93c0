/// Which panel ids (customers, or items with `--by item`) are the partition's, worked out once per id.
struct PartitionFilter {
    let partition: Partition
    /// The partition is of items (`--by item`), else of customers.
    let byItem: Bool
    /// Per panel id: 0 not yet known, 1 the partition's, 2 another's.
    private var known: [UInt8] = []

    init(_ partition: Partition, byItem: Bool) {
        self.partition = partition
        self.byItem = byItem
    }

    @inline(__always)
    mutating func owns(_ id: Int32, names: KeyDictionary) -> Bool {
        let k = Int(id)
        if k >= known.count { known.append(contentsOf: repeatElement(0, count: max(k + 1 - known.count, known.count))) }
        if known[k] == 0 { known[k] = partition.owns(names.name(id)) ? 1 : 2 }
        return known[k] == 1
    }
}

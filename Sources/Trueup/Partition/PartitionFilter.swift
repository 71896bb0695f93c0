/// Which panel ids (customers, or items with `--by item`) are the partition's, worked out once per id;
/// when routing (`trueup route`), the partition of every row read instead.
struct PartitionFilter {
    let partition: Partition
    /// The partition is of items (`--by item`), else of customers.
    let byItem: Bool
    /// Per panel id: its partition, 0 while not yet known.
    private var known: [Int32] = []
    /// When routing: (line, partition) of every row read, and every row is kept.
    var routes: [(line: Int32, partition: Int32)]?
    /// The files hold only the partition's rows (a runner said so with `--book-id`): room is made for all of them.
    var givenOwnRows = false

    init(_ partition: Partition, byItem: Bool, routing: Bool = false) {
        self.partition = partition
        self.byItem = byItem
        if routing { routes = [] }
    }

    @inline(__always)
    mutating func partition(of id: Int32, names: KeyDictionary) -> Int32 {
        let k = Int(id)
        if k >= known.count { known.append(contentsOf: repeatElement(0, count: max(k + 1 - known.count, known.count))) }
        if known[k] == 0 { known[k] = Int32(Partition.of(names.name(id), count: partition.count)) }
        return known[k]
    }

    /// Whether the row of `id` at `line` enters the panel.
    @inline(__always)
    mutating func keeps(_ id: Int32, line: Int32, names: KeyDictionary) -> Bool {
        let owner = partition(of: id, names: names)
        guard routes == nil else {
            routes!.append((line, owner))
            return true
        }
        return owner == Int32(partition.index)
    }
}

/// One part of a book split across machines: partition `index` of `count` (`--partition K/N`).
///
/// A group belongs to the partition its code hashes to (docs/metrics.md "Partitions and merge"):
/// the code after `--normalize-keys`, the item's with `--by item`, else the customer's; the hash is
/// 64-bit FNV-1a over the code's UTF-8 bytes, and the group is in partition (hash mod N) + 1. The
/// hash depends on nothing but the bytes, so it is the same on every machine, run and version.
public struct Partition: Sendable, Equatable, Codable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int
    /// The largest N a book is split into.
    public static let largestCount = 1_000_000

    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.largestCount, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N`, as `--partition` takes it.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].filter { $0 != " " }), let n = Int(parts[1].filter { $0 != " " }) else { return nil }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The 64-bit FNV-1a hash of `code`'s UTF-8 bytes.
    public static func hash(_ code: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in code.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The partition (1-based) of a group's code among `count`.
    public static func of(_ code: String, count: Int) -> Int { Int(hash(code) % UInt64(count)) + 1 }

    /// Whether the group with this code is in this partition.
    public func owns(_ code: String) -> Bool { Self.of(code, count: count) == index }

    /// Rows no group owns (rejected rows, totals rows) are accounted for by the first partition.
    public var keepsUnownedRows: Bool { index == 1 }
}

import TrueupSystem

/// Faults in the pages the panel has reserved for its columns on a thread of its own, ahead of
/// the merge that writes them.
///
/// The merge of a file's rows runs on one thread, and the reading of a file often waits for it; a
/// first write to a fresh page there costs a fault and the page's clearing (on the 19.2M-row
/// benchmark, 78,000 of the run's 183,000 faults, and more than a quarter of the merge's time while
/// it reads the actuals). The pages are faulted in here instead, while the parsers work, so the
/// merge finds them ready. No byte changes: a page faulted in early holds zeros as it would have,
/// and one the merge got to first is left as it is.
enum Prefault {
    /// Reserved memory below this many bytes is left to the first writes: a thread costs more.
    static let minimumBytes = 8 << 20
    /// Each column's pages are faulted in this many pieces, the columns in turn, so each is ready
    /// about as far ahead as the others (the merge appends to all of them row by row).
    static let pieces = 32

    /// Starts faulting in `regions` (as `Array.unusedCapacityPages`) on a new thread, unless they are small.
    static func start(_ regions: [Range<UInt>]) {
        let total = regions.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) }
        guard total >= minimumBytes else { return }
        let page = UInt(Syscalls.pageSize)
        _ = Syscalls.startDetachedThread {
            for piece in 0..<pieces {
                for region in regions {
                    // Piece k starts at the page boundary k/pieces of the way in; the last ends at the region's end.
                    func bound(_ k: Int) -> UInt {
                        k == pieces ? region.upperBound
                            : region.lowerBound + (region.upperBound - region.lowerBound) * UInt(k) / UInt(pieces) / page * page
                    }
                    let from = bound(piece), to = bound(piece + 1)
                    // Not supported (before Linux 5.14, or not Linux): the first writes fault the pages in.
                    guard from >= to || Syscalls.populateForWriting(from..<to) else { return }
                }
            }
        }
    }
}

/// The entries of several runs, each in ascending order, visited in ascending order overall (ties by
/// run): a k-way merge on a binary heap, so a thousand runs cost log₂ 1000 comparisons an entry, not a thousand.
struct MergeOrder {
    /// (the run's current position, the run) for every run not yet used up, as a min-heap.
    private var heap: [(position: UInt64, run: Int)] = []
    private var next: [Int]
    private let runs: [[UInt64]]

    init(_ runs: [[UInt64]]) {
        self.runs = runs
        next = [Int](repeating: 0, count: runs.count)
        for (run, positions) in runs.enumerated() where !positions.isEmpty { push((positions[0], run)) }
    }

    /// The next entry as (its run, its index in the run), or nil when every run is used up.
    mutating func pop() -> (run: Int, index: Int)? {
        guard let top = heap.first else { return nil }
        let index = next[top.run]
        next[top.run] += 1
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            down(0)
        }
        if next[top.run] < runs[top.run].count { push((runs[top.run][next[top.run]], top.run)) }
        return (top.run, index)
    }

    private static func less(_ a: (position: UInt64, run: Int), _ b: (position: UInt64, run: Int)) -> Bool {
        a.position != b.position ? a.position < b.position : a.run < b.run
    }

    private mutating func push(_ entry: (position: UInt64, run: Int)) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func down(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && Self.less(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && Self.less(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

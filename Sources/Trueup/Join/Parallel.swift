import Dispatch

/// Runs `body(0)`, ..., `body(parts - 1)` at once on as many threads and returns when all are done.
///
/// The one place the package vouches for thread safety the compiler can't see:
/// callers give each part disjoint memory to write (the join's counting sort
/// writes each cell position from exactly one part) and only read shared state.
func inParallel(_ parts: Int, _ body: (Int) -> Void) {
    guard parts > 1 else {
        if parts == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: parts) { part in shared.value(part) }
    }
}

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// `body` over `0..<count` cut into `parts` contiguous runs worked at once, the results joined
/// in order: the same array for any number of parts.
func inParallelRuns<Element>(_ count: Int, parts: Int, _ body: (Range<Int>) -> [Element]) -> [Element] {
    let parts = max(1, min(parts, count))
    var results = [[Element]](repeating: [], count: parts)
    results.withUnsafeMutableBufferPointer { results in
        let results = results.baseAddress!
        inParallel(parts) { p in
            results[p] = body((p * count / parts)..<((p + 1) * count / parts))
        }
    }
    return Array(results.joined())
}

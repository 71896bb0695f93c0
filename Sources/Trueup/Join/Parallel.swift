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

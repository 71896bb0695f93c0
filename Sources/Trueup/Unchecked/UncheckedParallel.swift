import Dispatch

/// The parallel-for: work cut into parts that run at once on as many threads.
///
/// One of the package's rooms for unsafe code (with `UncheckedColumn` and
/// `UncheckedMutableColumn`). The compiler can't see that the parts are safe to
/// run together; this type is where the package vouches for it:
/// - `map` and `runs` give each part its own result, joined in part order, so
///   the parts share nothing they write;
/// - `forEach(_:slicing:stride:_:)` gives part p the column's elements
///   `p * stride ..< (p + 1) * stride`: disjoint by construction, and the
///   column's length is a precondition;
/// - `forEach(_:_:)` leaves the proof to the caller: parts only read shared
///   state, and write through an `UncheckedMutableColumn` only at positions no
///   other part touches (the join's counting sort writes each cell position
///   from exactly one part).
///
/// Every function returns when all parts are done; with one part it runs on the
/// calling thread.
enum UncheckedParallel {
    /// Runs `body(0)`, ..., `body(parts - 1)` at once.
    static func forEach(_ parts: Int, _ body: (_ part: Int) -> Void) {
        guard parts > 1 else {
            if parts == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = Shared(body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in shared.value(part) }
        }
    }

    /// Runs `body(p, column[p * stride ..< (p + 1) * stride])` for each part p at once.
    static func forEach<Element>(_ parts: Int, slicing column: UncheckedMutableColumn<Element>, stride: Int,
                                 _ body: (_ part: Int, _ slice: UncheckedMutableColumn<Element>) -> Void) {
        precondition(stride >= 0 && column.count >= parts * stride, "\(parts) slices of \(stride) in a column of \(column.count)")
        forEach(parts) { p in body(p, column[(p * stride)..<((p + 1) * stride)]) }
    }

    /// `[body(0), ..., body(parts - 1)]`, worked out at once.
    static func map<Result>(_ parts: Int, _ body: (_ part: Int) -> Result) -> [Result] {
        guard parts > 1 else { return parts == 1 ? [body(0)] : [] }
        var results = [Result?](repeating: nil, count: parts)
        results.withUnsafeMutableBufferPointer { results in
            let results = Shared(results)
            forEach(parts) { p in results.value[p] = body(p) }
        }
        return results.map { $0.unsafelyUnwrapped }
    }

    /// `body` over `0..<count` cut into `parts` contiguous runs worked at once, the results joined
    /// in order: the same array for any number of parts.
    static func runs<Element>(_ count: Int, parts: Int, _ body: (Range<Int>) -> [Element]) -> [Element] {
        let parts = max(1, min(parts, count))
        return Array(map(parts) { p in body((p * count / parts)..<((p + 1) * count / parts)) }.joined())
    }

    /// `(first(), second())`, the two at once when `together`, else one after the other.
    static func both<A, B>(together: Bool, _ first: () -> A, _ second: () -> B) -> (A, B) {
        guard together else { return (first(), second()) }
        var a: A?
        var b: B?
        withUnsafeMutablePointer(to: &a) { a in
            withUnsafeMutablePointer(to: &b) { b in
                let slots = Shared((a, b))
                forEach(2) { part in
                    if part == 0 { slots.value.0.pointee = first() } else { slots.value.1.pointee = second() }
                }
            }
        }
        return (a.unsafelyUnwrapped, b.unsafelyUnwrapped)
    }

    /// A value the parts share: the compiler can't check it, the functions above vouch for it.
    private struct Shared<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}

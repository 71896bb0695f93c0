extension Array {
    /// Puts the element at `order[k]` at position k, for every k, in place: by swaps along the
    /// permutation's cycles, so no second array of large elements is made. `order` is a permutation
    /// of the indices.
    mutating func permute(to order: [Int]) {
        precondition(order.count == count, "a permutation of every index")
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] {
            var current = start
            while true {
                placed[current] = true
                let next = order[current]
                if next == start { break }
                swapAt(current, next)
                current = next
            }
        }
    }
}

/// Which behaviour each customer plants, decided once per data set.
///
/// With seven or more customers every behaviour is present: each non-reliable
/// behaviour gets about 10% of the customers (at least one) and `reliable` the
/// rest (about 40%). With fewer customers the first `customers` behaviours in
/// declaration order are used, one each. The list is then shuffled with a
/// seeded Fisher–Yates pass, so which customer plays which part is not
/// guessable from its id.
enum BehaviourAssignment {
    /// The stream number reserved for the shuffle; customers use 0..<customers.
    static let shuffleStream = UInt64.max

    /// One behaviour per customer, in customer order.
    static func behaviours(customers: Int, seed: UInt64) -> [Behaviour] {
        var list = unshuffled(customers: customers)
        var random = SyntheticRandom(seed: seed, stream: shuffleStream)
        var index = list.count - 1
        while index > 0 {
            list.swapAt(index, random.below(index + 1))
            index -= 1
        }
        return list
    }

    /// The behaviours in declaration order, with the planted proportions.
    static func unshuffled(customers: Int) -> [Behaviour] {
        guard customers >= Behaviour.allCases.count else {
            return Array(Behaviour.allCases.prefix(max(customers, 0)))
        }
        let others = Behaviour.allCases.filter { $0 != .reliable }
        let each = max(1, Int((Double(customers) * 0.10).rounded()))
        var list = [Behaviour](repeating: .reliable, count: customers - each * others.count)
        list.reserveCapacity(customers)
        for behaviour in others {
            list.append(contentsOf: repeatElement(behaviour, count: each))
        }
        return list
    }
}

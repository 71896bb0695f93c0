/// What one row of metrics describes: a customer (default), an item, or a customer's item.
public enum Grouping: String, Sendable, CaseIterable {
    case customer
    case item
    case customerItem = "customer,item"
}

/// The target periods scored: from `first` to `last` inclusive, `last` never after the last closed period.
public struct Window: Sendable, Equatable {
    public var first: Month
    public var last: Month

    public init(first: Month, last: Month) {
        self.first = first
        self.last = last
    }
}

/// Unit prices and costs by item, general or for one customer (`--prices`).
///
/// A customer-specific price wins over the general one for that customer and item;
/// an item with neither is unpriced: its cells are counted, never valued at 0.
public struct PriceList: Sendable, Equatable {
    /// One item's price and, when given, its cost; the cost is the price when none is given.
    public struct Price: Sendable, Equatable {
        public var price: Double
        public var cost: Double?

        public init(price: Double, cost: Double? = nil) {
            self.price = price
            self.cost = cost
        }

        /// The cost stock is valued at: the unit cost, else the price.
        public var costOrPrice: Double { cost ?? price }
    }

    /// The file the prices came from, its data rows, and its header as mapped.
    public var path: String
    public var rows: Int
    public var columns: ColumnMapping?
    /// Prices that apply to every customer, by item.
    public var general: [String: Price]
    /// Prices for one customer, by customer then item.
    public var specific: [String: [String: Price]]

    public init(path: String = "", rows: Int = 0, columns: ColumnMapping? = nil,
                general: [String: Price] = [:], specific: [String: [String: Price]] = [:]) {
        self.path = path
        self.rows = rows
        self.columns = columns
        self.general = general
        self.specific = specific
    }

    /// The price of `item` for `customer`: its own, else the general one, else nil.
    public func price(customer: String, item: String) -> Price? {
        specific[customer]?[item] ?? general[item]
    }
}

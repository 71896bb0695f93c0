/// The scored cells the prices file has no price for: counted and named, never valued at 0.
public struct Unpriced: Sendable, Equatable {
    /// (customer, item) pairs with scored cells and no price, in byte order.
    public var pairs: [CustomerItem]
    /// Their distinct items, in byte order.
    public var items: [String] { Array(Set(pairs.map(\.item))).sorted { $0.precedesInByteOrder($1) } }

    /// A customer and one of its items.
    public struct CustomerItem: Sendable, Equatable {
        public var customer: String
        public var item: String
    }

    /// The series of `cells` (any lag) that `prices` leaves unpriced.
    init(cells: Cells, panel: Panel, series: SeriesIndex, prices: SeriesPrices) {
        var seen = [Bool](repeating: false, count: series.count)
        for k in 0..<Int(cells.bucketStart.last ?? 0) {
            let from = Int(cells.source[k])
            let slot = from < cells.forecastRows ? Int(panel.rowSlot[from]) : from - cells.forecastRows
            seen[Int(series.ofSlot[slot])] = true
        }
        let customers = panel.customers.names
        let items = panel.items.names
        pairs = (0..<series.count).filter { seen[$0] && !prices.isPriced($0) }
            .map { CustomerItem(customer: customers[Int(series.customer[$0])], item: items[Int(series.item[$0])]) }
            .sorted { a, b in
                a.customer != b.customer ? a.customer.precedesInByteOrder(b.customer)
                    : a.item.precedesInByteOrder(b.item)
            }
    }
}

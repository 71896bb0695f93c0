/// A band's units below and above it at price (METRICS.md "Value: accuracy in money", with `--prices`).
///
/// Over the band's priced cells, with p the cell's price (the customer's own, else the general one):
/// below_band_value = Σ max(0, lower − A)·p and above_band_value = Σ max(0, A − upper)·p, the
/// same units as units_below_band and units_above_band, cell by cell. A cell without a price is
/// still a cell of the band (in cells, cells_in_band and the units) but is left out of the two sums,
/// never valued at 0; without a priced cell both sums are nil, as metrics.csv's money columns are.
public struct BandValue: Sendable, Equatable {
    /// The band's cells with a price.
    public var pricedCells: Int
    /// Σ max(0, lower − A)·p over the priced cells: the purchases short of the band, at price.
    public var belowBandValue: Double?
    /// Σ max(0, A − upper)·p over the priced cells: the purchases beyond the band, at price.
    public var aboveBandValue: Double?
}

extension ForecastHistory {
    /// Each entry's price from `list` (the customer's own for the item, else the general one; NaN
    /// when neither), so the bands are valued too.
    mutating func price(_ list: PriceList, itemNames: [String]) {
        var general = [Double](repeating: .nan, count: itemNames.count)
        for (k, name) in itemNames.enumerated() {
            if let found = list.general[name] { general[k] = found.price }
        }
        var itemIndex: [String: Int32] = [:]
        if !list.specific.isEmpty {
            for (k, name) in itemNames.enumerated() { itemIndex[name] = Int32(k) }
        }
        var prices = [Double](repeating: .nan, count: entries.count)
        for customer in customers {
            var own: [Int32: Double] = [:]
            for (item, price) in list.specific[customer.name] ?? [:] {
                if let k = itemIndex[item] { own[k] = price.price }
            }
            for k in customer.entries {
                let item = entries[k].item
                prices[k] = own[item] ?? general[Int(item)]
            }
        }
        self.prices = prices
    }
}

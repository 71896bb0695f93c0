/// The panel a report run scored, and what its join worked out: enough to score
/// another grouping of the same files without reading them again.
///
/// `check` and `brief` need a customer's row (from the run grouped by customer)
/// and the same customer's items at the lag its assessment settled on; the items
/// are scored from this, after the run.
struct ScoredPanel {
    let join: Join
    let presence: Join.Presence
    let series: SeriesIndex
    let prices: SeriesPrices?
    let threads: Int

    /// The rows of `customer`'s items at `lag`: the rows a run of the same request grouped by
    /// customer and item at that lag has for the customer, with the same figures, in the same order
    /// (by the item's code in byte order). None when the customer has no cell at that lag.
    func itemRows(customer: String, lag: Int) -> [MetricsRow] {
        let panel = join.panel
        guard (0...Panel.maximumLag).contains(lag) else { return [] }
        let cells = join.cells(presence, series: series, grouping: .customerItem, lagMask: UInt64(1) << UInt64(lag),
                               threads: threads)
        var figures = GroupFigures(cells: cells, panel: panel, series: series, firstActual: join.firstActual,
                                   itemCount: panel.items.count)
        figures.prices = prices
        figures.leftOut = join.leftOut
        // A group of this grouping is a series: only the customer's are scored, each as the whole run scores it.
        let customers = Set((0..<Int32(panel.customers.count)).filter { panel.customerName($0) == customer })
        let groups = (0..<series.count).filter { customers.contains(series.customer[$0]) }
        var computed: [(group: Int, lag: Int, sums: CellSums)] = []
        figures.compute(groups) { group, l, sums in computed.append((group, cells.lags[l], sums)) }
        return Report.orderedRows(computed, grouping: .customerItem, panel: panel, series: series)
    }
}

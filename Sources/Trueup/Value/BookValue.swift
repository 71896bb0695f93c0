/// The whole book's money at one lag: every customer's priced cells taken together.
public struct BookValue: Sendable, Equatable {
    public var pricedCells = 0
    public var cells = 0
    public var actualValue = 0.0
    public var forecastValue = 0.0
    public var excessCost = 0.0
    public var shortfallValue = 0.0
    public var absoluteErrorValue = 0.0
    public var absoluteActualValue = 0.0

    /// The totals of `rows` at `lag`, in row order; nil when the rows carry no prices.
    public init?(_ rows: [MetricsRow], lag: Int) {
        let atLag = rows.filter { $0.lag == lag }
        guard atLag.contains(where: { $0.figures.value != nil }) else { return nil }
        for row in atLag {
            cells += row.figures.cells
            guard let v = row.figures.value else { continue }
            pricedCells += v.pricedCells
            actualValue += v.actualValue ?? 0
            forecastValue += v.forecastValue ?? 0
            excessCost += v.excessCost ?? 0
            shortfallValue += v.shortfallValue ?? 0
            absoluteErrorValue += v.absoluteErrorValue
            absoluteActualValue += v.absoluteActualValue
        }
    }

    /// 100 · Σ|e|·p / Σ|A|·p over the book's priced cells.
    public var valueWmape: Double? { absoluteActualValue > 0 ? 100 * absoluteErrorValue / absoluteActualValue : nil }
    /// Cells without a price.
    public var unpricedCells: Int { cells - pricedCells }
}

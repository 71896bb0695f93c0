/// The money figures of METRICS.md ("Value: accuracy in money") for one group at one lag.
///
/// Over the group's priced cells, with price p and cost c (c = p when no cost is given).
/// Without a priced cell the sums are nil, not 0: an unpriced cell is never valued at 0.
/// A ratio whose denominator is 0 is nil.
public struct ValueFigures: Sendable, Equatable {
    /// Cells with a price; the group's other cells are not valued.
    public var pricedCells: Int
    /// ΣA·p.
    public var actualValue: Double?
    /// ΣF·p.
    public var forecastValue: Double?
    /// 100 · Σe·p / ΣA·p.
    public var valueBiasPct: Double?
    /// 100 · Σ|e|·p / Σ|A|·p.
    public var valueWmape: Double?
    /// Σ max(0, e)·c: forecast that was not bought, at cost.
    public var excessCost: Double?
    /// Σ max(0, −e)·p: purchases that were not forecast, at price.
    public var shortfallValue: Double?
    /// Σ|N − A|·p − Σ|e|·p over the priced cells the naive forecast has: the money the forecast saved.
    public var valueFva: Double?
    /// Σ|e|·p: the group's part of the book's error in money (not a column; tiers are ordered by it).
    public var absoluteErrorValue: Double
    /// Σ|A|·p, for the book's value wMAPE.
    public var absoluteActualValue: Double
}

/// The sums over one group's priced cells that the value figures are made of.
struct ValueSums: Equatable {
    var pricedCells = 0
    var actual = 0.0
    var forecast = 0.0
    var error = 0.0
    var absoluteError = 0.0
    var absoluteActual = 0.0
    var excessCost = 0.0
    var shortfall = 0.0
    var naiveCells = 0
    var naiveAbsoluteError = 0.0
    var naiveForecastAbsoluteError = 0.0

    /// Adds one priced cell (quantities in the panel's units), in the order the cells come: the sums
    /// are the same on every machine.
    mutating func add(forecast f: Double, actual a: Double, price p: Double, cost c: Double) {
        let e = f - a
        pricedCells += 1
        actual += a * p
        forecast += f * p
        error += e * p
        absoluteError += abs(e) * p
        absoluteActual += abs(a) * p
        if e > 0 { excessCost += e * c }
        if e < 0 { shortfall += -e * p }
    }

    /// Adds one priced cell the naive forecast N has.
    mutating func addNaive(forecast f: Double, actual a: Double, naive n: Double, price p: Double) {
        naiveCells += 1
        naiveAbsoluteError += abs(n - a) * p
        naiveForecastAbsoluteError += abs(f - a) * p
    }
}

extension ValueFigures {
    /// The figures of one group's value sums, taken in the panel's units (`scale`): each money sum is
    /// quantity units × price, divided once by the units per quantity; the ratios don't depend on the unit.
    init(_ s: ValueSums, scale: QuantityScale) {
        let priced = s.pricedCells > 0
        func money(_ units: Double) -> Double { scale.quantity(units: units) }
        pricedCells = s.pricedCells
        actualValue = priced ? money(s.actual) : nil
        forecastValue = priced ? money(s.forecast) : nil
        valueBiasPct = Ratio.percent(s.error, s.actual)
        valueWmape = Ratio.percent(s.absoluteError, s.absoluteActual)
        excessCost = priced ? money(s.excessCost) : nil
        shortfallValue = priced ? money(s.shortfall) : nil
        valueFva = s.naiveCells > 0 ? money(s.naiveAbsoluteError - s.naiveForecastAbsoluteError) : nil
        absoluteErrorValue = money(s.absoluteError)
        absoluteActualValue = money(s.absoluteActual)
    }
}

/// Each (customer, item) series' price and cost, by series index; NaN marks an unpriced series.
struct SeriesPrices {
    var price: [Double]
    var cost: [Double]

    init(_ list: PriceList, series: SeriesIndex, panel: Panel) {
        price = [Double](repeating: .nan, count: series.count)
        cost = price
        let customers = panel.customers.names
        let items = panel.items.names
        for s in 0..<series.count {
            guard let found = list.price(customer: customers[Int(series.customer[s])], item: items[Int(series.item[s])]) else { continue }
            price[s] = found.price
            cost[s] = found.costOrPrice
        }
    }

    func isPriced(_ series: Int) -> Bool { !price[series].isNaN }
}

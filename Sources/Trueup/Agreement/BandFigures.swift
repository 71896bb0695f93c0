/// How a customer's purchases at one lag fell against a band (METRICS.md "Agreement compliance").
///
/// Over the customer's cells at the lag (the scored cells: an unforecast purchase
/// has F = 0, an unbought forecast A = 0), with lower = (1 − d/100)·F and
/// upper = (1 + u/100)·F. A cell is in the band when lower ≤ A ≤ upper; a cell
/// within 10⁻⁹·(|F| + |A|) of an edge counts as on it, so a purchase that meets
/// the edge in decimals is not pushed out by the rounding of (1 − d/100)·F.
public struct BandFigures: Sendable, Equatable {
    public var cells: Int
    public var cellsInBand: Int
    /// 100 · cells_in_band / cells.
    public var inBandPct: Double?
    /// Σ max(0, lower − A): bought short of the band.
    public var unitsBelowBand: Double
    /// Σ max(0, A − upper): bought beyond the band.
    public var unitsAboveBand: Double
    /// 100 · units_below_band / ΣF.
    public var belowBandPct: Double?
    /// 100 · units_above_band / ΣA.
    public var aboveBandPct: Double?
    /// Months of P(c, L), and those whose totals ΣA and ΣF satisfy the band.
    public var periods: Int
    public var periodsInBand: Int
    public var forecast: Double
    public var actual: Double
    /// The units below and above the band at price, with `--prices`; nil without.
    public var value: BandValue?
}

/// How revisions between two lags fell against a revision limit.
public struct RevisionFigures: Sendable, Equatable {
    /// Cells with a forecast at both lags.
    public var cells: Int
    /// Those with |Fb − Fa| > r/100 · Fa.
    public var violations: Int
    /// Σ over violating cells of |Fb − Fa| − r/100 · Fa.
    public var excessUnits: Double
}

/// One row of agreement.csv: a customer against one band of its agreement.
public struct AgreementRow: Sendable, Equatable {
    public var customer: String
    public var band: AgreementTerms.Band
    public var figures: BandFigures
    /// With a revision limit on the band's row.
    public var revision: RevisionFigures?

    /// More than half of the months' totals outside the band.
    public var mostlyOutside: Bool { 2 * (figures.periods - figures.periodsInBand) > figures.periods }
}

/// Where a value lies against a band, with the tolerance for rounding at its edges.
struct BandEdges {
    var lower: Double
    var upper: Double
    var tolerance: Double

    init(forecast f: Double, actual a: Double, underPct: Double, overPct: Double) {
        lower = (1 - underPct / 100) * f
        upper = (1 + overPct / 100) * f
        tolerance = 1e-9 * (abs(f) + abs(a))
    }

    /// lower − A when A is below the band, else 0.
    func below(_ a: Double) -> Double { lower - a > tolerance ? lower - a : 0 }
    /// A − upper when A is above the band, else 0.
    func above(_ a: Double) -> Double { a - upper > tolerance ? a - upper : 0 }
}

extension ForecastHistory {
    /// The customer's cells at `lag` (in the panel's units): the entries of P(c, L)'s months with a forecast at `lag` or an actual row,
    /// each with its price (NaN when unpriced or without prices).
    func cells(_ customer: Customer, lag: Int) -> [(month: Month, forecast: Double, actual: Double, price: Double)] {
        let bit = UInt64(1) << UInt64(lag)
        var months = Set<Month>()
        for entry in entries[customer.entries] where entry.lags & bit != 0 { months.insert(entry.month) }
        return customer.entries.compactMap { k in
            let entry = entries[k]
            guard months.contains(entry.month), entry.lags & bit != 0 || entry.hasActual else { return nil }
            return (entry.month, forecast(entry, lag: lag) ?? 0, entry.actual, prices?[k] ?? .nan)
        }
    }

    /// The customer's cells at `lag` against the band (d, u).
    func band(_ customer: Customer, lag: Int, underPct: Double, overPct: Double) -> BandFigures {
        let cells = cells(customer, lag: lag)
        var inBand = 0, periods = 0, periodsInBand = 0
        var below = 0.0, above = 0.0, forecast = 0.0, actual = 0.0
        var monthForecast = 0.0, monthActual = 0.0
        // With prices: the short and beyond units of the priced cells at price, in cell order.
        var pricedCells = 0
        var belowValue = 0.0, aboveValue = 0.0
        func closeMonth() {
            periods += 1
            let edges = BandEdges(forecast: monthForecast, actual: monthActual, underPct: underPct, overPct: overPct)
            if edges.below(monthActual) == 0 && edges.above(monthActual) == 0 { periodsInBand += 1 }
        }
        for (k, cell) in cells.enumerated() {
            if k > 0 && cells[k - 1].month != cell.month {
                closeMonth()
                monthForecast = 0
                monthActual = 0
            }
            let edges = BandEdges(forecast: cell.forecast, actual: cell.actual, underPct: underPct, overPct: overPct)
            let short = edges.below(cell.actual), beyond = edges.above(cell.actual)
            if short == 0 && beyond == 0 { inBand += 1 }
            below += short
            above += beyond
            if !cell.price.isNaN {
                pricedCells += 1
                belowValue += short * cell.price
                aboveValue += beyond * cell.price
            }
            forecast += cell.forecast
            actual += cell.actual
            monthForecast += cell.forecast
            monthActual += cell.actual
        }
        if !cells.isEmpty { closeMonth() }
        let value = prices.map { _ in
            BandValue(pricedCells: pricedCells,
                      belowBandValue: pricedCells > 0 ? scale.quantity(units: belowValue) : nil,
                      aboveBandValue: pricedCells > 0 ? scale.quantity(units: aboveValue) : nil)
        }
        return BandFigures(cells: cells.count, cellsInBand: inBand, inBandPct: Ratio.percent(Double(inBand), Double(cells.count)),
                           unitsBelowBand: scale.quantity(units: below), unitsAboveBand: scale.quantity(units: above),
                           belowBandPct: Ratio.percent(below, forecast), aboveBandPct: Ratio.percent(above, actual),
                           periods: periods, periodsInBand: periodsInBand,
                           forecast: scale.quantity(units: forecast), actual: scale.quantity(units: actual), value: value)
    }

    /// The customer's revisions against a limit: |Fb − Fa| > r/100 · Fa is a violation.
    func revisions(_ customer: Customer, limit: AgreementTerms.RevisionLimit) -> RevisionFigures {
        var cells = 0, violations = 0
        var excess = 0.0
        for entry in entries[customer.entries] {
            guard let fa = forecast(entry, lag: limit.fromLag), let fb = forecast(entry, lag: limit.toLag) else { continue }
            cells += 1
            let allowed = limit.limitPct / 100 * fa
            let over = abs(fb - fa) - allowed
            if over > 1e-9 * (abs(fa) + abs(fb)) {
                violations += 1
                excess += over
            }
        }
        return RevisionFigures(cells: cells, violations: violations, excessUnits: scale.quantity(units: excess))
    }

    /// Every customer against each band it is held to, sorted by customer and lag.
    func compliance(_ terms: AgreementTerms) -> [AgreementRow] {
        var rows: [AgreementRow] = []
        for customer in customers.sorted(by: { $0.name.precedesInByteOrder($1.name) }) {
            for band in terms.bands(for: customer.name) {
                rows.append(AgreementRow(customer: customer.name, band: band,
                                         figures: self.band(customer, lag: band.lag, underPct: band.underPct, overPct: band.overPct),
                                         revision: band.revisionLimit.map { revisions(customer, limit: $0) }))
            }
        }
        return rows
    }

    /// Checks the terms against the data: every customer named is in the inputs, and
    /// every lag a row names has forecasts (of that customer; of anyone, for `*`).
    func validate(_ terms: AgreementTerms, knownCustomers: Set<String>) throws(AgreementsError) {
        var everyLag: UInt64 = 0
        for customer in customers { everyLag |= customer.lags }
        for band in terms.bands {
            var lags = everyLag
            if band.customer != AgreementTerms.everyone {
                guard knownCustomers.contains(band.customer) else {
                    throw .badRow(path: terms.path, line: band.line,
                                  problem: .unknownCustomer(band.customer, similar: CustomerView.similar(band.customer, in: Array(knownCustomers))))
                }
                lags = customer(named: band.customer)?.lags ?? 0
            }
            let named = [band.lag] + (band.revisionLimit.map { [$0.fromLag, $0.toLag] } ?? [])
            for lag in named where lags & (UInt64(1) << UInt64(lag)) == 0 {
                throw .badRow(path: terms.path, line: band.line,
                              problem: .lagWithoutForecasts(customer: band.customer, lag: lag, available: Self.lags(lags)))
            }
        }
    }
}

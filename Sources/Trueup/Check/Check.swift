/// What an inventory buyer needs before purchasing on a customer's forecast of Q units.
///
/// The plan and its 80% range come from `BuyerPlan` on the monthly totals of the item's history
/// when it has at least the policy's minimum of scored periods, else the customer's: Q × the
/// units bought per unit forecast, over the whole window or, when the history drifts or
/// deteriorates, over its recent months. With fewer months than the policy's minimum there is no
/// range, and the plan is the forecast itself ("too little history"). The range is backtested on
/// the same history: how often it would have held.
public struct Check: Sendable {
    public enum Basis: Sendable, Equatable {
        case item(String)
        case customer
    }

    public var view: CustomerView
    public var quantity: Double
    public var basis: Basis
    /// Why the customer's totals were used although an item was asked for.
    public var basisNote: String?
    /// Periods of the basis: how much history the numbers rest on.
    public var periods: Int
    /// The plan per unit forecast, its range and its recent months.
    public var plan: BuyerPlan
    /// Too few months with a forecast for a range: the plan is the forecast itself.
    public var tooLittleHistory: Bool
    /// Units bought per unit forecast that the plan uses; nil with too little history or nothing forecast.
    public var ratio: Double?
    public var adjustedQuantity: Double?
    /// Q times the plan's range; nil with too little history.
    public var range: (low: Double, high: Double)?
    /// Months with a forecast that the range's spread is taken over.
    public var rangePeriods: Int { plan.rangeMonths }
    /// The range tried on the basis's last months, each from the months before it: held, of tried.
    public var rangeHeld: Int
    public var rangeBacktested: Int
    /// The item asked about (`--item`), if any.
    public var requestedItem: String?
    /// With `--prices` and an item: the item's price for this customer, nil when it has none.
    public var price: PriceList.Price?
    /// The quantity, adjusted quantity and range at that price.
    public var value: (quantity: Double, adjusted: Double?, range: (low: Double, high: Double)?)?
    /// When the basis drifts or deteriorates: the recent months the plan rests on instead.
    public var recent: BuyerPlan.Recent? { plan.recent }
    /// The whole window's ratio and quantity, shown beside the recent ones (equal to them otherwise).
    public var windowRatio: Double?
    public var windowAdjustedQuantity: Double?
    /// With agreements: the customer's agreed band at the check's lag, and Q's lower and upper edge under it.
    public var agreedBand: (row: AgreementRow, low: Double, high: Double)?

    public var tier: Tier { view.assessment.tier }

    public init(_ request: ReportRequest, customer: String, item: String?, quantity: Double) throws(CustomerView.Problem) {
        view = try CustomerView(request, customer: customer)
        self.quantity = quantity
        requestedItem = item
        var basisRow = view.row
        basis = .customer
        if let item {
            guard let itemRow = view.items.first(where: { $0.item == item }) else {
                throw .unknownItem(customer: customer, item: item,
                                   similar: CustomerView.similar(item, in: view.items.compactMap(\.item)))
            }
            if itemRow.figures.periods >= request.policy.minimumPeriods {
                basis = .item(item)
                basisRow = itemRow
            } else {
                basisNote = "item \(item) has \(itemRow.figures.periods) scored \(itemRow.figures.periods == 1 ? "period" : "periods") at lag \(itemRow.lag), fewer than \(request.policy.minimumPeriods), so the customer's totals are used"
            }
        }
        let f = basisRow.figures
        periods = f.periods
        plan = BuyerPlan(basisRow.periods, policy: request.policy)
        tooLittleHistory = plan.rangeMonths < request.policy.minimumPeriods
        windowRatio = Ratio.of(f.actual, f.forecast)
        windowAdjustedQuantity = windowRatio.map { quantity * $0 }
        ratio = tooLittleHistory ? nil : plan.ratio
        adjustedQuantity = tooLittleHistory ? quantity : ratio.map { quantity * $0 }
        range = plan.range.map { (quantity * $0.lowerBound, quantity * $0.upperBound) }
        (rangeHeld, rangeBacktested) = BuyerPlan.backtest(basisRow.periods, policy: request.policy)
        if let item, let price = view.report.prices?.price(customer: customer, item: item) {
            self.price = price
            let p = price.price
            value = (quantity * p, adjustedQuantity.map { $0 * p }, range.map { ($0.low * p, $0.high * p) })
        }
        if let row = view.report.agreement.first(where: { $0.customer == customer && $0.band.lag == view.row.lag }) {
            agreedBand = (row, quantity * (1 - row.band.underPct / 100), quantity * (1 + row.band.overPct / 100))
        }
    }

    /// The p-quantile of sorted values, interpolating linearly between neighbours
    /// (the usual "type 7" definition, as spreadsheets' PERCENTILE computes it).
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}

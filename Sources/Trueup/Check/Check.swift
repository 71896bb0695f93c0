/// What an inventory buyer needs before purchasing on a customer's forecast of Q units.
///
/// The adjusted quantity is Q × ΣA/ΣF over the window: what the customer has
/// actually bought for every unit it forecast. The 80% range is Q times the 10th
/// and 90th percentiles of the per-period ratio A/F of the totals. Both use the
/// item's history when it has at least the policy's minimum of scored periods,
/// else the customer's. When that history is deteriorating (the policy's test on
/// its monthly totals), both rest on the recent months that triggered it instead,
/// and the whole window's figures are kept beside them.
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
    /// ΣA/ΣF of the basis; nil when nothing was forecast.
    public var ratio: Double?
    public var adjustedQuantity: Double?
    /// Q × P10 and Q × P90 of the per-period A/F; nil with too few periods.
    public var range: (low: Double, high: Double)?
    /// Periods with a forecast to take a ratio of.
    public var rangePeriods: Int
    /// The item asked about (`--item`), if any.
    public var requestedItem: String?
    /// With `--prices` and an item: the item's price for this customer, nil when it has none.
    public var price: PriceList.Price?
    /// The quantity, adjusted quantity and range at that price.
    public var value: (quantity: Double, adjusted: Double?, range: (low: Double, high: Double)?)?
    /// When the basis is deteriorating: the recent months the plan and the range rest on instead.
    public var recent: RecentBasis?
    /// The whole window's ratio, quantity and range, shown beside the recent ones (equal to them otherwise).
    public var windowRatio: Double?
    public var windowAdjustedQuantity: Double?
    public var windowRange: (low: Double, high: Double)?
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
        ratio = Ratio.of(f.actual, f.forecast)
        adjustedQuantity = ratio.map { quantity * $0 }
        let ratios = basisRow.periods.filter { $0.forecast > 0 }.compactMap { Ratio.of($0.actual, $0.forecast) }.sorted()
        rangePeriods = ratios.count
        if ratios.count >= request.policy.minimumPeriods {
            range = (quantity * Self.percentile(ratios, 0.10), quantity * Self.percentile(ratios, 0.90))
        }
        windowRatio = ratio
        windowAdjustedQuantity = adjustedQuantity
        windowRange = range
        if let trend = request.policy.deterioration(basisRow.periods), trend.fires {
            let recent = RecentBasis(basisRow.periods.suffix(trend.recentCount), quantity: quantity)
            self.recent = recent
            ratio = recent.ratio
            adjustedQuantity = recent.ratio.map { quantity * $0 }
            range = recent.range
            rangePeriods = recent.rangePeriods
        }
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

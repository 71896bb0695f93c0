/// The band that would have held for k% of a customer's cells at one lag (METRICS.md "Proposed terms"),
/// and what it would have meant.
///
/// Over the cells with F > 0, the ratios A/F; q_lo and q_hi are their type-7
/// percentiles at (100 − k)/2 and (100 + k)/2 percent; under_pct =
/// max(0, 100·(1 − q_lo)) and over_pct = max(0, 100·(q_hi − 1)). The band is then
/// measured on all the cells at the lag, as agreement.csv measures an agreed one.
public struct ProposedTerms: Sendable, Equatable {
    public var customer: String
    public var lag: Int
    /// The coverage k, in percent.
    public var coverage: Double
    /// Cells with F > 0: the ratios the band is taken from.
    public var ratioCells: Int
    public var underPct: Double
    public var overPct: Double
    /// All the lag's cells against the proposed band.
    public var figures: BandFigures
    /// The customer's bias over the cells with F > 0 at this lag, 100·(ΣF − ΣA)/ΣA; nil when ΣA is 0.
    public var biasPct: Double?
    /// The band around a forecast without that bias: the same percentiles of A ÷ (F·ΣA/ΣF), so a
    /// customer that forecasts 30% high is held to what it would have forecast unbiased.
    public var unbiasedUnderPct: Double?
    public var unbiasedOverPct: Double?
    /// Whether the bias is material and persistent: the policy's watch bias or more, in a direction
    /// that held month after month (the monthly sign test below the policy's p); set by `AgreementView`.
    public var biasIsSignificant = false

    /// The proposal as a row of an agreements file.
    public var band: AgreementTerms.Band { AgreementTerms.Band(customer: customer, lag: lag, underPct: underPct, overPct: overPct) }
}

extension ForecastHistory {
    /// The proposed band at `lag` for coverage k, or nil when no cell has F > 0.
    func proposal(_ customer: Customer, lag: Int, coverage: Double) -> ProposedTerms? {
        let ratios = cells(customer, lag: lag).filter { $0.forecast > 0 }.map { $0.actual / $0.forecast }.sorted()
        guard !ratios.isEmpty else { return nil }
        let low = Check.percentile(ratios, (100 - coverage) / 200)
        let high = Check.percentile(ratios, (100 + coverage) / 200)
        let under = max(0, 100 * (1 - low)), over = max(0, 100 * (high - 1))
        var terms = ProposedTerms(customer: customer.name, lag: lag, coverage: coverage, ratioCells: ratios.count,
                                  underPct: under, overPct: over, figures: band(customer, lag: lag, underPct: under, overPct: over))
        // The customer's own ratio ΣA/ΣF over the same cells: dividing it out removes the bias.
        let withForecast = cells(customer, lag: lag).filter { $0.forecast > 0 }
        let actual = withForecast.reduce(0.0) { $0 + $1.actual }, forecast = withForecast.reduce(0.0) { $0 + $1.forecast }
        terms.biasPct = Ratio.percent(forecast - actual, actual)
        if actual > 0 {
            let k = actual / forecast
            terms.unbiasedUnderPct = max(0, 100 * (1 - low / k))
            terms.unbiasedOverPct = max(0, 100 * (high / k - 1))
        }
        return terms
    }
}

extension ForecastHistory {
    /// Every customer's proposals, at each of its lags or only at `lag`, by customer name and lag.
    func proposals(coverage: Double, lag: Int?) -> [ProposedTerms] {
        customers.sorted { $0.name.precedesInByteOrder($1.name) }.flatMap { customer in
            Self.lags(customer.lags).filter { lag == nil || $0 == lag }.compactMap { proposal(customer, lag: $0, coverage: coverage) }
        }
    }
}

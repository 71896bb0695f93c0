/// Customers who forecast in the window, but never at the report lag (PRODUCT.md: listed, never dropped).
enum NoForecastAtLag {
    /// An insufficient-data assessment with reason `no-forecast-at-lag` for every customer that has
    /// forecasts in the window at other lags but none at `lag`, by customer name.
    static func assessments(_ presence: Join.Presence, lag: Int, panel: Panel) -> [Assessment] {
        let periods = presence.periods.count
        guard periods > 0 else { return [] }
        let bit = UInt64(1) << UInt64(lag)
        var result: [Assessment] = []
        for customer in 0..<panel.customers.count {
            let mask = presence.lags[(customer * periods)..<((customer + 1) * periods)].reduce(UInt64(0), |)
            guard mask != 0 && mask & bit == 0 else { continue }
            let lags = (0...Panel.maximumLag).filter { mask & (UInt64(1) << UInt64($0)) != 0 }
            let named = lags.map(String.init).joined(separator: ", ")
            let explanation = "No forecast at lag \(lag) in this window; it forecasts at lag \(named) only. "
                + "Run with --lag \(lags[0]) to judge those forecasts."
            var a = Assessment(customer: panel.customerName(Int32(customer)), lag: lag, tier: .insufficientData,
                               reasons: [.noForecastAtLag], explanation: explanation, errorSharePct: nil,
                               figures: .empty, periods: [])
            a.otherLags = lags
            result.append(a)
        }
        return result.sorted { $0.customer.precedesInByteOrder($1.customer) }
    }

    /// `listed` placed in `assessed` (in the table's order) after the other insufficient-data
    /// customers, before the trusted ones: their share of the error is none.
    static func inserted(_ listed: [Assessment], into assessed: [Assessment]) -> [Assessment] {
        guard !listed.isEmpty else { return assessed }
        let at = assessed.firstIndex { $0.tier.severity < Tier.insufficientData.severity } ?? assessed.count
        var all = assessed
        all.insert(contentsOf: listed, at: at)
        return all
    }
}

extension Figures {
    /// The figures of a group with no cell: every count and sum 0, every ratio empty.
    static let empty = Figures(periods: 0, items: 0, cells: 0, actual: 0, forecast: 0, biasPct: nil, wmape: nil,
                               accuracyPct: nil, mape: nil, mapeCells: 0, smape: nil, mae: nil, rmse: nil, me: nil,
                               mase: nil, trackingSignal: nil, overPeriods: 0, underPeriods: 0, signTestP: nil,
                               naiveWmape: nil, fvaPts: nil)
}

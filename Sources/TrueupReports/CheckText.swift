import Trueup

/// What `trueup check` prints: the verdict, the quantity to plan instead, and its range.
public enum CheckText {
    public static func render(_ check: Check) -> String {
        let a = check.view.assessment
        // The months the plan's history was scored in at this lag (the item's, or the customer's), not the window's ends.
        var basisRow = check.view.row
        if case .item(let item) = check.basis, let row = check.view.items.first(where: { $0.item == item }) { basisRow = row }
        let window = basisRow.scoredMonths?.description ?? "\(check.view.report.window.first) to \(check.view.report.window.last)"
        let reasons = a.reasons.isEmpty ? "" : " (\(a.reasons.map(\.rawValue).joined(separator: ", ")))"
        var out = "\(TerminalText.escaped(a.customer)) at lag \(a.lag): \(a.tier.rawValue)\(reasons)\n"
        out += "  \(a.explanation)\n\n"
        let q = NumberText.readable(check.quantity, decimals: 0)
        let history: String
        switch check.basis {
        case .item(let item): history = "item \(TerminalText.escaped(item))'s history"
        case .customer: history = "\(TerminalText.escaped(a.customer))'s history across all items"
        }
        out += "Forecast received: \(q) units.\n"
        if let note = check.basisNote { out += "Note: \(note).\n" }
        if check.tooLittleHistory {
            out += "Plan for \(q) units, the forecast itself: too little history. \(history) has \(check.rangePeriods) "
            out += "\(check.rangePeriods == 1 ? "month" : "months") with a forecast to compare, fewer than the \(check.view.report.request.policy.minimumPeriods) "
            out += "a plan and a range need.\n"
        } else if let recent = check.recent {
            let months = "\(recent.first) to \(recent.last)"
            let why: String
            switch recent.cause {
            case .drifting(let drift): why = "has drifted since \(drift.start), so the plan rests on the \(recent.months) months since"
            case .deteriorating: why = "is deteriorating, so the plan rests on the last \(recent.months) months"
            }
            if let adjusted = check.adjustedQuantity, let ratio = check.ratio {
                out += "Plan for \(NumberText.readable(adjusted, decimals: 0)) units: \(history) \(why) "
                out += "(\(months)), which show \(NumberText.readable(ratio, decimals: 2)) units bought per unit forecast.\n"
            } else {
                out += "No adjusted quantity: \(history) \(why) (\(months)), and nothing was forecast in them.\n"
            }
            if let adjusted = check.windowAdjustedQuantity, let ratio = check.windowRatio {
                out += "Over the whole window, \(window): \(NumberText.readable(ratio, decimals: 2)) per unit forecast, "
                out += "\(NumberText.readable(adjusted, decimals: 0)) units (\(check.periods) months).\n"
            }
        } else if let adjusted = check.adjustedQuantity, let ratio = check.ratio {
            out += "Plan for \(NumberText.readable(adjusted, decimals: 0)) units: over \(window), \(history) shows "
            out += "\(NumberText.readable(ratio, decimals: 2)) units bought per unit forecast (\(check.periods) months).\n"
        } else {
            out += "No adjusted quantity: nothing was forecast in \(history) over \(window).\n"
        }
        if let range = check.range {
            out += "80% range: \(NumberText.readable(range.low, decimals: 0)) to \(NumberText.readable(range.high, decimals: 0)) units "
            let centre = check.recent == nil ? "the median monthly actual ÷ forecast" : "the recent months' actual ÷ forecast"
            out += "(\(centre) ± the deviation that 83% of \(check.rangePeriods) months stay within, so that it holds in about 80%)"
            out += ".\n"
            out += backtest(check)
        }
        out += money(check)
        if let agreed = check.agreedBand {
            let f = agreed.row.figures
            out += "Agreed band: \(NumberText.readable(agreed.low, decimals: 0)) to \(NumberText.readable(agreed.high, decimals: 0)) units "
            out += "(\(Words.number(agreed.row.band.underPct))% under to \(Words.number(agreed.row.band.overPct))% over at lag \(agreed.row.band.lag)); "
            out += "the monthly totals were within it in \(f.periodsInBand) of \(f.periods) months.\n"
        } else if check.view.report.request.agreements != nil {
            out += "Agreed band: none for \(a.customer) at lag \(a.lag) in the agreements.\n"
        }
        return out
    }

    /// With prices: what the quantities are worth at the item's price, or why there is no value.
    static func money(_ check: Check) -> String {
        let report = check.view.report
        guard report.prices != nil else { return "" }
        let currency = report.request.currency
        guard let price = check.price, let value = check.value else {
            if let item = check.requestedItem {
                return "No value: the prices file has no price for item \(item) for \(check.view.assessment.customer).\n"
            }
            return "No value: prices are per item; give --item to see what the quantity is worth.\n"
        }
        var out = "At \(MoneyText.unitPrice(price.price, currency)) a unit: the forecast is worth \(MoneyText.amount(value.quantity, currency))"
        if let adjusted = value.adjusted { out += ", the quantity to plan \(MoneyText.amount(adjusted, currency))" }
        if let range = value.range { out += " (80% range \(MoneyText.amount(range.low, currency)) to \(MoneyText.amount(range.high, currency)))" }
        return out + ".\n"
    }

    public static func json(_ check: Check) -> JSONValue {
        let a = check.view.assessment
        var basis: [(String, JSONValue)]
        switch check.basis {
        case .item(let item): basis = [("basis", .string("item")), ("item", .string(item))]
        case .customer: basis = [("basis", .string("customer")), ("item", .null)]
        }
        return .object([
            ("customer", .string(a.customer)), ("lag", .integer(a.lag)), ("tier", .string(a.tier.rawValue)),
            ("reasons", .array(a.reasons.map { .string($0.rawValue) })), ("explanation", .string(a.explanation)),
            ("quantity", .number(check.quantity)),
        ] + basis + [
            ("basis_note", check.basisNote.map { .string($0) } ?? .null),
            ("periods", .integer(check.periods)),
            ("ratio", .figure(check.ratio)),
            ("adjusted_quantity", .figure(check.adjustedQuantity)),
            ("range_low", .figure(check.range?.low)),
            ("range_high", .figure(check.range?.high)),
            ("range_periods", .integer(check.rangePeriods)),
            ("range_held", check.rangeBacktested > 0 ? .integer(check.rangeHeld) : .null),
            ("range_backtested", .integer(check.rangeBacktested)),
            ("too_little_history", .bool(check.tooLittleHistory)),
            ("agreed_low", .figure(check.agreedBand?.low)),
            ("agreed_high", .figure(check.agreedBand?.high)),
            ("agreed_periods_in_band", check.agreedBand.map { .integer($0.row.figures.periodsInBand) } ?? .null),
            ("window", .object([("from", .string(check.view.report.window.first.description)),
                                ("to", .string(check.view.report.window.last.description))])),
            ("planned_from", .string(check.recent == nil ? "window" : "recent")),
            ("recent", recentJSON(check.recent)),
            ("window_ratio", .figure(check.windowRatio)),
            ("window_adjusted_quantity", .figure(check.windowAdjustedQuantity)),
            ("rows_left_out", .integer(check.view.report.forecasts.rowsRejected + check.view.report.actuals.rowsRejected)),
            ("incomplete_month", IncompleteMonthJSON.value(check.view.report.incompleteMonth)),
        ] + moneyJSON(check))
    }

    static func recentJSON(_ recent: BuyerPlan.Recent?) -> JSONValue {
        guard let recent else { return .null }
        let cause: String
        switch recent.cause {
        case .drifting: cause = "drifting"
        case .deteriorating: cause = "deteriorating"
        }
        return .object([
            ("from", .string(recent.first.description)), ("to", .string(recent.last.description)),
            ("months", .integer(recent.months)), ("because", .string(cause)),
        ])
    }

    /// "Tried on each of the last 12 months from the months before it, the range held in 10."
    static func backtest(_ check: Check) -> String {
        guard check.rangeBacktested > 0 else { return "" }
        let n = check.rangeBacktested
        return "Backtest: worked out from the months before each of the last \(n == 1 ? "month" : "\(n) months"), "
            + "the range held that month's purchases in \(check.rangeHeld) of \(n).\n"
    }

    /// With prices: the item's price and the quantities' values (null without a price for it).
    static func moneyJSON(_ check: Check) -> [(String, JSONValue)] {
        guard check.view.report.prices != nil else { return [] }
        return [
            ("unit_price", .figure(check.price?.price)),
            ("currency", check.view.report.request.currency.map { .string($0) } ?? .null),
            ("quantity_value", .figure(check.value?.quantity)),
            ("adjusted_value", .figure(check.value?.adjusted)),
            ("range_low_value", .figure(check.value?.range?.low)),
            ("range_high_value", .figure(check.value?.range?.high)),
        ]
    }
}

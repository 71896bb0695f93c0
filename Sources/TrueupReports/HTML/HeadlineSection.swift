import Trueup

/// The top of the page: what was scored, the book's accuracy and bias, and the tiers,
/// with the change since the previous run when a history was kept.
enum HeadlineSection {
    static func render(_ page: ReportPage) -> Markup {
        let result = page.result
        // The months the figures cover: those scored at the report lag, not the window's ends.
        let months = result.scoredMonths(lag: page.lag)?.count ?? (result.window.last - result.window.first + 1)
        var subtitle = "Target months \(result.scoredMonthsLabel(lag: page.lag)) (\(ReportPage.count(months, "month")))"
        if let lag = page.lag {
            subtitle += " · figures at lag \(lag) (forecasts made \(lag) \(lag == 1 ? "month" : "months") ahead)"
        }
        subtitle += " · last month with actuals \(result.lastClosed)"
        subtitle += " · grouped by \(result.request.grouping.rawValue)"
        var children: [Markup] = [
            .element("h1", text: "Forecast accuracy report"),
            .element("p", ["class": "subtitle"], text: subtitle),
        ]
        var kpis = [accuracy(page), bias(page)]
        kpis.append(page.tiered ? tiers(page) : groups(page))
        if let money = money(page) { kpis.append(money) }
        children.append(.element("div", ["class": "kpis"], kpis))
        if let previous = result.history?.previous {
            children.append(.element("p", ["class": "change since"], text: sinceSentence(page, previous)))
        }
        return .element("header", ["class": "headline"], children)
    }

    static func accuracy(_ page: ReportPage) -> Markup {
        let value = page.book?.accuracyPct
        var children: [Markup] = [
            .element("div", ["class": "kpi-label"], text: "Accuracy of the whole book"),
            .element("div", ["class": "kpi-value"], text: value.map { NumberText.readable($0, decimals: 1) + "%" } ?? "–"),
            .element("div", ["class": "kpi-note"],
                     text: page.book?.wmape.map { "100 − wMAPE; wMAPE \(NumberText.readable($0, decimals: 1))% over every \(page.groupNoun)'s cells" }
                        ?? "no actual volume to measure against"),
        ]
        if let previous = page.result.history?.previous, let now = value, let then = previous.wmape.map({ max(0, 100 - $0) }) {
            children.append(.element("div", ["class": "change"],
                                     text: "\(signedPoints(now - then)) since the run as of \(previous.asOf) (\(NumberText.readable(then, decimals: 1))%)"))
        }
        return .element("div", ["class": "kpi"], children)
    }

    static func bias(_ page: ReportPage) -> Markup {
        let value = page.book?.biasPct
        let note: String
        if let value {
            let size = NumberText.readable(abs(value), decimals: 1)
            note = value > 0 ? "forecasts \(size)% above actuals overall" : (value < 0 ? "forecasts \(size)% below actuals overall" : "forecasts match actuals overall")
        } else {
            note = "no actual volume to measure against"
        }
        var children: [Markup] = [
            .element("div", ["class": "kpi-label"], text: "Bias of the whole book"),
            .element("div", ["class": "kpi-value"], text: value.map { MetricsTable.signed($0) + "%" } ?? "–"),
            .element("div", ["class": "kpi-note"], text: note),
        ]
        if let previous = page.result.history?.previous, let now = value, let then = previous.biasPct {
            children.append(.element("div", ["class": "change"],
                                     text: "\(signedPoints(now - then)) since the run as of \(previous.asOf) (\(MetricsTable.signed(then))%)"))
        }
        return .element("div", ["class": "kpi"], children)
    }

    static func tiers(_ page: ReportPage) -> Markup {
        let counts = page.tierCounts
        let previous = page.result.history?.previous
        let items: [Markup] = counts.map { tier, count in
            var text = "\(ReportPage.count(count)) \(TierColors.label(tier))"
            if let then = previous?.tierCounts[tier], then != count { text += " (was \(ReportPage.count(then)))" }
            return .element("li", ["class": "tier-count tier-\(tier.rawValue)"], [
                .element("span", ["class": "swatch-box bg-\(tier.rawValue)"]),
                .text(text),
            ])
        }
        let flagged = page.result.assessments.count(where: { $0.tier.isFlagged })
        var note = "\(ReportPage.count(flagged)) flagged (watch or unreliable)"
        if let history = page.result.history, history.previous != nil {
            let newly = page.result.assessments.count(where: { history.customers[$0.customer]?.newlyFlagged ?? false })
            note += ", \(ReportPage.count(newly)) newly flagged"
        }
        return .element("div", ["class": "kpi"], [
            .element("div", ["class": "kpi-label"], text: "Customers tiered"),
            .element("div", ["class": "kpi-value"], text: ReportPage.count(page.result.assessments.count)),
            TierBar.render(counts),
            .element("ul", ["class": "tier-counts"], items),
            .element("div", ["class": "kpi-note"], text: note),
        ])
    }

    /// With prices: the book's errors in money, and how many cells had no price.
    static func money(_ page: ReportPage) -> Markup? {
        guard let book = page.bookValue else { return nil }
        let currency = page.result.request.currency
        guard book.pricedCells > 0 else {
            return .element("div", ["class": "kpi"], [
                .element("div", ["class": "kpi-label"], text: "What the errors cost"),
                .element("div", ["class": "kpi-value"], text: "–"),
                .element("div", ["class": "kpi-note"], text: "none of the \(ReportPage.count(book.cells)) scored cells has a price, so nothing is valued"),
            ])
        }
        var note = "value wMAPE \(NumberText.readable(book.valueWmape, decimals: 1))% of \(MoneyText.amount(book.actualValue, currency)) bought"
        if book.unpricedCells > 0 {
            note += "; \(ReportPage.count(book.unpricedCells)) of \(ReportPage.count(book.cells)) cells have no price and are left out, not valued at 0"
        }
        return .element("div", ["class": "kpi"], [
            .element("div", ["class": "kpi-label"], text: "What the errors cost"),
            .element("div", ["class": "kpi-value"], text: MoneyText.amount(book.excessCost, currency)),
            .element("div", ["class": "kpi-note"], text: "excess stock at cost: forecast that was not bought"),
            .element("div", ["class": "kpi-value"], text: MoneyText.amount(book.shortfallValue, currency)),
            .element("div", ["class": "kpi-note"], text: "sales at risk: purchases that were not forecast, at price"),
            .element("div", ["class": "kpi-note"], text: note),
        ])
    }

    static func groups(_ page: ReportPage) -> Markup {
        let count = Set(page.result.rows.filter { $0.lag == page.lag }.map { [$0.customer ?? "", $0.item ?? ""] }).count
        return .element("div", ["class": "kpi"], [
            .element("div", ["class": "kpi-label"], text: "\(page.groupNoun.capitalizedFirst)s scored"),
            .element("div", ["class": "kpi-value"], text: ReportPage.count(count)),
            .element("div", ["class": "kpi-note"], text: "Tiers are per customer; run with --by customer to tier customers."),
        ])
    }

    /// "Since the run as of 2025-11 at lag 1: accuracy +1.2 points, bias −0.8 points; 3 newly flagged."
    static func sinceSentence(_ page: ReportPage, _ previous: RecordedRun) -> String {
        var parts: [String] = []
        if let now = page.book?.accuracyPct, let then = previous.wmape.map({ max(0, 100 - $0) }) {
            parts.append("accuracy \(signedPoints(now - then))")
        }
        if let now = page.book?.biasPct, let then = previous.biasPct {
            parts.append("bias \(signedPoints(now - then))")
        }
        let changed = Tier.allCases.compactMap { tier -> String? in
            let then = previous.tierCounts[tier] ?? 0
            let now = page.result.assessments.count(where: { $0.tier == tier })
            return then == now ? nil : "\(TierColors.label(tier)) \(then) → \(now)"
        }
        parts.append(changed.isEmpty ? "the same number of customers in each tier" : changed.joined(separator: ", "))
        if let history = page.result.history {
            let newly = page.result.assessments.count(where: { history.customers[$0.customer]?.newlyFlagged ?? false })
            parts.append("\(newly) newly flagged")
        }
        return "Since the run as of \(previous.asOf) at lag \(previous.lag): " + parts.joined(separator: "; ") + "."
    }

    /// "+1.2 points", "−0.8 points".
    static func signedPoints(_ value: Double) -> String {
        let text = NumberText.readable(abs(value), decimals: 1)
        if text == "0.0" { return "±0.0 points" }
        return (value > 0 ? "+" : "−") + text + " points"
    }
}

extension String {
    /// The text with its first character upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

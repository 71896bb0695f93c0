import Trueup

/// The page's sections on late revisions (the like-for-like forecast by lag) and, with agreements, "Against the agreement".
enum AgreementSection {
    /// Rows shown in each table; the files hold every one.
    static let shown = 40

    static func render(_ page: ReportPage) -> Markup {
        let result = page.result
        var sections: [Markup] = []
        let order = customerOrder(result)
        let waterfalls = result.waterfalls.filter { $0.cells > 0 }.sorted { order($0.customer) < order($1.customer) }
        if let lags = waterfalls.first?.steps.map(\.lag), !waterfalls.isEmpty {
            let header = Markup.element("tr", [:], [.element("th", text: "Customer"), .element("th", ["class": "num"], text: "Item-months")]
                + lags.map { Markup.element("th", ["class": "num"], text: "Bias lag \($0)") }
                + lags.map { Markup.element("th", ["class": "num"], text: "wMAPE lag \($0)") }
                + [.element("th", ["class": "num"], text: "Net revision"), .element("th", ["class": "num"], text: "Revision FVA")])
            let rows = waterfalls.prefix(shown).map { w -> Markup in
                let revision = result.stability.first { $0.customer == w.customer && $0.fromLag == w.steps.first?.lag && $0.toLag == w.steps.last?.lag }
                let byLag = Dictionary(uniqueKeysWithValues: w.steps.map { ($0.lag, $0) })
                return .element("tr", [:], [.element("td", text: w.customer), number(ReportPage.count(w.cells))]
                    + lags.map { number(byLag[$0].map { percent($0.biasPct, signed: true) } ?? "-") }
                    + lags.map { number(byLag[$0].map { percent($0.wmape, signed: false) } ?? "-") }
                    + [number(percent(revision?.netRevisionPct, signed: true)), number(revision?.revisionFvaPts.map { MetricsTable.signed($0) + " pts" } ?? "-")])
            }
            sections.append(.element("section", ["class": "revisions"], [
                .element("h2", text: "Forecast by lag, like for like"),
                .element("p", text: "Each customer's bias and wMAPE at every lag on the same item-months (those forecast at every lag), longest lag first. "
                         + "Net revision: how much the forecast changed from the longest lag to the shortest (negative: cut late). "
                         + "Revision FVA: how many points of wMAPE those late revisions gained (negative: they made it worse). "
                         + (waterfalls.count > shown ? "The first \(shown) of \(waterfalls.count) customers, most severe tier first; " : "")
                         + "stability.csv has every pair of lags."),
                .element("table", ["class": "waterfall"], [.element("thead", [:], [header]), .element("tbody", [:], rows)]),
            ]))
        }
        if let terms = result.request.agreements {
            let rows = result.agreement.sorted {
                let a = $0.figures, b = $1.figures
                let outsideA = a.periods - a.periodsInBand, outsideB = b.periods - b.periodsInBand
                if outsideA != outsideB { return outsideA > outsideB }
                if $0.customer != $1.customer { return order($0.customer) < order($1.customer) }
                return $0.band.lag < $1.band.lag
            }
            // With --prices, the units short of and beyond the band at the customer's prices too.
            let priced = rows.contains { $0.figures.value != nil }
            let money = priced ? [MoneyText.header("Short at price", result.request.currency), MoneyText.header("Beyond at price", result.request.currency)] : []
            let header = Markup.element("tr", [:], (["Customer", "Lag", "Agreed band", "Months in band", "Item-months in band",
                                                      "Bought short", "Bought beyond"] + money + ["Revisions beyond the limit"]).enumerated().map {
                Markup.element("th", $0.offset < 1 ? [:] : ["class": "num"], text: $0.element)
            })
            let body = rows.prefix(shown).map { row -> Markup in
                let f = row.figures
                let revision = row.revision.map { "\($0.violations) of \($0.cells)" } ?? "-"
                return .element("tr", row.mostlyOutside ? ["class": "outside"] : [:], [
                    .element("td", text: row.customer), number(String(row.band.lag)),
                    number(AgreementText.band(row.band.underPct, row.band.overPct)),
                    number("\(f.periodsInBand) of \(f.periods)"), number("\(f.cellsInBand) of \(f.cells)"),
                    number(NumberText.readable(f.unitsBelowBand, decimals: 0)), number(NumberText.readable(f.unitsAboveBand, decimals: 0)),
                ] + (priced ? [number(MoneyText.amount(f.value?.belowBandValue, nil)), number(MoneyText.amount(f.value?.aboveBandValue, nil))] : [])
                  + [number(revision)])
            }
            let outside = Set(rows.filter(\.mostlyOutside).map(\.customer)).count
            sections.append(.element("section", ["class": "agreement"], [
                .element("h2", text: "Against the agreement"),
                .element("p", text: "Terms from \(terms.path). \(ReportPage.count(outside, "customer")) had monthly totals outside an agreed band in more than half of the months (the reason outside-agreement, for those not already unreliable). "
                         + "A month is in band when its total purchase was within the band around its total forecast. "
                         + (rows.count > shown ? "The first \(shown) of \(rows.count) bands, most months outside first; " : "")
                         + "agreement.csv has every band."),
                .element("table", ["class": "agreement"], [.element("thead", [:], [header]), .element("tbody", [:], body)]),
            ]))
        }
        return .group(sections)
    }

    static func number(_ text: String) -> Markup { .element("td", ["class": "num"], text: text) }

    static func percent(_ value: Double?, signed: Bool) -> String {
        guard let value else { return "-" }
        return (signed ? MetricsTable.signed(value) : NumberText.readable(value, decimals: 1)) + "%"
    }

    /// The customers' order on the page: as the tiers list them (most severe first), then by name.
    static func customerOrder(_ result: ReportResult) -> (String) -> Int {
        var rank: [String: Int] = [:]
        for (k, a) in result.assessments.enumerated() { rank[a.customer] = k }
        let names = Set(result.waterfalls.map(\.customer)).union(result.agreement.map(\.customer))
            .sorted { $0.precedesInByteOrder($1) }
        for name in names where rank[name] == nil { rank[name] = rank.count }
        return { rank[$0] ?? Int.max }
    }
}

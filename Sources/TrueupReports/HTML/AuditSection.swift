import Trueup

/// The join audit on the page: a month left open, the matched share, and the customers with the
/// most forecast nobody bought and the most purchases nobody forecast.
enum AuditSection {
    /// How many customers each of the two lists shows.
    static let listed = 10

    static func render(_ page: ReportPage) -> Markup {
        let result = page.result
        var children: [Markup] = [.element("h2", text: "The join audit")]
        if let month = AuditText.incompleteMonth(result) {
            children.append(.element("p", ["class": "incomplete-month"], text: month))
        }
        for note in AuditText.runNotes(result) { children.append(.element("p", ["class": "incomplete-month"], text: note)) }
        if let matched = AuditText.matchedShare(result) { children.append(.element("p", text: matched)) }
        let unscored = AuditText.withoutForecastAtLag(result)
        if unscored > 0, let lag = result.reportLag {
            children.append(.element("p", text: "\(ReportPage.count(unscored, "customer")) forecast only at other lags than \(lag): listed as insufficient-data (no-forecast-at-lag)."))
        }
        if let coverage = result.coverage {
            let unbought = coverage.rows.filter { $0.unboughtForecastUnits != 0 }
                .sorted { abs($0.unboughtForecastUnits) > abs($1.unboughtForecastUnits) }.prefix(listed)
            let unforecast = coverage.rows.filter { $0.unforecastActualUnits != 0 }
                .sorted { abs($0.unforecastActualUnits) > abs($1.unforecastActualUnits) }.prefix(listed)
            children.append(table("Most forecast never bought", Array(unbought), units: \.unboughtForecastUnits, of: \.forecastUnits, noun: "forecast"))
            children.append(table("Most bought never forecast", Array(unforecast), units: \.unforecastActualUnits, of: \.actualUnits, noun: "bought"))
        }
        return .element("section", ["class": "audit"], children)
    }

    static func table(_ title: String, _ rows: [CoverageRow], units: KeyPath<CoverageRow, Double>,
                      of total: KeyPath<CoverageRow, Double>, noun: String) -> Markup {
        guard !rows.isEmpty else { return .element("p", text: "\(title): none.") }
        return .element("div", [:], [
            .element("h3", text: title),
            .element("table", ["class": "audit-table"], [
                .element("thead", [:], [.element("tr", [:], [
                    .element("th", text: "Customer"), .element("th", ["class": "num"], text: "Units"),
                    .element("th", ["class": "num"], text: "of units \(noun)"), .element("th", text: "Look-alike in the other file"),
                ])]),
                .element("tbody", [:], rows.map { row in
                    .element("tr", [:], [
                        .element("td", text: row.customer),
                        .element("td", ["class": "num"], text: NumberText.readable(row[keyPath: units], decimals: 0)),
                        .element("td", ["class": "num"], text: NumberText.readable(row[keyPath: total], decimals: 0)),
                        .element("td", text: row.lookAlike ?? ""),
                    ])
                }),
            ]),
        ])
    }
}

import Trueup

/// report.html: the run as one self-contained page with SVG charts, for people who would rather look than read.
///
/// Sections: the headline (the book's accuracy and bias, the tiers, and with a history the change
/// since the previous run), the bias-against-error scatter and the trailing-twelve-month trend,
/// the flagged customers with their evidence, and the run itself (options, inputs, row
/// accounting). Grouped by item, the tier parts say that tiers are per customer.
///
/// The page has no script, no external font, image or style sheet, and no timestamp: the
/// same run gives the same bytes, so two pages can be compared. Every name from the input
/// is escaped. The markup is also well-formed XML.
public enum ReportHTML {
    public static func render(_ result: ReportResult, version: String) -> String {
        let page = ReportPage(result)
        let body: [Markup] = [
            .element("main", [:], [
                HeadlineSection.render(page),
                chartsSection(page),
                FlaggedSection.render(page),
                AgreementSection.render(page),
                AuditSection.render(page),
                RunSection.render(page, version: version),
            ]),
        ]
        let html = Markup.element("html", ["lang": "en"], [
            .element("head", [:], [
                .element("meta", ["charset": "utf-8"]),
                .element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                .element("title", text: "Forecast accuracy, \(result.scoredMonthsLabel(lag: result.reportLag))"),
                .element("style", [:], [.text(ReportStyle.css)]),
            ]),
            .element("body", [:], body),
        ])
        return "<!DOCTYPE html>\n" + html.rendered() + "\n"
    }

    static func chartsSection(_ page: ReportPage) -> Markup {
        var figures: [Markup] = []
        if page.tiered {
            let lag = page.lag.map(String.init) ?? "-"
            figures.append(.element("figure", [:], [
                .element("figcaption", [:], [
                    .text("Who is off, and which way "),
                    .element("span", ["class": "muted"], text: "each customer at lag \(lag): bias against weighted error\(page.priced ? ", dot area by sales value" : ""). Dashed lines: watch thresholds; solid: unreliable (for bias, only when it persists month after month: sign test p < \(NumberText.exact(page.result.request.policy.unreliableSignTestP)))"),
                ]),
                TierScatter.render(page.result.assessments, policy: page.result.request.policy, byValue: page.priced),
            ]))
        }
        if let trend = page.trend {
            figures.append(.element("figure", [:], [
                .element("figcaption", [:], [
                    .text("The whole book over time "),
                    .element("span", ["class": "muted"], text: "every \(page.groupNoun) together, trailing \(trend.width) months"),
                ]),
                TrendChart.render(trend),
            ]))
        }
        var children: [Markup] = [.element("h2", text: "At a glance")]
        if !page.tiered {
            children.append(.element("p", ["class": "muted"],
                                     text: "Tiers are per customer: this report is grouped by \(page.result.request.grouping.rawValue), so there is no tier scatter. Run with --by customer to tier customers."))
        }
        if figures.isEmpty {
            children.append(.element("p", ["class": "muted"], text: "Nothing was scored in this window, so there is nothing to chart."))
        } else {
            children.append(.element("div", ["class": "charts"], figures))
        }
        return .element("section", ["class": "charts-section"], children)
    }
}

/// What every section of the page needs, worked out once.
struct ReportPage {
    var result: ReportResult
    /// The lag the page's figures are at: the report lag.
    var lag: Int?
    var book: BookTotals?
    var trend: BookTrend?
    /// Grouped by customer, so the page shows tiers.
    var tiered: Bool
    /// Prices were given: the page shows money too.
    var priced: Bool { result.prices != nil }
    /// The book's money at the report lag, with prices.
    var bookValue: BookValue? { lag.flatMap { BookValue(result.rows, lag: $0) } }
    /// The monthly totals from the trend's matrices of each customer the flagged table shows, by name.
    var monthly: [String: [WindowTotals]]

    init(_ result: ReportResult) {
        self.result = result
        lag = result.reportLag
        tiered = result.request.grouping == .customer
        var monthly: [String: [WindowTotals]] = [:]
        book = result.book
        trend = result.trend
        if tiered, let trend = result.trend {
            // Only the customers with a row of evidence get a sparkline: not a million arrays for a book of a million.
            let shown = Set(result.assessments.lazy.filter { $0.tier.isFlagged }.prefix(FlaggedSection.flaggedShown).map(\.customer))
            for row in result.rows where row.lag == lag {
                if let customer = row.customer, shown.contains(customer) {
                    monthly[customer] = BookTrend.monthly(row.periods, months: trend.months, scale: result.scale)
                }
            }
        }
        self.monthly = monthly
    }

    /// What one group is called: customer, item or customer-item.
    var groupNoun: String {
        switch result.request.grouping {
        case .customer: return "customer"
        case .item: return "item"
        case .customerItem: return "customer-item"
        }
    }

    /// How many customers landed in each tier, most severe first; unscored only when there are some.
    var tierCounts: [(tier: Tier, count: Int)] {
        Tier.allCases.map { tier in (tier, result.assessments.count(where: { $0.tier == tier })) }
            .filter { $0.tier != .unscored || $0.count > 0 }
    }

    /// "12", "1,204".
    static func count(_ n: Int) -> String { NumberText.readable(Double(n), decimals: 0) }

    /// "3 customers", "1 customer".
    static func count(_ n: Int, _ noun: String) -> String { "\(count(n)) \(noun)\(n == 1 ? "" : "s")" }
}

import Trueup

/// The customers a planner acts on (watch and unreliable), each with its evidence,
/// then every customer in a table that opens on request.
enum FlaggedSection {
    /// At most this many flagged customers get a row with evidence, the most severe and costly
    /// first: a meeting reads the top of the list, and a page of thousands would not open in an email.
    static let flaggedShown = 100
    /// At most this many rows in the table of every customer; flags.csv has them all.
    static let everyoneShown = 2_000

    static func render(_ page: ReportPage) -> Markup {
        let result = page.result
        guard page.tiered else {
            return .element("section", ["class": "flagged-section"], [
                .element("h2", text: "Flagged customers"),
                .element("p", ["class": "muted"],
                         text: "Tiers are per customer and this report is grouped by \(result.request.grouping.rawValue): no customer is tiered here."),
            ])
        }
        let lag = page.lag.map(String.init) ?? "-"
        // Counted, and only the rows shown copied: a book of a million customers may have most of them flagged.
        let flaggedCount = result.assessments.count(where: { $0.tier.isFlagged })
        let flagged = result.assessments.lazy.filter { $0.tier.isFlagged }.prefix(flaggedShown)
        var children: [Markup] = [.element("h2", text: "Flagged customers")]
        if flaggedCount == 0 {
            children.append(.element("p", ["class": "muted"], text: "No customer is flagged at lag \(lag)."))
        } else {
            let shown = flaggedCount > flaggedShown
                ? " Showing the first \(flaggedShown) of \(ReportPage.count(flaggedCount)) flagged customers; flags.csv lists them all."
                : ""
            children.append(.element("p", ["class": "muted"],
                                     text: "Unreliable first, then watch; within a tier, the largest share of the book's \(page.priced ? "error in money (absolute error × price)" : "absolute error") first. Figures at lag \(lag).\(shown)"))
            let header = Markup.element("tr", [:], [
                .element("th", text: "Customer"), .element("th", text: "Tier"),
                .element("th", ["class": "num"], text: "Bias %"), .element("th", ["class": "num"], text: "wMAPE %"),
                .element("th", ["class": "num"], text: "FVA pts"), .element("th", ["class": "num"], text: "Months"),
            ] + shareHeaders(page) + [
                .element("th", [:], [
                    .text("Month by month "),
                    .element("span", ["class": "spark-key"], [
                        .text("("), .element("span", ["class": "key-actual"], text: "dark"), .text(": actual; coloured: forecast)"),
                    ]),
                ]),
                .element("th", text: "Why"),
            ])
            children.append(.element("table", ["class": "flagged"], [
                .element("thead", [:], [header]),
                .element("tbody", [:], Array(flagged).map { row($0, page: page) }),
            ]))
        }
        children.append(everyone(page))
        return .element("section", ["class": "flagged-section"], children)
    }

    static func row(_ a: Assessment, page: ReportPage) -> Markup {
        let track = page.result.history?.customers[a.customer]
        var name: [Markup] = [.element("span", ["class": "customer-name"], text: a.customer)]
        if let full = a.customerName { name.append(.element("span", ["class": "customer-fullname"], text: full)) }
        if track?.newlyFlagged == true {
            name.append(.element("span", ["class": "new-mark", "title": "flagged in this run, not in the previous one"], text: "new"))
        }
        let f = a.figures
        var history: [Markup] = []
        if let track, let comparison = page.result.history {
            let line = historyLine(a, track: track, runs: comparison.runs, hasPrevious: comparison.previous != nil)
            if !line.isEmpty { history.append(.element("div", ["class": "history"], text: line)) }
        }
        let reasons = a.reasons.map { Markup.element("span", ["class": "reason"], text: $0.rawValue) }
        let spark: Markup = page.monthly[a.customer].map {
            Sparkline.render($0, customer: a.customer, color: TierColors.hex(a.tier))
        } ?? .text("–")
        return .element("tr", ["class": "flagged-row tier-\(a.tier.rawValue)", "data-customer": a.customer], [
            .element("td", [:], name),
            .element("td", [:], [.element("span", ["class": "pill tier-\(a.tier.rawValue)"], text: TierColors.label(a.tier))]),
            .element("td", ["class": "num"], text: MetricsTable.signed(f.biasPct)),
            .element("td", ["class": "num"], text: NumberText.readable(f.wmape, decimals: 1)),
            .element("td", ["class": "num", "title": a.benchmark.map(BenchmarkText.against) ?? ""],
                     text: MetricsTable.signed(a.benchmarkFvaPts)),
            .element("td", ["class": "num"], text: String(f.periods)),
        ] + shareCells(a, page) + [
            .element("td", [:], [spark]),
            .element("td", ["class": "explanation"], reasons + [.text(a.explanation)] + history),
        ])
    }

    /// The share of the error, or with prices the money per customer and the share of the error's value.
    static func shareHeaders(_ page: ReportPage) -> [Markup] {
        guard page.priced else { return [.element("th", ["class": "num"], text: "Error share %")] }
        let currency = page.result.request.currency
        return [
            .element("th", ["class": "num", "title": "forecast that was not bought, at cost"], text: MoneyText.header("Excess stock at cost", currency)),
            .element("th", ["class": "num", "title": "purchases that were not forecast, at price"], text: MoneyText.header("Sales at risk", currency)),
            .element("th", ["class": "num"], text: "Error value share %"),
        ]
    }

    static func shareCells(_ a: Assessment, _ page: ReportPage) -> [Markup] {
        guard page.priced else { return [.element("td", ["class": "num"], text: NumberText.readable(a.errorSharePct, decimals: 1))] }
        return [
            .element("td", ["class": "num"], text: MoneyText.amount(a.figures.value?.excessCost, nil)),
            .element("td", ["class": "num"], text: MoneyText.amount(a.figures.value?.shortfallValue, nil)),
            .element("td", ["class": "num"], text: NumberText.readable(a.errorValueSharePct, decimals: 1)),
        ]
    }

    /// "was trusted: wMAPE 20.1% → 34.5%, bias +5.0% → +12.0% · unreliable 4 of last 6 runs".
    static func historyLine(_ a: Assessment, track: CustomerTrack, runs: Int, hasPrevious: Bool) -> String {
        var parts: [String] = []
        if hasPrevious {
            if let before = track.previousTier {
                var change = before == a.tier ? "\(TierColors.label(before)) before too" : "was \(TierColors.label(before))"
                var moves: [String] = []
                if let then = track.previousWmape, let now = a.figures.wmape {
                    moves.append("wMAPE \(NumberText.readable(then, decimals: 1))% → \(NumberText.readable(now, decimals: 1))%")
                }
                if let then = track.previousBiasPct, let now = a.figures.biasPct {
                    moves.append("bias \(MetricsTable.signed(then))% → \(MetricsTable.signed(now))%")
                }
                if !moves.isEmpty { change += ": " + moves.joined(separator: ", ") }
                parts.append(change)
            } else {
                parts.append("not in the previous run")
            }
        }
        if runs > 1 {
            let tier = a.tier == .unreliable ? "unreliable" : "flagged"
            parts.append("\(tier) \(track.runsAtLeastAsSevere) of last \(runs) runs")
        }
        return parts.joined(separator: " · ")
    }

    /// Every customer's tier and key figures, folded away until asked for.
    static func everyone(_ page: ReportPage) -> Markup {
        let assessments = page.result.assessments
        let header = Markup.element("tr", [:], [
            .element("th", text: "Customer"), .element("th", text: "Tier"),
            .element("th", ["class": "num"], text: "Months"), .element("th", ["class": "num"], text: "Actual"),
            .element("th", ["class": "num"], text: "Forecast"), .element("th", ["class": "num"], text: "Bias %"),
            .element("th", ["class": "num"], text: "wMAPE %"), .element("th", ["class": "num"], text: "FVA pts"),
        ] + shareHeaders(page))
        let rows = assessments.prefix(everyoneShown).map { a -> Markup in
            let f = a.figures
            return .element("tr", [:], [
                .element("td", text: a.customerName.map { "\(a.customer) · \($0)" } ?? a.customer),
                .element("td", [:], [.element("span", ["class": "pill tier-\(a.tier.rawValue)"], text: TierColors.label(a.tier))]),
                .element("td", ["class": "num"], text: String(f.periods)),
                .element("td", ["class": "num"], text: NumberText.readable(f.actual, decimals: 0)),
                .element("td", ["class": "num"], text: NumberText.readable(f.forecast, decimals: 0)),
                .element("td", ["class": "num"], text: MetricsTable.signed(f.biasPct)),
                .element("td", ["class": "num"], text: NumberText.readable(f.wmape, decimals: 1)),
                .element("td", ["class": "num", "title": a.benchmark.map(BenchmarkText.against) ?? ""],
                         text: MetricsTable.signed(a.benchmarkFvaPts)),
            ] + shareCells(a, page))
        }
        return .element("details", ["class": "everyone"], [
            .element("summary", text: assessments.count > everyoneShown
                ? "Every customer (\(ReportPage.count(assessments.count)); the first \(ReportPage.count(everyoneShown)) here, all in flags.csv)"
                : "Every customer (\(ReportPage.count(assessments.count)))"),
            .element("table", [:], [.element("thead", [:], [header]), .element("tbody", [:], rows)]),
        ])
    }
}

import Trueup

/// A one-page evidence sheet on one customer, in Markdown, for a conversation
/// about its supply agreement with someone outside the planning team.
///
/// Names come from the customer's own files: each is written through `MarkdownText`.
public enum BriefMarkdown {
    public static func render(_ view: CustomerView) -> String {
        let a = view.assessment
        let f = a.figures
        let report = view.report
        // The months this customer was scored in at this lag, not the window's ends.
        let months = view.row.scoredMonths?.description ?? "\(report.window.first) to \(report.window.last)"
        var out = "# Forecast accuracy: \(MarkdownText.escaped(a.customer))\(a.customerName.map { ", " + MarkdownText.escaped($0) } ?? "")\n\n"
        out += "Forecasts made \(a.lag) \(a.lag == 1 ? "month" : "months") ahead, for \(f.periods) months from \(months).\n\n"
        out += BriefNotes.markdown(report)
        out += "## In short\n\n"
        out += "**\(verdict(a))** \(a.explanation)\n\n"
        out += "## The numbers\n\n"
        out += "| | | what it means |\n| --- | ---: | --- |\n"
        out += "| Forecast | \(NumberText.readable(f.forecast, decimals: 0)) | units forecast over these months |\n"
        out += "| Bought | \(NumberText.readable(f.actual, decimals: 0)) | units actually bought |\n"
        if let bias = f.biasPct {
            let direction = bias >= 0 ? "more" : "less"
            out += "| Bias | \(MetricsTable.signed(bias))% | forecast \(Words.percent(abs(bias))) \(direction) than was bought |\n"
        }
        if let wmape = f.wmape {
            out += "| Weighted error (wMAPE) | \(NumberText.readable(wmape, decimals: 1))% | the misses, in either direction, as a share of what was bought |\n"
        }
        if let naive = f.naiveWmape {
            let back = max(a.lag, 1)
            out += "| Naive forecast's error | \(NumberText.readable(naive, decimals: 1))% | had the forecast simply repeated what was bought \(back == 1 ? "the month before" : "\(back) months before") |\n"
        }
        if let seasonal = f.seasonalNaiveWmape {
            out += "| Same month last year's error | \(NumberText.readable(seasonal, decimals: 1))% | had the forecast repeated what was bought in the same month \(Benchmark.seasonalNaive.monthsBack(lag: a.lag) == 12 ? "a year" : "\(Benchmark.seasonalNaive.monthsBack(lag: a.lag) / 12) years") before |\n"
        }
        if let benchmark = a.benchmark, let fva = a.benchmarkFvaPts {
            let than = "than \(Words.benchmark(benchmark, lag: a.lag))"
            out += "| Value added | \(MetricsTable.signed(fva)) points | \(fva >= 0 ? "how much more accurate the forecast was \(than)" : "how much less accurate the forecast was \(than)") |\n"
        }
        out += "| Months high / low | \(f.overPeriods) / \(f.underPeriods) | months in which the forecast was above / below what was bought |\n"
        if let share = a.errorSharePct {
            out += "| Share of all forecast error | \(NumberText.readable(share, decimals: 1))% | of the absolute error of every customer's forecasts at this horizon |\n"
        }
        out += money(view)
        out += "\n## Month by month\n\n"
        out += "| month | forecast | bought | difference | difference % |\n| --- | ---: | ---: | ---: | ---: |\n"
        for p in a.periods {
            let pct = p.biasPct.map { MetricsTable.signed($0) + "%" } ?? "-"
            out += "| \(p.month) | \(NumberText.readable(p.forecast, decimals: 0)) | \(NumberText.readable(p.actual, decimals: 0)) | \(signedQuantity(p.error)) | \(pct) |\n"
        }
        out += "\nDifference = forecast − bought: positive when more was forecast than bought.\n"
        let top = view.items.prefix(5)
        if !top.isEmpty {
            out += "\n## The items behind most of the error\n\n"
            // With prices, what each item's misses cost; "-" for an item without a price.
            let priced = report.prices != nil
            let currency = report.request.currency
            out += "| item | forecast | bought | bias | share of the error |"
                + (priced ? " \(MoneyText.header("stock at cost", currency)) | \(MoneyText.header("sales at risk", currency)) |" : "")
                + "\n| --- | ---: | ---: | ---: | ---: |" + (priced ? " ---: | ---: |" : "") + "\n"
            for item in top {
                let share = view.errorSharePct(of: item).map { NumberText.readable($0, decimals: 1) + "%" } ?? "-"
                let bias = item.figures.biasPct.map { MetricsTable.signed($0) + "%" } ?? "-"
                out += "| \(MarkdownText.escaped(item.item ?? "")) | \(NumberText.readable(item.figures.forecast, decimals: 0)) | \(NumberText.readable(item.figures.actual, decimals: 0)) | \(bias) | \(share) |"
                if priced {
                    out += " \(MoneyText.amount(item.figures.value?.excessCost, nil)) | \(MoneyText.amount(item.figures.value?.shortfallValue, nil)) |"
                }
                out += "\n"
            }
        }
        out += BriefAgreement.render(customer: a.customer, report: report)
        out += "\n---\nFrom \(MarkdownText.code(report.forecasts.path)) and \(MarkdownText.code(report.actuals.path)); the last month with actuals is \(report.lastClosed). "
        out += "Every figure is defined in trueup's metrics contract; error is forecast minus actual.\n"
        return out
    }

    /// With prices: what the errors cost, in one paragraph the account manager can say as it stands.
    static func money(_ view: CustomerView) -> String {
        guard view.report.prices != nil, let v = view.assessment.figures.value else { return "" }
        let f = view.assessment.figures
        let currency = view.report.request.currency
        let span = "over these \(f.periods) \(f.periods == 1 ? "month" : "months")"
        var out = "\n## What the errors cost\n\n"
        guard v.pricedCells > 0 else {
            return out + "None of these item-months has a price in \(MarkdownText.code(view.report.prices?.path ?? "")), so the errors are not valued.\n"
        }
        out += "Your over-forecasts left us \(MoneyText.amount(v.excessCost, currency)) of stock at cost \(span), "
        out += "and your under-forecasts put \(MoneyText.amount(v.shortfallValue, currency)) of sales at risk."
        if let wmape = v.valueWmape {
            out += " Weighted by value, the forecast missed by \(Words.percent(wmape)) of what was bought"
            if let fva = v.valueFva {
                out += fva >= 0
                    ? "; against simply repeating past purchases it saved \(MoneyText.amount(fva, currency))"
                    : "; simply repeating past purchases would have missed \(MoneyText.amount(-fva, currency)) less"
            }
            out += "."
        }
        out += "\n"
        if v.pricedCells < f.cells {
            out += "\n\(f.cells - v.pricedCells) of the \(f.cells) item-months have no price and are left out of these amounts, not valued at 0.\n"
        }
        out += "\nStock at cost: forecast that was not bought, at unit cost (the price where no cost is given). Sales at risk: purchases that were not forecast, at price.\n"
        return out
    }

    private static func verdict(_ a: Assessment) -> String {
        switch a.tier {
        case .unreliable: return "Unreliable: these forecasts should not be taken at face value."
        case .watch: return "Watch: usable, with a problem worth raising."
        case .insufficientData: return "Not enough history to judge yet."
        case .trusted: return "Trusted: these forecasts have been accurate."
        case .unscored where a.reasons.contains(.unitsMismatch):
            return "Unscored: this customer's forecast and actuals look like different units, so these figures can't be judged."
        case .unscored: return "Unscored: this customer bought in the window but never forecast, so there is nothing to score."
        }
    }

    private static func signedQuantity(_ value: Double) -> String {
        let text = NumberText.readable(value, decimals: 0)
        return value >= 0.5 ? "+" + text : text
    }
}

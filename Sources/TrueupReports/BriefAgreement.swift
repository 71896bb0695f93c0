import Trueup

/// The brief's sections on late revisions and the supply agreement.
enum BriefAgreement {
    /// "Forecast by lag" (the like-for-like waterfall and whether the late revisions helped) and
    /// "Against the agreement" (each band: months and item-months in it, units outside, revisions beyond the limit).
    static func render(customer: String, report: ReportResult) -> String {
        var out = ""
        if let waterfall = report.waterfalls.first(where: { $0.customer == customer }), waterfall.cells > 0 {
            out += "\n## Forecast by lag, like for like\n\n"
            out += "The same \(waterfall.cells) item-months, each forecast at every lag, as the month came closer:\n\n"
            out += "| lag | forecast | bias | wMAPE |\n| ---: | ---: | ---: | ---: |\n"
            for step in waterfall.steps {
                out += "| \(step.lag) | \(NumberText.readable(step.forecast, decimals: 0)) | \(step.biasPct.map { MetricsTable.signed($0) + "%" } ?? "-") | \(step.wmape.map { NumberText.readable($0, decimals: 1) + "%" } ?? "-") |\n"
            }
            out += "| bought | \(NumberText.readable(waterfall.actual, decimals: 0)) | | |\n"
            if let from = waterfall.steps.first?.lag, let to = waterfall.steps.last?.lag,
               let row = report.stability.first(where: { $0.customer == customer && $0.fromLag == from && $0.toLag == to }) {
                out += "\n" + AgreementText.revisionSentence(row) + "\n"
            }
        }
        guard let terms = report.request.agreements else { return out }
        out += "\n## Against the agreement\n\n"
        let rows = report.agreement.filter { $0.customer == customer }
        guard !rows.isEmpty else { return out + "No terms for \(MarkdownText.escaped(customer)) in the agreements.\n" }
        if rows[0].band.customer == AgreementTerms.everyone { out += "\(MarkdownText.escaped(customer)) has no terms of its own; the default terms (`*`) apply.\n\n" }
        // With --prices, the units short of and beyond the band at the customer's prices too.
        let priced = rows.contains { $0.figures.value != nil }
        let currency = report.request.currency.map(MarkdownText.escaped)
        out += "| lag | agreed band | months in band | item-months in band | bought short of the band | bought beyond the band |"
        out += priced ? " \(MoneyText.header("short of the band at price", currency)) | \(MoneyText.header("beyond the band at price", currency)) |\n" : "\n"
        out += "| ---: | --- | ---: | ---: | ---: | ---: |" + (priced ? " ---: | ---: |\n" : "\n")
        for row in rows {
            let f = row.figures
            out += "| \(row.band.lag) | \(AgreementText.band(row.band.underPct, row.band.overPct)) | \(f.periodsInBand) of \(f.periods) "
            out += "| \(f.cellsInBand) of \(f.cells) | \(AgreementText.units(f.unitsBelowBand, f.belowBandPct, of: "forecast")) "
            out += "| \(AgreementText.units(f.unitsAboveBand, f.aboveBandPct, of: "bought")) |"
            out += priced ? " \(MoneyText.amount(f.value?.belowBandValue, nil)) | \(MoneyText.amount(f.value?.aboveBandValue, nil)) |\n" : "\n"
        }
        for row in rows {
            guard let limit = row.band.revisionLimit, let r = row.revision else { continue }
            out += "\nForecasts may change by at most \(Words.number(limit.limitPct))% from lag \(limit.fromLag) to lag \(limit.toLag): "
            out += "\(r.violations) of \(r.cells) item-months changed by more, \(NumberText.readable(r.excessUnits, decimals: 0)) units beyond the limit.\n"
        }
        out += "\nA month is in band when what was bought is within the band around what was forecast; terms from `\(terms.path)`.\n"
        return out
    }
}

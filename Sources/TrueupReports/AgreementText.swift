import Trueup

/// What `trueup agreement` prints: one customer's terms and how it did, its late revisions, and the terms to propose.
public enum AgreementText {
    public static func render(_ view: AgreementView, agreementsPath: String?) -> String {
        let report = view.report
        var out = "\(view.customer), \(report.window.first) to \(report.window.last)"
        if let a = view.assessment { out += ": \(a.tier.rawValue) at lag \(a.lag)" + (a.reasons.isEmpty ? "" : " (\(a.reasons.map(\.rawValue).joined(separator: ", ")))") }
        out += "\n\n"
        if let path = agreementsPath {
            if view.terms.isEmpty {
                out += "Current terms: none for \(view.customer) in \(path).\n\n"
            } else {
                let source = view.termsAreDefault ? "the * rows of \(path)" : "\(path)"
                out += "Current terms (\(source)) and how \(view.customer) did:\n"
                out += MetricsTable.align([["lag", "band", "months in band", "item-months in band", "units below band", "units above band"]]
                    + view.terms.map { row in
                        let f = row.figures
                        return [String(row.band.lag), band(row.band.underPct, row.band.overPct), "\(f.periodsInBand) of \(f.periods)",
                                "\(f.cellsInBand) of \(f.cells) (\(NumberText.readable(f.inBandPct, decimals: 1))%)",
                                units(f.unitsBelowBand, f.belowBandPct, of: "forecast"), units(f.unitsAboveBand, f.aboveBandPct, of: "actual")]
                    }, leftAligned: 2).indented
                for row in view.terms {
                    guard let limit = row.band.revisionLimit, let r = row.revision else { continue }
                    out += "  Revision limit \(Words.number(limit.limitPct))% from lag \(limit.fromLag) to lag \(limit.toLag): "
                    out += "\(r.violations) of \(r.cells) item-months changed by more, \(NumberText.readable(r.excessUnits, decimals: 1)) units beyond the limit.\n"
                }
                out += "\n"
            }
        } else {
            out += "Current terms: none given (--agreements FILE measures the customer against its agreement).\n\n"
        }
        if let waterfall = view.waterfall, waterfall.cells > 0 {
            out += "Forecast by lag on the same \(waterfall.cells) item-months (forecast at every lag):\n"
            out += MetricsTable.align([["lag", "forecast", "bias %", "wMAPE %"]] + waterfall.steps.map {
                [String($0.lag), NumberText.readable($0.forecast, decimals: 0), MetricsTable.signed($0.biasPct), NumberText.readable($0.wmape, decimals: 1)]
            } + [["actual", NumberText.readable(waterfall.actual, decimals: 0), "", ""]], leftAligned: 1).indented
            if let first = view.stability.last(where: { $0.toLag == waterfall.steps.last?.lag && $0.fromLag == waterfall.steps.first?.lag }) {
                out += "  " + revisionSentence(first) + "\n"
            }
            out += "\n"
        }
        if view.proposals.isEmpty {
            out += "Proposed terms: none (no item-month with a forecast above 0).\n"
        } else {
            let coverage = Words.number(view.proposals[0].coverage)
            out += "Proposed terms (the band that held for \(coverage)% of item-months with a forecast) and what they would have meant:\n"
            out += MetricsTable.align([["lag", "band", "months in band", "item-months in band", "units below band", "units above band"]]
                + view.proposals.map { p in
                    let f = p.figures
                    return [String(p.lag), band(p.underPct, p.overPct), "\(f.periodsInBand) of \(f.periods)",
                            "\(f.cellsInBand) of \(f.cells) (\(NumberText.readable(f.inBandPct, decimals: 1))%)",
                            units(f.unitsBelowBand, f.belowBandPct, of: "forecast"), units(f.unitsAboveBand, f.aboveBandPct, of: "actual")]
                }, leftAligned: 2).indented
        }
        return out
    }

    /// "-12.5% / +8.0%".
    static func band(_ under: Double, _ over: Double) -> String {
        "-\(NumberText.readable(under, decimals: 1))% / +\(NumberText.readable(over, decimals: 1))%"
    }

    static func units(_ value: Double, _ pct: Double?, of what: String) -> String {
        "\(NumberText.readable(value, decimals: 0)) (\(NumberText.readable(pct, decimals: 1))% of \(what))"
    }

    /// "Between lag 3 and lag 1 the forecasts were cut by 24% net; wMAPE 41.2% -> 12.0% (revision FVA +29.2 points)."
    public static func revisionSentence(_ row: StabilityRow) -> String {
        let net = row.netRevisionPct ?? 0
        let direction = net < 0 ? "cut by \(Words.percent(-net)) net" : (net > 0 ? "raised by \(Words.percent(net)) net" : "unchanged net")
        var text = "From lag \(row.fromLag) to lag \(row.toLag) the forecasts were \(direction)"
        if let from = row.wmapeFrom, let to = row.wmapeTo, let fva = row.revisionFvaPts {
            text += "; wMAPE \(NumberText.readable(from, decimals: 1))% -> \(NumberText.readable(to, decimals: 1))%, so the late revisions "
            text += fva > 0 ? "helped (revision FVA \(Words.signedPoints(fva)))" : (fva < 0 ? "hurt (revision FVA \(Words.signedPoints(fva)))" : "changed nothing")
        }
        return text + "."
    }

    public static func json(_ view: AgreementView) -> JSONValue {
        .object([
            ("customer", .string(view.customer)),
            ("window", .object([("from", .string(view.report.window.first.description)), ("to", .string(view.report.window.last.description))])),
            ("tier", view.assessment.map { .string($0.tier.rawValue) } ?? .null),
            ("lag", view.assessment.map { .integer($0.lag) } ?? .null),
            ("terms", AgreementCSV.value(view.terms)),
            ("stability", StabilityCSV.value(view.stability)),
            ("proposals", ProposalColumns.value(view.proposals)),
        ])
    }
}

extension String {
    /// Every line indented by two spaces.
    var indented: String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}

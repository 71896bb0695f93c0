import Trueup

/// What `trueup agreement` prints: one customer's terms and how it did, its late revisions, and the terms to propose.
public enum AgreementText {
    public static func render(_ view: AgreementView, agreementsPath: String?) -> String {
        let report = view.report
        // The code and the path come from strangers' files and arguments: shown escaped, never raw.
        let customer = TerminalText.escaped(view.customer)
        let agreementsPath = agreementsPath.map(TerminalText.escaped)
        // The months this customer was scored in (at its tier's lag when tiered), not the window's ends.
        let scored = ScoredMonths(report.rows.filter { $0.customer == view.customer && (view.assessment == nil || $0.lag == view.assessment?.lag) })
        var out = "\(customer), \(scored?.description ?? "\(report.window.first) to \(report.window.last)")"
        if let a = view.assessment { out += ": \(a.tier.rawValue) at lag \(a.lag)" + (a.reasons.isEmpty ? "" : " (\(a.reasons.map(\.rawValue).joined(separator: ", ")))") }
        out += "\n\n"
        if let path = agreementsPath {
            if view.terms.isEmpty {
                out += "Current terms: none for \(customer) in \(path).\n\n"
            } else {
                let source = view.termsAreDefault ? "the * rows of \(path)" : "\(path)"
                out += "Current terms (\(source)) and how \(customer) did:\n"
                out += bandTable(view.terms.map { ($0.band.lag, $0.band.underPct, $0.band.overPct, $0.figures) }, currency: report.request.currency)
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
            out += bandTable(view.proposals.map { ($0.lag, $0.underPct, $0.overPct, $0.figures) }, currency: report.request.currency)
            out += fairness(view.proposals, customer: customer)
        }
        return out
    }

    /// The customer's bias beside each proposal; where it is material and persistent, the band around
    /// an unbiased forecast too, and which of the two protects whom.
    static func fairness(_ proposals: [ProposedTerms], customer: String) -> String {
        var out = ""
        for p in proposals {
            guard let bias = p.biasPct else { continue }
            let direction = bias > 0 ? "above" : "below"
            out += "  Lag \(p.lag): \(customer) forecast \(Words.percent(abs(bias))) \(direction) what it bought"
            guard p.biasIsSignificant, let under = p.unbiasedUnderPct, let over = p.unbiasedOverPct else {
                out += bias == 0 || !p.biasIsSignificant ? ", not a persistent bias: the band above is fair to both sides.\n" : ".\n"
                continue
            }
            out += ", month after month. The band above builds that bias in: "
            out += bias > 0
                ? "it lets \(customer) buy up to \(Words.percent(p.underPct)) less than it forecasts, so the supplier carries the stock it over-forecasts. "
                : "it lets \(customer) buy up to \(Words.percent(p.overPct)) more than it forecasts, so the supplier must cover demand it was never told of. "
            out += "Around a forecast without the bias the band is \(band(under, over)): it holds \(customer) to what it forecasts "
            out += "and protects the supplier; the band above protects \(customer).\n"
        }
        return out
    }

    /// The bands as a table: months and item-months in band, units below and above it, and with
    /// `--prices` those units at price, then a line on the item-months left out of the money.
    static func bandTable(_ bands: [(lag: Int, under: Double, over: Double, figures: BandFigures)], currency: String?) -> String {
        let priced = bands.contains { $0.figures.value != nil }
        var header = ["lag", "band", "months in band", "item-months in band", "units below band", "units above band"]
        if priced { header += [MoneyText.header("below band at price", currency), MoneyText.header("above band at price", currency)] }
        var out = MetricsTable.align([header] + bands.map { b in
            let f = b.figures
            var line = [String(b.lag), band(b.under, b.over), "\(f.periodsInBand) of \(f.periods)",
                        "\(f.cellsInBand) of \(f.cells) (\(NumberText.readable(f.inBandPct, decimals: 1))%)",
                        units(f.unitsBelowBand, f.belowBandPct, of: "forecast"), units(f.unitsAboveBand, f.aboveBandPct, of: "actual")]
            if priced { line += [MoneyText.amount(f.value?.belowBandValue, nil), MoneyText.amount(f.value?.aboveBandValue, nil)] }
            return line
        }, leftAligned: 2).indented
        let unpriced = bands.compactMap { b -> String? in
            guard let v = b.figures.value, v.pricedCells < b.figures.cells else { return nil }
            return "\(b.figures.cells - v.pricedCells) of \(b.figures.cells) at lag \(b.lag)"
        }
        if !unpriced.isEmpty {
            out += "  Item-months without a price (\(unpriced.joined(separator: ", "))) count in the band but are left out of the money, never valued at 0.\n"
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

    /// The terms, stability rows and proposals; with `--prices` the bands' money columns too, and the currency label.
    public static func json(_ view: AgreementView) -> JSONValue {
        let priced = view.report.prices != nil
        var members: [(String, JSONValue)] = [
            ("customer", .string(view.customer)),
            ("window", .object([("from", .string(view.report.window.first.description)), ("to", .string(view.report.window.last.description))])),
            ("tier", view.assessment.map { .string($0.tier.rawValue) } ?? .null),
            ("lag", view.assessment.map { .integer($0.lag) } ?? .null),
            ("terms", AgreementCSV.value(view.terms, priced: priced)),
            ("stability", StabilityCSV.value(view.stability)),
            ("proposals", ProposalColumns.value(view.proposals, priced: priced)),
        ]
        if priced { members.append(("currency", view.report.request.currency.map(JSONValue.string) ?? .null)) }
        return .object(members)
    }
}

extension String {
    /// Every line indented by two spaces.
    var indented: String {
        split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }
}

import Trueup

/// The bottom of the page: the options, the policy, the inputs and where every input row went.
enum RunSection {
    static func render(_ page: ReportPage, version: String) -> Markup {
        let result = page.result
        let request = result.request
        var options: [(String, String)] = [
            ("Target months", result.scoredMonthsLabel(lag: page.lag) + " (scored)"),
            ("Window", "\(result.window.first) to \(result.window.last)"),
            ("Asked for", "--from \(request.from?.description ?? "(first month)") --to \(request.to?.description ?? "(last closed month)")"),
            ("First month with actuals", result.firstActual.description),
            ("Last closed month", result.lastClosed.description + (request.asOf != nil ? " (--as-of)" : openMonths(result))),
            ("Lags in the window", result.lags.isEmpty ? "none" : result.lags.map(String.init).joined(separator: ", ")),
            ("Lag kept", request.lag.map { "\($0) (--lag)" } ?? "every lag"),
            ("Report lag", page.lag.map(String.init) ?? "none"),
            ("Grouped by", request.grouping.rawValue),
            ("Bad rows", request.skipBadRows ? "left out and listed in rejects.csv (--skip-bad-rows)" : "stop the run"),
        ]
        if !request.columns.isEmpty {
            let named = request.columns.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }
            options.append(("Columns named", named.joined(separator: ", ")))
        }
        let policy = request.policy.settings.map { setting in
            switch setting.value {
            case .number(let number): return (setting.key, NumberText.exact(number))
            case .text(let text): return (setting.key, text)
            }
        }
        return .element("section", ["class": "run"], [
            .element("h2", text: "The run"),
            .element("div", ["class": "run-grid"], [
                .element("div", [:], [.element("h3", text: "Options"), keyValueTable(options, className: "options")]),
                .element("div", [:], [.element("h3", text: "Policy thresholds"), keyValueTable(policy, className: "policy")]),
            ]),
            .element("h3", text: "Inputs"),
            inputs(result),
            .element("h3", text: "Where every input row went"),
            accounting(result),
            .element("footer", [:], [
                .text("trueup \(version). Error is forecast − actual: a positive bias means more was forecast than bought. "
                      + "wMAPE = 100·Σ|error| / Σ|actual|; accuracy = 100 − wMAPE, at least 0; bias = 100·Σerror / Σactual; "
                      + "FVA: how many points of wMAPE the forecast beats its benchmark by: a naive repeat of past actuals, or the same month last year where that is more accurate."),
            ]),
        ])
    }

    /// Why months with actuals after the last closed one are open (empty when none is): the
    /// incomplete month's words as before, then any month cut off by day, stray months and gap months.
    static func openMonths(_ result: ReportResult) -> String {
        var reasons: [String] = []
        if let month = result.incompleteMonth { reasons.append("\(month.month) looked incomplete and is open") }
        if let month = result.cutOffMonth { reasons.append("\(month.month) was cut off by day and is open") }
        if !result.strayMonths.isEmpty {
            reasons.append("\(result.strayMonths.map(\.month.description).reversed().joined(separator: ", ")) looked stray and \(result.strayMonths.count == 1 ? "is" : "are") open")
        }
        if !result.gapMonths.isEmpty {
            reasons.append("\(result.gapMonths.map(\.description).joined(separator: ", ")) had no actuals and \(result.gapMonths.count == 1 ? "is" : "are") left out")
        }
        return reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")"
    }

    static func keyValueTable(_ pairs: [(String, String)], className: String) -> Markup {
        .element("table", ["class": className], [
            .element("tbody", [:], pairs.map { key, value in
                .element("tr", [:], [.element("th", text: key), .element("td", text: value)])
            }),
        ])
    }

    static func inputs(_ result: ReportResult) -> Markup {
        func row(_ name: String, _ file: InputFile) -> Markup {
            .element("tr", [:], [
                .element("td", text: name),
                .element("td", ["class": "path"], text: file.path),
                .element("td", ["class": "num"], text: NumberText.readable(Double(file.bytes), decimals: 0)),
                .element("td", ["class": "hash"], text: file.sha256),
            ])
        }
        return .element("table", ["class": "inputs"], [
            .element("thead", [:], [.element("tr", [:], [
                .element("th", text: "File"), .element("th", text: "Path"), .element("th", ["class": "num"], text: "Bytes"),
                .element("th", text: "SHA-256"),
            ])]),
            .element("tbody", [:], [row("forecasts", result.forecasts), row("actuals", result.actuals)]),
        ])
    }

    static func accounting(_ result: ReportResult) -> Markup {
        let f = result.accounting.forecasts
        let a = result.accounting.actuals
        func cell(_ value: Int?) -> Markup {
            .element("td", ["class": "num"], text: value.map { ReportPage.count($0) } ?? "–")
        }
        let columns = ["read", "used", "open", "outside window", "unmatched", "rejected", "adds up"]
        return .element("table", ["class": "accounting"], [
            .element("thead", [:], [.element("tr", [:], [.element("th", text: "Rows")] + columns.map {
                Markup.element("th", ["class": "num"], text: $0)
            })]),
            .element("tbody", [:], [
                .element("tr", [:], [.element("th", text: "forecasts"), cell(f.read), cell(f.used), cell(f.open), cell(f.outsideWindow),
                                     cell(nil), cell(f.rejected), .element("td", ["class": "num"], text: f.addsUp ? "yes" : "no")]),
                .element("tr", [:], [.element("th", text: "actuals"), cell(a.read), cell(a.used), cell(a.open), cell(a.outsideWindow),
                                     cell(a.unmatched), cell(a.rejected), .element("td", ["class": "num"], text: a.addsUp ? "yes" : "no")]),
            ]),
        ])
    }
}

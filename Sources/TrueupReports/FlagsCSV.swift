import Trueup

/// flags.csv: every customer's tier at the report lag, with the evidence, most severe first.
public enum FlagsCSV {
    public static let columns = [
        "customer", "lag", "tier", "reasons", "explanation", "periods", "bias_pct", "wmape", "fva_pts",
        "sign_test_p", "tracking_signal", "error_share_pct",
    ]

    public static func render(_ assessments: [Assessment]) -> String {
        var out = CSVText.line(columns)
        for a in assessments {
            out += CSVText.line([
                a.customer, String(a.lag), a.tier.rawValue, a.reasons.map(\.rawValue).joined(separator: ";"), a.explanation,
                String(a.figures.periods), NumberText.exact(a.figures.biasPct), NumberText.exact(a.figures.wmape),
                NumberText.exact(a.figures.fvaPts), NumberText.exact(a.figures.signTestP),
                NumberText.exact(a.figures.trackingSignal), NumberText.exact(a.errorSharePct),
            ])
        }
        return out
    }

    /// The same rows as JSON objects keyed by the column names; reasons as a list.
    public static func value(_ assessments: [Assessment]) -> JSONValue {
        .array(assessments.map { a in
            .object([
                ("customer", .string(a.customer)), ("lag", .integer(a.lag)), ("tier", .string(a.tier.rawValue)),
                ("reasons", .array(a.reasons.map { .string($0.rawValue) })), ("explanation", .string(a.explanation)),
                ("periods", .integer(a.figures.periods)), ("bias_pct", .figure(a.figures.biasPct)),
                ("wmape", .figure(a.figures.wmape)), ("fva_pts", .figure(a.figures.fvaPts)),
                ("sign_test_p", .figure(a.figures.signTestP)), ("tracking_signal", .figure(a.figures.trackingSignal)),
                ("error_share_pct", .figure(a.errorSharePct)),
            ])
        })
    }
}

/// What `report --format json` prints: the metrics and, grouped by customer, the flags.
public enum ReportJSON {
    public static func value(_ result: ReportResult) -> JSONValue {
        var members: [(String, JSONValue)] = [("metrics", MetricsJSON.value(result.rows, grouping: result.request.grouping))]
        if result.request.grouping == .customer {
            members.append(("report_lag", result.reportLag.map { .integer($0) } ?? .null))
            members.append(("flags", FlagsCSV.value(result.assessments)))
        }
        return .object(members)
    }
}

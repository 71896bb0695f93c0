import Trueup

/// flags.csv: every customer's tier at the report lag, with the evidence, most severe first.
public enum FlagsCSV {
    public static let columns = [
        "customer", "lag", "tier", "reasons", "explanation", "periods", "bias_pct", "wmape", "fva_pts",
        "sign_test_p", "tracking_signal", "error_share_pct",
    ]

    /// The columns added after `columns` when the run was recorded in a history.
    public static let historyColumns = ["previous_tier", "wmape_change_pts", "bias_change_pts", "flagged_runs", "runs", "new_flag"]

    /// The rows; with `history`, each ends with the history columns.
    public static func render(_ assessments: [Assessment], history: RunComparison? = nil) -> String {
        var out = CSVText.line(columns + (history == nil ? [] : historyColumns))
        for a in assessments {
            var fields = [
                a.customer, String(a.lag), a.tier.rawValue, a.reasons.map(\.rawValue).joined(separator: ";"), a.explanation,
                String(a.figures.periods), NumberText.figure(a.figures.biasPct), NumberText.figure(a.figures.wmape),
                NumberText.figure(a.figures.fvaPts), NumberText.figure(a.figures.signTestP),
                NumberText.figure(a.figures.trackingSignal), NumberText.figure(a.errorSharePct),
            ]
            if let history {
                let change = HistoryChange(a, in: history)
                fields += [
                    change.track?.previousTier?.rawValue ?? "", NumberText.figure(change.wmapePts), NumberText.figure(change.biasPts),
                    String(change.track?.flaggedRuns ?? 0), String(history.runs), change.newlyFlagged ? "true" : "false",
                ]
            }
            out += CSVText.line(fields)
        }
        return out
    }

    /// The same rows as JSON objects keyed by the column names; reasons as a list.
    public static func value(_ assessments: [Assessment], history: RunComparison? = nil) -> JSONValue {
        .array(assessments.map { a in
            var members: [(String, JSONValue)] = [
                ("customer", .string(a.customer)), ("lag", .integer(a.lag)), ("tier", .string(a.tier.rawValue)),
                ("reasons", .array(a.reasons.map { .string($0.rawValue) })), ("explanation", .string(a.explanation)),
                ("periods", .integer(a.figures.periods)), ("bias_pct", .figure(a.figures.biasPct)),
                ("wmape", .figure(a.figures.wmape)), ("fva_pts", .figure(a.figures.fvaPts)),
                ("sign_test_p", .figure(a.figures.signTestP)), ("tracking_signal", .figure(a.figures.trackingSignal)),
                ("error_share_pct", .figure(a.errorSharePct)),
            ]
            if let history {
                let change = HistoryChange(a, in: history)
                members += [
                    ("previous_tier", change.track?.previousTier.map { .string($0.rawValue) } ?? .null),
                    ("wmape_change_pts", .figure(change.wmapePts)), ("bias_change_pts", .figure(change.biasPts)),
                    ("flagged_runs", .integer(change.track?.flaggedRuns ?? 0)), ("runs", .integer(history.runs)),
                    ("new_flag", .bool(change.newlyFlagged)),
                ]
            }
            return .object(members)
        })
    }
}

/// What `report --format json` prints: the metrics and, grouped by customer, the flags.
public enum ReportJSON {
    public static func value(_ result: ReportResult) -> JSONValue {
        var members: [(String, JSONValue)] = [("metrics", MetricsJSON.value(result.rows, grouping: result.request.grouping))]
        if result.request.grouping == .customer {
            members.append(("report_lag", result.reportLag.map { .integer($0) } ?? .null))
            if let history = result.history {
                members.append(("history", .object([
                    ("runs", .integer(history.runs)),
                    ("previous_as_of", history.previous.map { .string($0.asOf.description) } ?? .null),
                    ("previous_tiers", history.previous.map { run in
                        .object(Tier.allCases.map { ($0.rawValue, .integer(run.tierCounts[$0] ?? 0)) })
                    } ?? .null),
                ])))
            }
            members.append(("flags", FlagsCSV.value(result.assessments, history: result.history)))
        }
        return .object(members)
    }
}

import Trueup

/// run.json's `stray_months`, `cut_off_month`, `gap_months` and `low_coverage`: each only when the run has one,
/// so a run on clean data writes the same run.json as before these rules.
enum MonthAuditJSON {
    static func members(_ result: ReportResult) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = []
        if !result.strayMonths.isEmpty {
            members.append(("stray_months", .array(result.strayMonths.map { stray in
                .object([
                    ("month", .string(stray.month.description)),
                    ("rows", .integer(stray.rows)),
                    ("median_rows", .number(stray.medianRows)),
                    ("previous_month", .string(stray.previous.description)),
                    ("rows_at", .array(stray.month == result.strayMonths.first?.month
                        ? result.strayRows.map { .string($0.description) } : [])),
                ])
            })))
        }
        if let cutOff = result.cutOffMonth {
            members.append(("cut_off_month", .object([
                ("month", .string(cutOff.month.description)),
                ("latest_day", .integer(cutOff.latestDay)),
                ("earlier_months", .array(cutOff.earlier.map { .object([("month", .string($0.month.description)),
                                                                         ("latest_day", .integer($0.day))]) })),
            ])))
        }
        if !result.gapMonths.isEmpty {
            members.append(("gap_months", .array(result.gapMonths.map { .string($0.description) })))
        }
        if let low = result.lowCoverage {
            members.append(("low_coverage", .object([
                ("allowed", .bool(true)),
                ("matched_actual_share", .figure(low.matchedActualShare)),
                ("matched_forecast_share", .figure(low.matchedForecastShare)),
                ("threshold", .number(LowCoverage.threshold)),
            ])))
        }
        return members
    }
}

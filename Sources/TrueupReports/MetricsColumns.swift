import Trueup

/// The columns of metrics.csv, in METRICS.md's order, with how to write each.
public enum MetricsColumns {
    /// The figure columns after the group key.
    public static let figureNames = [
        "lag", "periods", "items", "cells", "actual", "forecast", "bias_pct", "wmape", "accuracy_pct", "mape",
        "mape_cells", "smape", "mae", "rmse", "me", "mase", "tracking_signal", "over_periods", "under_periods",
        "sign_test_p", "naive_wmape", "fva_pts",
    ]

    /// The group key columns: `customer`, `item`, or both.
    public static func keyNames(_ grouping: Grouping) -> [String] {
        switch grouping {
        case .customer: return ["customer"]
        case .item: return ["item"]
        case .customerItem: return ["customer", "item"]
        }
    }

    public static func names(_ grouping: Grouping) -> [String] { keyNames(grouping) + figureNames }

    static func keys(_ row: MetricsRow, _ grouping: Grouping) -> [String] {
        switch grouping {
        case .customer: return [row.customer ?? ""]
        case .item: return [row.item ?? ""]
        case .customerItem: return [row.customer ?? "", row.item ?? ""]
        }
    }

    /// One value per figure column: a count, a sum of quantities (exact), or a figure (10
    /// significant digits, nil when empty).
    enum Value {
        case integer(Int)
        case quantity(Double)
        case number(Double?)
    }

    static func values(_ row: MetricsRow) -> [Value] {
        let f = row.figures
        return [
            .integer(row.lag), .integer(f.periods), .integer(f.items), .integer(f.cells),
            .quantity(f.actual), .quantity(f.forecast), .number(f.biasPct), .number(f.wmape), .number(f.accuracyPct),
            .number(f.mape), .integer(f.mapeCells), .number(f.smape), .number(f.mae), .number(f.rmse), .number(f.me),
            .number(f.mase), .number(f.trackingSignal), .integer(f.overPeriods), .integer(f.underPeriods),
            .number(f.signTestP), .number(f.naiveWmape), .number(f.fvaPts),
        ]
    }
}

/// metrics.csv: a header, then one line per group and lag.
public enum MetricsCSV {
    public static func render(_ rows: [MetricsRow], grouping: Grouping) -> String {
        var out = CSVText.line(MetricsColumns.names(grouping))
        for row in rows {
            let figures = MetricsColumns.values(row).map { value -> String in
                switch value {
                case .integer(let n): return String(n)
                case .quantity(let x): return NumberText.quantity(x)
                case .number(let x): return NumberText.figure(x)
                }
            }
            out += CSVText.line(MetricsColumns.keys(row, grouping) + figures)
        }
        return out
    }
}

/// The metrics as a JSON array of objects keyed by metrics.csv's column names.
public enum MetricsJSON {
    public static func value(_ rows: [MetricsRow], grouping: Grouping) -> JSONValue {
        .array(rows.map { row in
            let keys = zip(MetricsColumns.keyNames(grouping), MetricsColumns.keys(row, grouping)).map { ($0, JSONValue.string($1)) }
            let figures = zip(MetricsColumns.figureNames, MetricsColumns.values(row)).map { name, value -> (String, JSONValue) in
                switch value {
                case .integer(let n): return (name, .integer(n))
                case .quantity(let x): return (name, .quantity(x))
                case .number(let x): return (name, .figure(x))
                }
            }
            return .object(keys + figures)
        })
    }
}

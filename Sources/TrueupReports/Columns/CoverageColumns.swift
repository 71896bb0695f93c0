import Trueup

/// The columns of coverage.csv: the join audit, one row per customer (METRICS.md, "Coverage").
public enum CoverageColumns {
    public static let table = ColumnTable<CoverageRow>([
        .init("customer", "The customer code as in the forecasts (as in the actuals when only they have it).") { .text($0.customer) },
        .init("in_forecasts", "true when the code appears in the forecasts in the window.") { .bool($0.inForecasts) },
        .init("in_actuals", "true when the code appears in the actuals in the window.") { .bool($0.inActuals) },
        .init("forecast_items", "Distinct items forecast (at any lag).") { .integer($0.forecastItems) },
        .init("actual_items", "Distinct items bought.") { .integer($0.actualItems) },
        .init("matched_items", "Distinct items both forecast and bought.") { .integer($0.matchedItems) },
        .init("forecast_units", "Total forecast at the report lag.") { .quantity($0.forecastUnits) },
        .init("unbought_forecast_units", "Forecast at the report lag for items this customer never bought in the window.") {
            .quantity($0.unboughtForecastUnits)
        },
        .init("actual_units", "Total actual.") { .quantity($0.actualUnits) },
        .init("unforecast_actual_units", "Actual for items this customer never forecast (at any lag) in the window.") {
            .quantity($0.unforecastActualUnits)
        },
        .init("look_alike", "A code in the other file that is this one without leading zeros, case, spaces and punctuation: probably the same customer spelled differently.") {
            .text($0.lookAlike)
        },
    ])
}

/// coverage.csv, and run.json's `coverage`: the book's matched shares and how many codes look alike.
public enum CoverageCSV {
    public static let summary = "The join audit: per customer, what was forecast and bought over the window, what only one file has, and codes that look alike."

    public static func render(_ coverage: Coverage, dialect: CSVOutputDialect = .plain) -> String {
        CoverageColumns.table.csv(coverage.rows, dialect: dialect)
    }

    /// The same text, each line written to `stream` as it is made.
    public static func render(_ coverage: Coverage, dialect: CSVOutputDialect = .plain, into stream: TextStream) {
        CoverageColumns.table.csv(coverage.rows, dialect: dialect, into: stream)
    }

    /// `lowCoverage`: with `--format json`, whether the book was scored under `--allow-low-coverage`
    /// (the key is there only then; run.json says so in `low_coverage`).
    public static func value(_ coverage: Coverage, lowCoverage: LowCoverage? = nil) -> JSONValue {
        .object([
            ("customers", .integer(coverage.rows.count)),
            ("customers_only_in_forecasts", .integer(coverage.rows.filter { $0.inForecasts && !$0.inActuals }.count)),
            ("customers_only_in_actuals", .integer(coverage.rows.filter { !$0.inForecasts && $0.inActuals }.count)),
            ("matched_actual_share", .figure(coverage.matchedActualShare)),
            ("matched_forecast_share", .figure(coverage.matchedForecastShare)),
            ("look_alike_customers", .integer(coverage.lookAlikes.customers.count)),
            ("look_alike_items", .integer(coverage.lookAlikes.items.count)),
        ] + (lowCoverage == nil ? [] : [("low_coverage_allowed", .bool(true))]))
    }
}

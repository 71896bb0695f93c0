import Trueup

/// The columns of metrics.csv (and of the metrics in `--format json`), in METRICS.md's order.
///
/// Adding a figure to metrics.csv is one entry in `figures`: its name, README.txt's sentence and
/// where its value comes from.
public enum MetricsColumns {
    /// The group key columns, then every figure.
    public static func table(_ grouping: Grouping) -> ColumnTable<MetricsRow> { keys(grouping) + figures }

    /// The group key: `customer`, `item`, or both.
    public static func keys(_ grouping: Grouping) -> ColumnTable<MetricsRow> {
        let customer = OutputColumn<MetricsRow>("customer", "The customer the row is about.") { .text($0.customer ?? "") }
        let item = OutputColumn<MetricsRow>("item", "The item the row is about.") { .text($0.item ?? "") }
        switch grouping {
        case .customer: return ColumnTable([customer])
        case .item: return ColumnTable([item])
        case .customerItem: return ColumnTable([customer, item])
        }
    }

    /// Every figure after the group key.
    public static let figures = ColumnTable<MetricsRow>([
        .init("lag", "How many months ahead the forecast was made (1 = the month before).") { .integer($0.lag) },
        .init("periods", "How many months were scored.") { .integer($0.figures.periods) },
        .init("items", "How many different items were scored.") { .integer($0.figures.items) },
        .init("cells", "How many item-months were scored (each item in each scored month).") { .integer($0.figures.cells) },
        .init("actual", "Total actual quantity bought.") { .quantity($0.figures.actual) },
        .init("forecast", "Total quantity forecast.") { .quantity($0.figures.forecast) },
        .init("bias_pct", "How far the total forecast was above (+) or below (-) the total actual, in percent of actual.", .percent) {
            .figure($0.figures.biasPct)
        },
        .init("wmape", "Weighted error: the sum of every item-month's miss (ignoring its sign) in percent of actual volume. 0 is perfect.", .percent) {
            .figure($0.figures.wmape)
        },
        .init("accuracy_pct", "100 minus wmape, never below 0.", .percent) { .figure($0.figures.accuracyPct) },
        .init("mape", "The average of each item-month's miss in percent of its actual, over item-months with an actual.", .percent) {
            .figure($0.figures.mape)
        },
        .init("mape_cells", "How many item-months mape is the average of.") { .integer($0.figures.mapeCells) },
        .init("smape", "Symmetric percentage error: the average of 2 x |miss| / (|forecast| + |actual|), in percent.", .percent) {
            .figure($0.figures.smape)
        },
        .init("mae", "The average miss per item-month, in units, ignoring its sign.") { .figure($0.figures.mae) },
        .init("rmse", "Root mean squared miss per item-month, in units: like mae, but large misses weigh more.") {
            .figure($0.figures.rmse)
        },
        .init("me", "The average miss per item-month, in units, with its sign (+ = over-forecast).") { .figure($0.figures.me) },
        .init("mase", "mae divided by the average month-to-month change of actuals: below 1 beats repeating last month's actuals.", .ratio) {
            .figure($0.figures.mase)
        },
        .init("tracking_signal", "The sum of the monthly misses divided by their average size: far from 0 (beyond about 4) means a persistent lean one way.", .ratio) {
            .figure($0.figures.trackingSignal)
        },
        .init("over_periods", "Months in which the total forecast was above actual.") { .integer($0.figures.overPeriods) },
        .init("under_periods", "Months in which the total forecast was below actual.") { .integer($0.figures.underPeriods) },
        .init("sign_test_p", "The chance of months this one-sided if over and under were a coin toss: below 0.05 is a real lean, not luck.", .probability) {
            .figure($0.figures.signTestP)
        },
        .init("naive_wmape", "wmape of a naive forecast that repeats the actuals of lag months earlier.", .percent) { .figure($0.figures.naiveWmape) },
        .init("fva_pts", "Forecast value added: naive_wmape minus the forecast's own wmape on the same item-months. Positive means the customer's forecast beats the naive one.", .points) {
            .figure($0.figures.fvaPts)
        },
        .init("naive_cells_wmape", "The forecast's own wmape on the naive forecast's item-months, so that fva_pts = naive_wmape - naive_cells_wmape.", .percent) {
            .figure($0.figures.naiveCellsWmape)
        },
        .init("seasonal_naive_wmape", "wmape of a seasonal naive forecast that repeats the actuals of the same month a year earlier (two years for lags over 12); empty when no month has a year of actuals before it.", .percent) {
            .figure($0.figures.seasonalNaiveWmape)
        },
        .init("fva_seasonal_pts", "seasonal_naive_wmape minus the forecast's own wmape on the same item-months. Positive means the forecast beats last year's same month.", .points) {
            .figure($0.figures.fvaSeasonalPts)
        },
        .init("benchmark", "naive or seasonal-naive: the simple forecast with the lower wmape, the one the verdict judges against.") {
            .text($0.figures.benchmark?.rawValue)
        },
        .init("benchmark_fva_pts", "Forecast value added against that benchmark: fva_pts or fva_seasonal_pts.", .points) {
            .figure($0.figures.benchmarkFvaPts)
        },
    ])
}

/// metrics.csv: a header, then one line per group and lag.
public enum MetricsCSV {
    public static func render(_ rows: [MetricsRow], grouping: Grouping, priced: Bool = false, dialect: CSVOutputDialect = .plain) -> String {
        TextStream.collected { render(rows, grouping: grouping, priced: priced, dialect: dialect, into: $0) }
    }

    /// The same text, each line written to `stream` as it is made.
    public static func render(_ rows: [MetricsRow], grouping: Grouping, priced: Bool = false, dialect: CSVOutputDialect = .plain,
                              into stream: TextStream) {
        MetricsColumns.table(grouping, priced: priced, names: MetricsColumns.named(rows)).csv(rows, dialect: dialect, into: stream)
    }
}

extension MetricsColumns {
    /// `customer_name`, last, when the inputs name the customers (METRICS.md: names after the figures and value).
    static let name = OutputColumn<MetricsRow>("customer_name", "The customer's name, from the inputs' name column.") {
        .text($0.customerName)
    }

    /// Whether any row has a customer's name: then metrics.csv has the `customer_name` column.
    static func named(_ rows: [MetricsRow]) -> Bool { rows.contains { $0.customerName != nil } }

    /// Every column, the money columns with `priced`, the name last with `names`.
    public static func table(_ grouping: Grouping, priced: Bool, names: Bool) -> ColumnTable<MetricsRow> {
        let table = table(grouping, priced: priced)
        return names && grouping != .item ? ColumnTable(table.columns + [name]) : table
    }
}

/// The metrics as a JSON array of objects keyed by metrics.csv's column names.
public enum MetricsJSON {
    public static func value(_ rows: [MetricsRow], grouping: Grouping, priced: Bool = false) -> JSONValue {
        MetricsColumns.table(grouping, priced: priced, names: MetricsColumns.named(rows)).json(rows)
    }
}

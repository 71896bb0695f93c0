/// The size, shape and seed of a synthetic data set.
///
/// History months are the months with actuals, starting at `startYear`-`startMonth`.
/// `openMonths` adds target months after the last actual month whose forecasts
/// are open (made, but not yet measurable); see `Generator` for which lags they get.
public struct GeneratorConfig: Sendable, Equatable {
    /// Number of customers, at least 1.
    public var customers: Int
    /// Items per customer (every customer buys every item), at least 1.
    public var items: Int
    /// History months with actuals, at least 2.
    public var months: Int
    /// Forecast lags written, 1 through `lags`; between 1 and 12.
    public var lags: Int
    /// Seed of every random draw: the same configuration gives byte-identical files.
    public var seed: UInt64
    /// Future target months with open forecasts, between 0 and `lags`.
    public var openMonths: Int
    /// Calendar year of the first history month.
    public var startYear: Int
    /// Calendar month (1–12) of the first history month.
    public var startMonth: Int

    public init(customers: Int, items: Int, months: Int, lags: Int, seed: UInt64,
                openMonths: Int = 0, startYear: Int = 2024, startMonth: Int = 1) {
        self.customers = customers
        self.items = items
        self.months = months
        self.lags = lags
        self.seed = seed
        self.openMonths = openMonths
        self.startYear = startYear
        self.startMonth = startMonth
    }

    /// Target months with forecasts: the history months, then the open ones.
    var targetMonths: Int { months + openMonths }

    /// Checks every setting, naming the first one out of range.
    ///
    /// Open months beyond `lags` would have no forecast made by the last actual
    /// month, so they are refused rather than silently empty. Years stay within
    /// four digits because periods are written `YYYY-MM`.
    func validate() throws(GeneratorError) {
        guard customers >= 1 else { throw .invalidConfig("customers must be at least 1, got \(customers)") }
        guard items >= 1 else { throw .invalidConfig("items must be at least 1, got \(items)") }
        guard months >= 2 else { throw .invalidConfig("months must be at least 2, got \(months)") }
        guard (1...12).contains(lags) else { throw .invalidConfig("lags must be between 1 and 12, got \(lags)") }
        guard (0...lags).contains(openMonths) else {
            throw .invalidConfig("openMonths must be between 0 and lags (\(lags)), got \(openMonths)")
        }
        guard (1...12).contains(startMonth) else {
            throw .invalidConfig("startMonth must be between 1 and 12, got \(startMonth)")
        }
        guard (1000...9999).contains(startYear) else {
            throw .invalidConfig("startYear must have four digits, got \(startYear)")
        }
        // Periods are written YYYY-MM, so the last target month must fall in or before 9999-12.
        let monthsLeft = (9999 - startYear) * 12 + (12 - startMonth) + 1
        guard months <= monthsLeft - openMonths else {
            throw .invalidConfig("months (with openMonths) must end by 9999-12: at most \(monthsLeft - openMonths), got \(months)")
        }
        let (pairs, pairsOverflow) = customers.multipliedReportingOverflow(by: items)
        let (rows, rowsOverflow) = pairs.multipliedReportingOverflow(by: targetMonths * lags)
        guard !pairsOverflow, !rowsOverflow, rows < Int.max / 64 else {
            throw .invalidConfig("customers × items × months × lags is too large to generate")
        }
    }
}

/// Draws customers one at a time and writes their rows of `forecasts.csv` and `actuals.csv`.
///
/// Each customer has its own random stream (its index), so its rows depend only
/// on the seed and its index. Memory is a few series of `months + lags` values,
/// reused for every item: nothing grows with the number of customers or items.
struct GeneratorRows {
    private let config: GeneratorConfig
    private let labels: GeneratorLabels
    private var expected: [Double] = []
    private var actual: [Double] = []
    private var prefix: [UInt8] = []

    private(set) var forecastRows = 0
    private(set) var openForecastRows = 0
    private(set) var actualRows = 0

    /// Room for the longest row either file can have: the key prefix, a period,
    /// a lag and a number of at most 20 digits with a decimal.
    var longestRow: Int { labels.keyPrefixLength + GeneratorLabels.periodStride + 3 + 22 + 1 }

    init(config: GeneratorConfig, labels: GeneratorLabels) {
        self.config = config
        self.labels = labels
    }

    /// Writes every row of customer `customer` (0-based), which plants `behaviour`; returns the
    /// first drifted history month (0-based) of a `drifting` customer, else nil.
    @discardableResult
    mutating func write(customer: Int, behaviour: Behaviour,
                        forecasts: inout GeneratorSink, actuals: inout GeneratorSink) throws(GeneratorError) -> Int? {
        var random = SyntheticRandom(seed: config.seed, stream: UInt64(customer))
        let demand = SyntheticDemand(config: config, random: &random)
        let forecaster = SyntheticForecaster(behaviour: behaviour, months: config.months, random: &random)
        let rowRoom = longestRow
        let offset = -demand.firstMonth

        for item in 0..<config.items {
            demand.drawItem(random: &random, expected: &expected, actual: &actual)
            labels.keyPrefix(customer: customer, item: item, into: &prefix)

            for month in 0..<config.months {
                try actuals.reserve(rowRoom)
                actuals.append(prefix)
                actuals.append(labels.periods, from: month * GeneratorLabels.periodStride,
                                        length: GeneratorLabels.periodStride)
                actuals.append(decimal: UInt64(actual[month + offset]))
                actuals.append(byte: UInt8(ascii: "\n"))
            }
            actualRows += config.months

            for month in 0..<config.targetMonths {
                // An open month only has the lags made by the last history month: month - lag <= months - 1.
                let isOpen = month >= config.months
                let firstLag = isOpen ? month - config.months + 1 : 1
                guard firstLag <= config.lags else { continue }
                for lag in firstLag...config.lags {
                    let value = forecaster.forecast(month: month, lag: lag, expected: expected[month + offset],
                                                    earlierActual: actual[month - lag + offset], random: &random)
                    try forecasts.reserve(rowRoom)
                    forecasts.append(prefix)
                    forecasts.append(labels.periods, from: month * GeneratorLabels.periodStride,
                                              length: GeneratorLabels.periodStride)
                    forecasts.append(decimal: UInt64(lag))
                    forecasts.append(byte: UInt8(ascii: ","))
                    forecasts.append(tenths: UInt64(min(value * 10, 1e18).rounded()))
                    forecasts.append(byte: UInt8(ascii: "\n"))
                    forecastRows += 1
                    if isOpen { openForecastRows += 1 }
                }
            }
        }
        return forecaster.driftFrom
    }
}

/// Writes a synthetic data set with known forecasting behaviours, for demos, tests and benchmarks.
///
/// `write(to:)` creates three files in a directory:
///
/// - `forecasts.csv` (`customer,item,period,lag,forecast`): one row per customer,
///   item, target month and lag 1...`lags`, ordered that way. Lag is the number
///   of months between the month the forecast was made and the target month.
///   Target months are the `months` history months, then `openMonths` open
///   months. An open month gets only the lags already made by the last history
///   month, so open month *k* (1-based) has lags *k*...`lags`. With no open
///   months there are exactly customers × items × months × lags rows. Forecasts
///   have at most one decimal (`123.4`, or `123` when whole).
/// - `actuals.csv` (`customer,item,period,actual`): exactly one row per
///   customer, item and history month, in the same order; whole, non-negative
///   quantities, about 5% of them 0.
/// - `truth.csv` (`customer,behaviour,drift_from`): the behaviour each customer plants and,
///   for a drifting customer, the first month its forecasts are drifted in (`YYYY-MM`; empty
///   for the other behaviours), so a detector's delay can be measured.
///
/// The demand and forecasting models are described on `SyntheticDemand` and
/// `SyntheticForecaster`; the share of each behaviour on `BehaviourAssignment`.
/// The same configuration gives byte-identical files. Rows are formatted into a
/// 1 MiB buffer and written in large blocks, so memory stays small at any size.
public struct Generator: Sendable {
    /// The validated configuration.
    public let config: GeneratorConfig

    /// Checks `config`; throws `invalidConfig` naming the first setting out of range.
    public init(_ config: GeneratorConfig) throws(GeneratorError) {
        try config.validate()
        self.config = config
    }

    /// Writes `forecasts.csv`, `actuals.csv` and `truth.csv` into `directory`,
    /// creating it (and its parents) if missing and replacing files of those names.
    public func write(to directory: String) throws(GeneratorError) -> GeneratorSummary {
        try GeneratorDirectory.create(directory)
        // Every target is checked before any is opened: a link at actuals.csv must not leave
        // forecasts.csv truncated.
        for name in ["forecasts.csv", "actuals.csv", "truth.csv"] { try GeneratorDirectory.checkTarget(Self.file(name, in: directory)) }
        let behaviours = BehaviourAssignment.behaviours(customers: config.customers, seed: config.seed)
        let labels = GeneratorLabels(config: config)
        var rows = GeneratorRows(config: config, labels: labels)

        var forecasts = try GeneratorSink(path: Self.file("forecasts.csv", in: directory), longestRow: rows.longestRow)
        var actuals = try GeneratorSink(path: Self.file("actuals.csv", in: directory), longestRow: rows.longestRow)
        try forecasts.append(text: "customer,item,period,lag,forecast\n")
        try actuals.append(text: "customer,item,period,actual\n")
        var driftFrom: [Int?] = []
        driftFrom.reserveCapacity(behaviours.count)
        for (customer, behaviour) in behaviours.enumerated() {
            driftFrom.append(try rows.write(customer: customer, behaviour: behaviour, forecasts: &forecasts, actuals: &actuals))
        }
        let forecastBytes = try forecasts.finish()
        let actualBytes = try actuals.finish()
        let truthBytes = try writeTruth(behaviours, driftFrom: driftFrom, labels: labels, directory: directory)

        var counts = Dictionary(uniqueKeysWithValues: Behaviour.allCases.map { ($0, 0) })
        for behaviour in behaviours {
            counts[behaviour, default: 0] += 1
        }
        return GeneratorSummary(forecastRows: rows.forecastRows, openForecastRows: rows.openForecastRows,
                                actualRows: rows.actualRows,
                                bytesWritten: forecastBytes + actualBytes + truthBytes,
                                behaviourCounts: counts)
    }

    /// Writes `truth.csv`; returns its size in bytes.
    private func writeTruth(_ behaviours: [Behaviour], driftFrom: [Int?], labels: GeneratorLabels,
                            directory: String) throws(GeneratorError) -> Int {
        let longest = 1 + labels.customerWidth + 1 + (Behaviour.allCases.map(\.rawValue.utf8.count).max() ?? 0)
            + 1 + GeneratorLabels.periodStride + 1
        var truth = try GeneratorSink(path: Self.file("truth.csv", in: directory), longestRow: longest)
        try truth.append(text: "customer,behaviour,drift_from\n")
        for (customer, behaviour) in behaviours.enumerated() {
            try truth.reserve(longest)
            truth.append(labels.customerID(customer))
            truth.append(byte: UInt8(ascii: ","))
            truth.append(Array(behaviour.rawValue.utf8))
            truth.append(byte: UInt8(ascii: ","))
            if let month = driftFrom[customer] {
                // The period label without its trailing comma.
                truth.append(labels.periods, from: month * GeneratorLabels.periodStride, length: GeneratorLabels.periodStride - 1)
            }
            truth.append(byte: UInt8(ascii: "\n"))
        }
        return try truth.finish()
    }

    private static func file(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

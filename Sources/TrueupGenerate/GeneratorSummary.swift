/// What one run of the generator wrote.
///
/// Row counts exclude the header lines; `bytesWritten` includes them and covers
/// all three files, so it equals the files' total size on disk.
public struct GeneratorSummary: Sendable, Equatable {
    /// Data rows in `forecasts.csv`, open ones included.
    public var forecastRows: Int
    /// Data rows in `forecasts.csv` whose target month is after the last actual month.
    public var openForecastRows: Int
    /// Data rows in `actuals.csv`: customers × items × months.
    public var actualRows: Int
    /// Bytes in `forecasts.csv`, `actuals.csv` and `truth.csv` together.
    public var bytesWritten: Int
    /// How many customers plant each behaviour (every case has an entry, possibly 0).
    public var behaviourCounts: [Behaviour: Int]

    public init(forecastRows: Int, openForecastRows: Int, actualRows: Int,
                bytesWritten: Int, behaviourCounts: [Behaviour: Int]) {
        self.forecastRows = forecastRows
        self.openForecastRows = openForecastRows
        self.actualRows = actualRows
        self.bytesWritten = bytesWritten
        self.behaviourCounts = behaviourCounts
    }
}

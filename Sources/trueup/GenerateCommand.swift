import ArgumentParser
import Trueup
import TrueupGenerate
import TrueupReports

/// `trueup generate`: synthetic forecasts and actuals with planted forecaster behaviours.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write forecasts.csv, actuals.csv and truth.csv with planted forecaster behaviours.",
        discussion: """
            Behaviours: reliable, inflating, sandbagging, noisy, copying-last-month, drifting, revising-late; truth.csv names each customer's.
            The same seed always writes the same files.
            """
    )

    @Option(help: "Number of customers.") var customers = 40
    @Option(help: "Items per customer.") var items = 25
    @Option(help: "Months of actuals.") var months = 24
    @Option(help: "Forecast lags per target month (1 to N).") var lags = 3
    @Option(help: "Months of open forecasts after the last actual month.") var open = 0
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Argument(help: ArgumentHelp("Directory to write into (created if missing).", valueName: "dir")) var directory: String

    func run() throws {
        let config = GeneratorConfig(customers: customers, items: items, months: months, lags: lags, seed: seed, openMonths: open)
        let summary: GeneratorSummary
        do {
            summary = try Generator(config).write(to: directory)
        } catch {
            switch error {
            case .invalidConfig(let reason): throw Failure(reason, code: Failure.usage)
            case .cannotWrite(let path, let reason): throw Failure("\(path): can't be written (\(reason)).", code: Failure.cantCreate)
            }
        }
        let behaviours = Behaviour.allCases.map { "\(summary.behaviourCounts[$0, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
        try StandardStreams.writeOutput("""
            Wrote \(directory)/forecasts.csv (\(NumberText.readable(Double(summary.forecastRows), decimals: 0)) rows), \
            \(directory)/actuals.csv (\(NumberText.readable(Double(summary.actualRows), decimals: 0)) rows) and \(directory)/truth.csv.
            Customers: \(behaviours).

            """)
    }
}

import ArgumentParser
import Trueup
import TrueupReports

/// `trueup report`: every customer's forecast accuracy, as a table, CSV or JSON, and files in DIR.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Score every customer's forecasts against actuals, by lag.",
        discussion: """
            Periods after the last month with any actual are open and not scored.
            Customers are tiered (trusted, watch, unreliable, insufficient-data) at the report lag: --lag, else lag 1, else the smallest.
            With --out DIR, writes DIR/metrics.csv, DIR/flags.csv, DIR/run.json and DIR/report.html, a self-contained page with charts (and DIR/rejects.csv with --skip-bad-rows).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Directory for metrics.csv and run.json (created if missing).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Keep one lag (months ahead). Default: every lag.", valueName: "n"))
    var lag: Int?

    @Option(help: ArgumentHelp("Group the figures by customer, item, or customer,item.", valueName: "grouping"),
            transform: ReportCommand.grouping)
    var by: Grouping = .customer

    @Option(help: "What to print: table, csv or json.")
    var format: Format = .table

    @Flag(help: "Print the time spent reading, joining, computing and writing to stderr.")
    var timings = false

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func grouping(_ text: String) throws -> Grouping {
        guard let grouping = Grouping(rawValue: text.lowercased().split(separator: " ").joined()) else {
            throw ValidationError("--by takes customer, item or customer,item; not '\(text)'.")
        }
        return grouping
    }

    func validate() throws {
        if let lag, lag < 0 { throw ValidationError("--lag must be 0 or more months.") }
        if let from = input.from, let to = input.to, from > to {
            throw ValidationError("--from \(from) is after --to \(to).")
        }
    }

    func run() throws {
        do {
            if let out { try FileOutput.prepareDirectory(out) }
            let request = try input.request(lag: lag, grouping: by)
            let result: ReportResult
            do {
                result = try Report.run(request)
            } catch {
                throw Failure(error)
            }
            let clock = ContinuousClock()
            let written = clock.now
            switch format {
            case .table:
                FileOutput.writeStandardOutput(by == .customer ? FlagsTable.render(result) : MetricsTable.render(result))
            case .csv: FileOutput.writeStandardOutput(MetricsCSV.render(result.rows, grouping: by))
            case .json: FileOutput.writeStandardOutput(ReportJSON.value(result).rendered() + "\n")
            }
            if let out {
                try FileOutput.write(MetricsCSV.render(result.rows, grouping: by), to: "metrics.csv", in: out)
                if by == .customer {
                    try FileOutput.write(FlagsCSV.render(result.assessments), to: "flags.csv", in: out)
                }
                if input.skipBadRows {
                    try FileOutput.write(RejectsCSV.render(result.rejects), to: "rejects.csv", in: out)
                }
                try FileOutput.write(RunJSON.value(result, version: TrueupCommand.version).rendered() + "\n", to: "run.json", in: out)
                try FileOutput.write(ReportHTML.render(result, version: TrueupCommand.version), to: "report.html", in: out)
            }
            if timings {
                let steps = result.timings + [("write", clock.now - written)].map { ($0.0, Self.seconds($0.1)) }
                let total = steps.reduce(0) { $0 + $1.seconds }
                let lines = steps.map { "  \($0.step.padding(15))\(NumberText.readable($0.seconds, decimals: 3)) s" }
                FileOutput.writeStandardError((["timings:"] + lines + ["  \("total".padding(15))\(NumberText.readable(total, decimals: 3)) s"]).joined(separator: "\n") + "\n")
            }
        } catch let failure as Failure {
            failure.exit()
        }
    }
}

extension String {
    /// The text padded with spaces to `width` characters.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

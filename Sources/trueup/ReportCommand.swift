import ArgumentParser
import Trueup
import TrueupHistory
import TrueupReports

/// `trueup report`: every customer's forecast accuracy, as a table, CSV or JSON, and files in DIR.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Score every customer's forecasts against actuals, by lag.",
        discussion: """
            Periods after the last month with any actual are open and not scored.
            Customers are tiered (trusted, watch, unreliable, insufficient-data) at the report lag: --lag, else lag 1, else the smallest.
            With --out DIR, writes DIR/metrics.csv, DIR/flags.csv, DIR/run.json, DIR/report.html (a self-contained page with charts) and DIR/README.txt (and DIR/rejects.csv with --skip-bad-rows); --excel writes the CSV files for spreadsheets.
            With --out DIR or --history FILE, records the run in the history (by default trueup-history.sqlite beside DIR)
            and adds each customer's change since the previous run to the table, flags.csv, report.html and the JSON.
            """
    )


    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Directory for metrics.csv, flags.csv, run.json, report.html and README.txt (created if missing).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Keep one lag (months ahead). Default: every lag.", valueName: "n"))
    var lag: Int?

    @Option(help: ArgumentHelp("Group the figures by customer, item, or customer,item.", valueName: "grouping"),
            transform: ReportCommand.grouping)
    var by: Grouping = .customer

    @Option(help: "What to print: table, csv or json.")
    var format: ReportOutput.Format = .table

    @Flag(help: "Write the CSV files with a UTF-8 byte order mark and CRLF line ends, for spreadsheets opened by double-click.")
    var excel = false

    @Flag(help: "Print the time spent reading, joining, computing and writing to stderr.")
    var timings = false

    @Option(help: ArgumentHelp("The run history (SQLite) to record this run in. Default with --out DIR: trueup-history.sqlite in DIR's parent.", valueName: "file"))
    var history: String?

    @Flag(help: "Don't record the run in a history.")
    var noHistory = false

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
        if noHistory && history != nil { throw ValidationError("--history and --no-history can't be used together.") }
    }

    func run() throws {
        if let out { try FileOutput.prepareDirectory(out) }
        let request = try input.request(lag: lag, grouping: by)
        let historyPath = noHistory ? nil : HistoryFile.path(explicit: history, out: out)
        let result: ReportResult
        var recorded: RunJSON.History?
        if let historyPath, by == .customer {
            // An existing history is checked before the work; a new one is made only once there is a run to record.
            let store = HistoryFile.exists(historyPath) ? try HistoryStore(path: historyPath, createIfMissing: true) : nil
            let target = HistoryTarget(path: historyPath, store: store, recordedAt: HistoryFile.now(), version: TrueupCommand.version)
            let recording: Recording?
            (result, recording) = try input.withProgress(request) { request throws(Report.RecordingError) in
                try Report.run(request, recordingIn: target)
            }
            if let recording {
                recorded = RunJSON.History(path: historyPath, run: recording.run.id, replaced: recording.replaced)
                FileOutput.writeStandardError(Self.recordedLine(recording, path: historyPath))
            } else {
                FileOutput.writeStandardError("history: not recorded: no customer was tiered in this window.\n")
            }
        } else {
            result = try input.withProgress(request) { request throws(ReportError) in try Report.run(request) }
            if history != nil && by != .customer {
                FileOutput.writeStandardError("history: not recorded: tiers, and so the history, are per customer; --by \(by.rawValue) has none.\n")
            }
        }
        let clock = ContinuousClock()
        let written = clock.now
        // Standard output and the files are rendered at once on every core, then written in order.
        let output = ReportOutput(result, format: format, writesFiles: out != nil, excel: excel, recorded: recorded,
                                  version: TrueupCommand.version)
        let texts = output.rendered()
        FileOutput.writeStandardOutput(texts.standardOutput)
        if let out {
            for file in texts.files { try FileOutput.write(file.text, to: file.name, in: out) }
        }
        if timings {
            let steps = result.timings + [("write", Self.seconds(clock.now - written))]
            let total = steps.reduce(0) { $0 + $1.seconds }
            let lines = steps.map { "  \($0.step.padding(15))\(NumberText.readable($0.seconds, decimals: 3)) s" }
            FileOutput.writeStandardError((["timings:"] + lines + ["  \("total".padding(15))\(NumberText.readable(total, decimals: 3)) s"]).joined(separator: "\n") + "\n")
        }
    }

    /// "history: recorded 2026-06 at lag 1 in FILE (3 runs; previous 2026-05)".
    static func recordedLine(_ recording: Recording, path: String) -> String {
        let run = recording.run
        let previous = recording.comparison.previous.map { "previous \($0.asOf)" } ?? "no earlier run at lag \(run.lag)"
        let verb = recording.replaced ? "replaced" : "recorded"
        let runs = recording.runCount == 1 ? "1 run" : "\(recording.runCount) runs"
        return "history: \(verb) \(run.asOf) at lag \(run.lag) in \(path) (\(runs); \(previous))\n"
    }
}

extension String {
    /// The text padded with spaces to `width` characters.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

extension ReportOutput.Format: ExpressibleByArgument {}

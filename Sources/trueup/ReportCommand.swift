import ArgumentParser
import Dispatch
import Trueup
import TrueupHistory
import TrueupReports
import TrueupSystem

/// `trueup report`: every customer's forecast accuracy, as a table, CSV or JSON, and files in DIR.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Score every customer's forecasts against actuals, by lag.",
        discussion: """
            Periods after the last closed one are open and not scored: the latest month with any actual, unless it looks \
            exported part way (then the month before; --as-of names it instead). Codes spelled differently in the two files \
            stop the run (exit 65) unless --normalize-keys says how to join them.
            With --out DIR, DIR/coverage.csv is the join audit per customer.
            Customers are tiered (trusted, watch, unreliable, insufficient-data) at the report lag: --lag, else lag 1, else the smallest.
            With --out DIR, writes DIR/metrics.csv, DIR/flags.csv, DIR/stability.csv (with more than one lag), DIR/agreement.csv (with --agreements), DIR/run.json, DIR/report.html (a self-contained page with charts), DIR/report.xlsx (every table as a sheet) and DIR/README.txt (and DIR/rejects.csv with --skip-bad-rows); --csv-dialect excel (or --excel) and excel-de write the CSV files for spreadsheets opened by double-click.
            With --out DIR or --history FILE, records the run in the history (by default trueup-history.sqlite beside DIR) \
            and adds each customer's change since the previous run to the table, flags.csv, report.html and the JSON.
            """
    )

    typealias Format = ReportOutput.Format

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("Keep one lag (months ahead). Default: every lag.", valueName: "n"))
    var lag: Int?

    @Option(help: ArgumentHelp("Group the figures by customer, item, or customer,item.", valueName: "grouping"),
            transform: ReportCommand.grouping)
    var by: Grouping = .customer

    /// How the run is written: the table, --out DIR's files, the history (merge takes the same).
    @OptionGroup var output: OutputOptions

    var out: String? { output.out }
    var format: Format { output.format }
    var excel: Bool { output.excel }
    var csvDialect: CSVOutputDialect? { output.csvDialect }
    var dialect: CSVOutputDialect { output.dialect }
    var noXlsx: Bool { output.noXlsx }
    var timings: Bool { output.timings }
    var history: String? { output.history }
    var noHistory: Bool { output.noHistory }
    var wide: Bool { output.wide }
    var tier: Set<Tier>? { output.tier }
    var top: Int? { output.top }

    @Option(help: ArgumentHelp("Score only partition K of N of the book's groups (by customer; by item with --by item) and write a partial for `trueup merge` (needs --partial).", valueName: "K/N"),
            transform: ReportCommand.partition)
    var partition: Partition?

    @Option(help: ArgumentHelp("With --partition: the partial file to write.", valueName: "file"))
    var partial: String?

    @Option(help: ArgumentHelp("With --partition: a name for the book that every partial of it shares, instead of its inputs' digests (for a runner that hands each partition only its own rows).", valueName: "text"))
    var bookId: String?

    static func partition(_ text: String) throws -> Partition {
        guard let partition = Partition(text) else {
            throw ValidationError("--partition takes K/N with 1 <= K <= N <= \(Partition.largestCount), e.g. 2/8; not '\(text)'.")
        }
        return partition
    }

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
        if partition != nil && partial == nil { throw ValidationError("--partition writes a partial: name it with --partial FILE.") }
        if partition == nil && (partial != nil || bookId != nil) { throw ValidationError("--partial and --book-id go with --partition K/N.") }
        if partition != nil && (out != nil || history != nil) {
            throw ValidationError("--partition writes only the partial; `trueup merge` writes --out and records the history.")
        }
    }

    func run() throws {
        if let partition, let partial { return try PartialRun.write(self, partition: partition, to: partial) }
        try run { request throws(ReportError) in try Report.run(request) }
    }

    /// The run, with `score` making the result: reading the inputs, or merging partials.
    func run(score: (ReportRequest) throws(ReportError) -> ReportResult) throws {
        if format == .xlsx && StandardStreams.outputIsTerminal {
            throw Failure("--format xlsx writes a workbook's bytes: send them to a file (> report.xlsx) or a pipe, not to the terminal.",
                          code: Failure.usage)
        }
        if let out { try FileOutput.prepareDirectory(out) }
        let request = try input.request(lag: lag, grouping: by)
        let historyPath = noHistory ? nil : HistoryFile.path(explicit: history, out: out)
        // The history is checked before the work: an existing one is opened (and checked for damage),
        // a new one's folder must be writable; it is made only once there is a run to record.
        var store: HistoryStore?
        if let historyPath, by == .customer {
            try HistoryFile.checkUsable(historyPath)
            if HistoryFile.exists(historyPath) { store = try Self.open(historyPath) }
        }
        var result: ReportResult
        do {
            result = try input.withProgress(request) { request throws(ReportError) in try score(request) }
        } catch {
            throw Failure(error)
        }
        RunNotices.write(result, rejectsFile: out.map { RunNotices.path("rejects.csv", in: $0) }, tableSaysRowsLeftOut: format == .table,
                         saysMatchedShare: format == .csv)
        let clock = ContinuousClock()
        let recording = clock.now
        var written = Duration.zero, workbookWritten = Duration.zero
        // Files first, then the history, then standard output: a reader that stops early
        // (`| head`) finds the run complete, and a failed run is not in the history.
        var printed = ""
        var writtenPeak = 0
        let writeFiles = { (result: ReportResult, recorded: RunJSON.History?) throws(Failure) in
            let start = clock.now
            (printed, workbookWritten) = try self.writeFiles(result, recorded: recorded)
            written = clock.now - start - workbookWritten
            writtenPeak = Syscalls.peakResidentBytes
        }
        if let historyPath, by == .customer {
            if store == nil { store = try Self.open(historyPath) }
            try record(result, in: store, path: historyPath, then: writeFiles)
        } else {
            if history != nil {
                StandardStreams.writeLines(["history: not recorded: tiers, and so the history, are per customer; --by \(by.rawValue) has none."])
            }
            try writeFiles(result, nil)
        }
        let recordingTime = clock.now - recording - written - workbookWritten
        try StandardStreams.writeOutput(printed)
        if format == .xlsx { try StandardStreams.writeWorkbook(ReportWorkbook(result), scratchFolder: out) }
        if timings {
            let peak = Syscalls.peakResidentBytes
            let historyStep = historyPath == nil ? [] : [RunStep("history", seconds: Self.seconds(recordingTime), peakBytes: peak)]
            let workbookStep = out == nil || noXlsx ? [] : [RunStep("workbook", seconds: Self.seconds(workbookWritten), peakBytes: writtenPeak)]
            let steps = result.timings + historyStep + [RunStep("write", seconds: Self.seconds(written), peakBytes: writtenPeak)] + workbookStep
            StandardStreams.writeLines(["timings:"] + Self.timingLines(steps, peakBytes: peak))
        }
    }

    /// `--timings`' lines: each step's seconds and the process's peak memory by its end, then the total.
    static func timingLines(_ steps: [RunStep], peakBytes: Int) -> [String] {
        let all = steps + [RunStep("total", seconds: steps.reduce(0) { $0 + $1.seconds }, peakBytes: peakBytes)]
        let width = all.map(\.step.count).max().map { max(15, $0 + 1) } ?? 15
        let seconds = all.map { NumberText.readable($0.seconds, decimals: 3) }
        let megabytes = all.map { NumberText.readable(Double($0.peakBytes) / 1_048_576, decimals: 0) }
        let secondsWidth = seconds.map(\.count).max() ?? 0, megabytesWidth = megabytes.map(\.count).max() ?? 0
        func padded(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        return zip(all, zip(seconds, megabytes)).map { step, figures in
            "  \(step.step.padding(width))\(padded(figures.0, secondsWidth)) s  \(padded(figures.1, megabytesWidth)) MB peak"
        }
    }

    /// Renders standard output and the files at once on every core (the library decides which files
    /// there are), writes the files, and returns what is to be printed (printed by the caller once
    /// the history is recorded) and the time report.xlsx took.
    func writeFiles(_ result: ReportResult, recorded: RunJSON.History?) throws(Failure) -> (String, Duration) {
        var output = ReportOutput(result, format: format, writesFiles: out != nil, dialect: dialect, recorded: recorded,
                                  rejectsFile: out.map { RunNotices.path("rejects.csv", in: $0) }, version: TrueupCommand.version)
        output.writesWorkbook = !noXlsx
        output.layout = TableLayout(width: TableLayout.width(columns: StandardStreams.environment("COLUMNS")), wide: wide, tiers: tier, top: top)
        // report.xlsx is written on a thread of its own while the other files are rendered on every core.
        let workbook = out.flatMap { out in
            output.workbook.map { FileOutput.TemporaryInProgress(.workbook($0), for: ReportOutput.workbookName, in: out) }
        }
        guard let out else { return (output.standardOutput(), .zero) }
        // Each file is rendered straight into its temporary, all at once beside standard output's text,
        // on the cores the workbook's thread leaves: it is the longest of them, and waits for none.
        let printed: String
        var files: [(name: String, content: FileContent)]
        let cores = workbook == nil ? nil : max(1, min(input.threads, ReportRequest.availableCores) - 1)
        do {
            (printed, files) = try FileOutput.writeTemporaries(output.files.map { ($0.name, FileContent.rendered($0.render)) }, in: out,
                                                               cores: cores, beside: output.standardOutput)
        } catch {
            if let path = try? workbook?.finish() { Syscalls.unlink(path) }
            throw error
        }
        var waited = Duration.zero
        if let workbook {
            let clock = ContinuousClock(), start = clock.now
            // Before README.txt, which is renamed into place last.
            do {
                files.insert((ReportOutput.workbookName, .temporary(try workbook.finish())), at: max(0, files.count - 1))
            } catch {
                for case .temporary(let path) in files.map(\.content) { Syscalls.unlink(path) }
                throw error
            }
            waited = clock.now - start
        }
        try FileOutput.write(files, in: out, replacing: ReportOutput.allFileNames)
        return (printed, waited)
    }
}

extension ReportCommand {
    static func open(_ path: String) throws(Failure) -> HistoryStore {
        do {
            return try HistoryStore(path: path, createIfMissing: true)
        } catch {
            throw Failure(error)
        }
    }

    /// Records the run in the history, calling `then` with the run's comparison and record before the
    /// history's transaction is committed (a failure there leaves the history as it was), and says so on
    /// stderr; with nothing to record, says why and calls `then` without them.
    func record(_ result: ReportResult, in store: HistoryStore?, path: String,
                then write: (ReportResult, RunJSON.History?) throws(Failure) -> Void) throws(Failure) {
        guard let store else { return try write(result, nil) }
        var filesWritten = false
        let recording: Recording?
        do {
            recording = try store.record(result, recordedAt: HistoryFile.now(), version: TrueupCommand.version) { recording in
                let result = ReportResult(result, history: recording.comparison)
                try write(result, RunJSON.History(path: path, run: recording.run.id, replaced: recording.replaced))
                filesWritten = true
            }
        } catch let failure as Failure {
            throw failure
        } catch let error as HistoryError {
            var failure = Failure(error)
            if filesWritten, let out { failure.lines[failure.lines.count - 1] += " The files in \(out) were written." }
            throw failure
        } catch {
            throw Failure("\(path): recording the run failed (\(error)).", code: Failure.ioError)
        }
        guard let recording else {
            StandardStreams.writeLines(["history: not recorded: no customer was tiered in this window."])
            return try write(result, nil)
        }
        let run = recording.run
        let previous = recording.comparison.previous.map { "previous \($0.asOf), run \($0.id)" } ?? "no earlier run at lag \(run.lag)"
        let verb = recording.replaced ? "replaced" : "recorded"
        let runs = recording.runCount == 1 ? "1 run" : "\(recording.runCount) runs"
        StandardStreams.writeLines(["history: \(verb) \(run.asOf) at lag \(run.lag) in \(path) (\(runs); \(previous))"])
    }
}

extension String {
    /// The text padded with spaces to `width` characters.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

extension ReportOutput.Format: ExpressibleByArgument {}

extension CSVOutputDialect: ExpressibleByArgument {}

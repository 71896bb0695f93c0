import ArgumentParser
import Trueup
import TrueupReports
import TrueupSystem

/// `trueup merge`: the report of a book from the partials of its partitions, the same bytes as one run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the partials of every partition of a book into its report.",
        discussion: """
            Each partial is written by `trueup report --partition K/N --partial FILE`, every one with the same report options. \
            merge takes them in any order, with the report's output options, and writes what one `trueup report` over the whole \
            book writes: the table, every file of --out DIR, the history. It refuses partials of different inputs, options or \
            versions, a damaged file (exit 65), and a missing or repeated partition (exit 64).
            """
    )

    @Argument(help: ArgumentHelp("The partials, one per partition.", valueName: "partial"))
    var partials: [String] = []

    @Option(help: ArgumentHelp("Directory for metrics.csv, flags.csv, run.json, report.html, report.xlsx and README.txt (created if missing).", valueName: "dir"))
    var out: String?

    @Option(help: "What to print: table, csv, json or xlsx (the workbook's bytes, to a file or a pipe: not to a terminal).")
    var format: ReportOutput.Format = .table

    @Flag(help: "Write the CSV files with a UTF-8 byte order mark and CRLF line ends, for spreadsheets opened by double-click (--csv-dialect excel).")
    var excel = false

    @Option(help: ArgumentHelp("How the CSV files in --out are written: plain (the default), excel or excel-de, as report writes them.", valueName: "dialect"))
    var csvDialect: CSVOutputDialect?

    @Flag(help: "Don't write DIR/report.xlsx (an earlier run's is removed).")
    var noXlsx = false

    @Flag(help: "Print the time spent reading the partials, scoring and writing to stderr.")
    var timings = false

    @Option(help: ArgumentHelp("The run history (SQLite) to record this run in. Default with --out DIR: trueup-history.sqlite in DIR's parent.", valueName: "file"))
    var history: String?

    @Flag(help: "Don't record the run in a history.")
    var noHistory = false

    @Flag(help: "Show every column of the table, however wide.")
    var wide = false

    @Option(help: ArgumentHelp("Show only customers of these tiers in the table (not the files), e.g. unreliable,watch.", valueName: "tiers"))
    var tier: String?

    @Option(help: ArgumentHelp("Show only the first N customers of the table (not the files), after --tier.", valueName: "n"))
    var top: Int?

    func run() throws {
        var read: [(path: String, partial: Partial)] = []
        for path in partials { read.append((path, try Self.read(path))) }
        do {
            try Report.checkPartials(read)
        } catch {
            throw Failure(error)
        }
        // Only the first partial's options and names: holding the partial here would keep its cells.
        let (options, forecasts, actuals) = (read[0].partial.options, read[0].partial.forecastsPath, read[0].partial.actualsPath)
        var arguments = ["report"] + options + ["--forecasts", forecasts, "--actuals", actuals]
        if let out { arguments += ["--out", out] }
        arguments += ["--format", format.rawValue]
        if excel { arguments.append("--excel") }
        if let csvDialect { arguments += ["--csv-dialect", csvDialect.rawValue] }
        if noXlsx { arguments.append("--no-xlsx") }
        if timings { arguments.append("--timings") }
        if let history { arguments += ["--history", history] }
        if noHistory { arguments.append("--no-history") }
        if wide { arguments.append("--wide") }
        if let tier { arguments += ["--tier", tier] }
        if let top { arguments += ["--top", String(top)] }
        let report: ReportCommand
        do {
            report = try ReportCommand.parse(Array(arguments.dropFirst()))
        } catch {
            throw Failure("The partials' report options can't be read by this trueup (\(options.joined(separator: " "))): \(ReportCommand.message(for: error))", code: Failure.data)
        }
        // The partials are handed over, not kept here: merge lets their cells go once the book is put together.
        var held: [(path: String, partial: Partial)]? = consume read
        try report.run { request throws(ReportError) in
            let partials = held!
            held = nil
            return try Report.merged(consume partials, request: request)
        }
    }

    /// A partial file's bytes, as a partial.
    static func read(_ path: String) throws(Failure) -> Partial {
        let opened: (file: SystemFile, status: FileStatus)
        do {
            opened = try SystemFile.openRegular(path)
        } catch {
            switch error {
            case .cantOpen(let error): throw Failure("\(path): can't open the partial (\(error)).", code: Failure.noInput)
            case .notRegular(let kind): throw Failure("\(path): is \(kind.described), not a partial file.", code: Failure.noInput)
            }
        }
        defer { opened.file.close() }
        var bytes = [UInt8](repeating: 0, count: opened.status.size)
        do {
            let got = try opened.file.readFully(into: &bytes, at: 0)
            guard got == bytes.count else { throw Failure("\(path): changed while it was read.", code: Failure.ioError) }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("\(path): reading failed (\(error)).", code: Failure.ioError)
        }
        do {
            return try Partial(bytes: bytes, path: path)
        } catch {
            throw Failure(error)
        }
    }
}

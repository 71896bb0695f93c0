import Dispatch
import Synchronization
import Trueup

/// What a report writes: the text for standard output, and which files go to the output
/// directory, each rendered from the finished result.
public struct ReportOutput {
    public enum Format: String, Sendable, CaseIterable { case table, csv, json, xlsx }

    public let result: ReportResult
    public let format: Format
    /// Whether files are written to an output directory.
    public let writesFiles: Bool
    /// How the CSV files are written (`--csv-dialect`, `--excel`).
    public let dialect: CSVOutputDialect
    /// run.json's `history`: where the run was recorded (nil without a history).
    public let recorded: RunJSON.History?
    /// Where rejects.csv is written, for the table's footer to name (nil without an output directory).
    public let rejectsFile: String?
    public let version: String
    /// How the table is laid out in the terminal.
    public var layout = TableLayout(wide: true)
    /// Whether report.xlsx is written beside the other files (`--no-xlsx` leaves it out).
    public var writesWorkbook = true

    public init(_ result: ReportResult, format: Format, writesFiles: Bool, dialect: CSVOutputDialect, recorded: RunJSON.History?,
                rejectsFile: String?, version: String) {
        self.result = result
        self.format = format
        self.writesFiles = writesFiles
        self.dialect = dialect
        self.recorded = recorded
        self.rejectsFile = rejectsFile
        self.version = version
    }

    /// Every name a report writes into its output directory: after a run, those this run does
    /// not write are removed, so the folder holds exactly one run's set.
    public static let allFileNames = ["metrics.csv", "flags.csv", "coverage.csv", "stability.csv", "agreement.csv",
                                      "rejects.csv", "run.json", "report.html", "report.xlsx", "README.txt"]

    /// The files of the output directory, in order, each with how to render it into a stream; metrics.csv first.
    /// flags.csv only grouped by customer, coverage.csv with the join audit, stability.csv with more
    /// than one lag, agreement.csv with agreements, rejects.csv only under `--skip-bad-rows`.
    ///
    /// The CSVs are written to their stream a line at a time, so a book of a million customers never
    /// holds a file's text whole.
    public var files: [(name: String, render: @Sendable (TextStream) -> Void)] {
        guard writesFiles else { return [] }
        let result = result, dialect = dialect, recorded = recorded, version = version, writesWorkbook = writesWorkbook
        let grouping = result.request.grouping
        @Sendable func csv(_ render: @escaping @Sendable (TextStream) -> Void) -> @Sendable (TextStream) -> Void {
            guard dialect.forSpreadsheets else { return render }
            return { stream in
                stream.convertsForSpreadsheets()
                render(stream)
            }
        }
        @Sendable func whole(_ render: @escaping @Sendable () -> String) -> @Sendable (TextStream) -> Void {
            { $0.write(render()) }
        }
        var files: [(name: String, render: @Sendable (TextStream) -> Void)] = [
            ("metrics.csv", csv { MetricsCSV.render(result.rows, grouping: grouping, priced: result.prices != nil, dialect: dialect, into: $0) }),
        ]
        if grouping == .customer {
            files.append(("flags.csv", csv { FlagsCSV.render(result.assessments, history: result.history, dialect: dialect, into: $0) }))
        }
        if let coverage = result.coverage {
            files.append(("coverage.csv", csv { CoverageCSV.render(coverage, dialect: dialect, into: $0) }))
        }
        if result.lags.count > 1 {
            files.append(("stability.csv", csv { StabilityCSV.render(result.stability, dialect: dialect, into: $0) }))
        }
        if result.request.agreements != nil {
            files.append(("agreement.csv", csv { AgreementCSV.render(result.agreement, priced: result.prices != nil, dialect: dialect, into: $0) }))
        }
        if result.request.skipBadRows {
            files.append(("rejects.csv", csv { RejectsCSV.render(result.rejects, dialect: dialect, into: $0) }))
        }
        files.append(("run.json", whole { RunJSON.value(result, version: version, history: recorded).rendered() + "\n" }))
        files.append(("report.html", whole { ReportHTML.render(result, version: version) }))
        let names = files.map(\.name) + (writesWorkbook ? [Self.workbookName] : [])
        files.append(("README.txt", whole { OutputReadme.render(result, files: names, dialect: dialect) }))
        return files
    }

    /// The name of the workbook in the output directory (`workbook`).
    public static let workbookName = "report.xlsx"

    /// report.xlsx: written beside the other files (nil without an output directory), by
    /// libxlsxwriter to a path the caller gives, since it writes to a file name.
    public var workbook: ReportWorkbook? { writesFiles && writesWorkbook ? ReportWorkbook(result) : nil }

    /// What the report prints: the table, metrics.csv's text or the JSON.
    public var standardOutput: @Sendable () -> String {
        let result = result, rejectsFile = rejectsFile, layout = layout
        let grouping = result.request.grouping
        switch format {
        case .table:
            return { grouping == .customer ? FlagsTable.render(result, rejectsFile: rejectsFile, layout: layout) : MetricsTable.render(result, rejectsFile: rejectsFile) }
        case .csv: return { MetricsCSV.render(result.rows, grouping: grouping, priced: result.prices != nil) }
        case .json: return { ReportJSON.value(result).rendered() + "\n" }
        // The workbook's bytes are written by the caller (`ReportWorkbook`), not rendered as text.
        case .xlsx: return { "" }
        }
    }

    /// Standard output's text and each file's, rendered at once on every core. With `--format csv`
    /// beside a plain metrics.csv, standard output is metrics.csv's text, rendered once.
    public func rendered() -> (standardOutput: String, files: [(name: String, text: String)]) {
        let files = files
        let sharesMetrics = format == .csv && writesFiles && dialect == .plain
        let texts = Self.renderAtOnce((sharesMetrics ? [] : [standardOutput]) + files.map { file in { @Sendable in TextStream.collected(file.render) } })
        let fileTexts = Array(texts.dropFirst(sharesMetrics ? 0 : 1))
        return (texts[0], zip(files, fileTexts).map { ($0.name, $1) })
    }

    /// Calls every render at once, on as many threads as there are cores, and returns their texts in order.
    ///
    /// Each render's text goes into its own slot under a lock: a handful of renders, each taking
    /// the lock once, so the lock costs nothing next to the rendering.
    static func renderAtOnce(_ renders: [@Sendable () -> String]) -> [String] {
        let texts = Mutex([String](repeating: "", count: renders.count))
        DispatchQueue.concurrentPerform(iterations: renders.count) { k in
            let text = renders[k]()
            texts.withLock { $0[k] = text }
        }
        return texts.withLock { $0 }
    }
}

import ArgumentParser
import Trueup
import TrueupReports

/// How a report is written, shared by `report` and `merge`: the table, --out DIR's files and the
/// history. A partial keeps none of them (`PartialRun`): merge is given them.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Directory for metrics.csv, flags.csv, run.json, report.html, report.xlsx and README.txt (created if missing).", valueName: "dir"))
    var out: String?

    @Option(help: "What to print: table, csv, json or xlsx (the workbook's bytes, to a file or a pipe: not to a terminal).")
    var format: ReportOutput.Format = .table

    @Flag(help: "Write the CSV files with a UTF-8 byte order mark and CRLF line ends, for spreadsheets opened by double-click (--csv-dialect excel).")
    var excel = false

    @Option(help: ArgumentHelp("How the CSV files in --out are written: plain (the default), excel (as --excel: a byte order mark and CRLF, for Excel with a decimal point) or excel-de (semicolons and decimal commas too, for Excel with a decimal comma).",
                               valueName: "dialect"))
    var csvDialect: CSVOutputDialect?

    @Flag(help: "Don't write DIR/report.xlsx (an earlier run's is removed).")
    var noXlsx = false

    @Flag(help: "Print the time spent reading, joining, computing and writing to stderr.")
    var timings = false

    @Option(help: ArgumentHelp("The run history (SQLite) to record this run in. Default with --out DIR: trueup-history.sqlite in DIR's parent.", valueName: "file"))
    var history: String?

    @Flag(help: "Don't record the run in a history.")
    var noHistory = false

    @Flag(help: "Show every column of the table, however wide (by default it fits the terminal: COLUMNS, else 100 characters).")
    var wide = false

    @Option(help: ArgumentHelp("Show only customers of these tiers in the table (not the files), e.g. unreliable,watch.", valueName: "tiers"),
            transform: OutputOptions.tiers)
    var tier: Set<Tier>?

    @Option(help: ArgumentHelp("Show only the first N customers of the table (not the files), after --tier.", valueName: "n"))
    var top: Int?

    /// The options above that take a value, and those that don't: what a partial leaves out.
    static let valued: Set<String> = ["--out", "--format", "--csv-dialect", "--history", "--tier", "--top"]
    static let flags: Set<String> = ["--excel", "--no-xlsx", "--timings", "--no-history", "--wide"]

    /// The dialect of the CSV files: --csv-dialect, else excel with --excel, else plain.
    var dialect: CSVOutputDialect { csvDialect ?? (excel ? .excel : .plain) }

    /// These options as a command line gives them (merge hands them to the report).
    var arguments: [String] {
        var arguments = ["--format", format.rawValue]
        if let out { arguments += ["--out", out] }
        if excel { arguments.append("--excel") }
        if let csvDialect { arguments += ["--csv-dialect", csvDialect.rawValue] }
        if noXlsx { arguments.append("--no-xlsx") }
        if timings { arguments.append("--timings") }
        if let history { arguments += ["--history", history] }
        if noHistory { arguments.append("--no-history") }
        if wide { arguments.append("--wide") }
        if let tier { arguments += ["--tier", tier.map(\.rawValue).sorted().joined(separator: ",")] }
        if let top { arguments += ["--top", String(top)] }
        return arguments
    }

    func validate() throws {
        if noHistory && history != nil { throw ValidationError("--history and --no-history can't be used together.") }
        if excel, let csvDialect, csvDialect != .excel {
            throw ValidationError("--excel is --csv-dialect excel; it can't be used with --csv-dialect \(csvDialect.rawValue).")
        }
    }

    static func tiers(_ text: String) throws -> Set<Tier> {
        var tiers = Set<Tier>()
        for name in text.split(separator: ",") {
            guard let tier = Tier(rawValue: String(name.filter { $0 != " " }).lowercased()) else {
                throw ValidationError("--tier takes \(Tier.allCases.map(\.rawValue).joined(separator: ", ")), separated by commas; not '\(name)'.")
            }
            tiers.insert(tier)
        }
        guard !tiers.isEmpty else { throw ValidationError("--tier names at least one tier.") }
        return tiers
    }
}

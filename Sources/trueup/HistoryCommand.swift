import ArgumentParser
import Trueup
import TrueupHistory
import TrueupReports

/// `trueup history`: the runs `report` recorded, or one customer's tier and figures run by run.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the recorded runs, or one customer's tier and key figures run by run.",
        discussion: """
            `trueup report --out DIR` records each run in trueup-history.sqlite beside DIR (or in --history FILE).
            Runs are listed by as-of period (the window's last month), then lag, newest last. A run of the same \
            as-of period and lag from other inputs supersedes the earlier one in comparisons; both are listed.
            Exit codes: 0 success, 64 usage or an unknown customer, 65 not a trueup history, 66 no history file, 74 I/O error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

    @Option(help: ArgumentHelp("The history file. Default: trueup-history.sqlite beside --out DIR, else in the current directory.", valueName: "file"))
    var history: String?

    @Option(help: ArgumentHelp("An output directory of report: its history is trueup-history.sqlite in its parent.", valueName: "dir"))
    var out: String?

    @Option(help: "Show this customer's tier and figures in each run.")
    var customer: String?

    @Option(help: ArgumentHelp("Only the runs at this lag.", valueName: "n"))
    var lag: Int?

    @Option(help: "table, or csv with every figure exact.")
    var format: Format = .table

    func validate() throws {
        if history != nil && out != nil { throw ValidationError("Give --history FILE or --out DIR, not both.") }
        if let lag, lag < 0 { throw ValidationError("--lag must be 0 or more months.") }
    }

    func run() throws {
        let path = HistoryFile.path(explicit: history, out: out) ?? HistoryFile.defaultName
        let store: HistoryStore
        if let kind = HistoryFile.kindIfNotRegular(path) {
            throw Failure("\(path): is \(kind), not a history file; name another with --history FILE.", code: Failure.noInput)
        }
        do {
            store = try HistoryStore(path: path, createIfMissing: false)
        } catch {
            throw Failure(error)
        }
        if let customer {
            try show(customer, in: store)
        } else {
            let runs = try Self.reading { () throws(HistoryError) in try store.runs(lag: lag) }
            try StandardStreams.writeOutput(format == .csv ? HistoryText.runsCSV(runs) : HistoryText.runs(runs))
        }
    }

    private func show(_ customer: String, in store: HistoryStore) throws(Failure) {
        let records = try Self.reading { () throws(HistoryError) in try store.customer(customer, lag: lag) }
        guard records.contains(where: { $0.customer != nil }) else {
            let names = try Self.reading { () throws(HistoryError) in try store.customerNames() }
            let similar = CustomerView.similar(customer, in: names)
            let hint = similar.isEmpty ? "" : " Similar names: \(similar.joined(separator: ", "))."
            let scope = lag.map { " at lag \($0)" } ?? ""
            throw Failure("No customer \(customer) in any recorded run\(scope) of \(store.path).\(hint)", code: Failure.usage)
        }
        try StandardStreams.writeOutput(format == .csv ? HistoryText.customerCSV(records) : HistoryText.customer(customer, records))
    }

    private static func reading<T>(_ body: () throws(HistoryError) -> T) throws(Failure) -> T {
        do {
            return try body()
        } catch {
            throw Failure(error)
        }
    }
}

import Foundation
import GRDB
import Trueup

/// The run history: one SQLite file of recorded runs and every customer's tier and figures in each.
///
/// Each `record` is one write transaction, so a run killed part way leaves the file as it was
/// before; SQLite rolls an unfinished transaction back the next time the file is opened.
public final class HistoryStore: Sendable {
    /// The file's path, as given.
    public let path: String
    private let queue: DatabaseQueue

    /// Opens the history at `path`, bringing its schema up to date.
    ///
    /// A missing file is created when `createIfMissing`, else it is `.missing`. A file with no
    /// tables becomes a history only when `createIfMissing`. Anything else that is not a trueup
    /// history (not SQLite, another program's tables) is refused before anything is written to it,
    /// and so is a history written by a later version.
    public init(path: String, createIfMissing: Bool) throws(HistoryError) {
        self.path = path
        if !createIfMissing && !FileManager.default.fileExists(atPath: path) { throw .missing(path: path) }
        var configuration = Configuration()
        // Two reports recording at once wait for each other instead of failing.
        configuration.busyMode = .timeout(10)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.mapped(error, path: path, opening: true)
        }
        let migrator = HistoryMigrations.migrator
        do {
            // A damaged file is refused before anything is read from or written to it.
            let check = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else {
                throw HistoryError.damaged(path: path, detail: check.prefix(3).joined(separator: "; "))
            }
            let tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            }
            if tables.isEmpty {
                guard createIfMissing else { throw HistoryError.notAHistory(path: path, reason: "it has no tables") }
            } else {
                try queue.read { db in try Self.checkIsHistory(db, tables: tables, migrator: migrator, path: path) }
            }
            try migrator.migrate(queue)
        } catch {
            throw Self.mapped(error, path: path, opening: false)
        }
    }

    /// Refuses a file whose tables are not a trueup history's, or whose migrations are not all known.
    private static func checkIsHistory(_ db: Database, tables: [String], migrator: DatabaseMigrator, path: String) throws {
        guard tables.contains("grdb_migrations") else {
            throw HistoryError.notAHistory(path: path, reason: "it holds other tables (\(tables.sorted().prefix(5).joined(separator: ", ")))")
        }
        let applied = try migrator.appliedIdentifiers(db)
        let unknown = applied.subtracting(migrator.migrations).sorted()
        guard applied.contains(HistoryMigrations.first) else {
            throw HistoryError.notAHistory(path: path, reason: "its schema is another program's (migrations \(unknown.prefix(5).joined(separator: ", ")))")
        }
        if !unknown.isEmpty { throw HistoryError.newer(path: path, unknownMigrations: unknown) }
    }

    /// Records the report's run at its report lag, replacing a run of the same as-of period, lag,
    /// window, policy and inputs, and compares it with the earlier runs, all in one transaction.
    ///
    /// Returns nil when the report has nothing to record: figures not grouped by customer, or no
    /// report lag. The comparison uses the runs at the same lag whose as-of period is before this
    /// one's, newest first, the one recorded last standing for an as-of period recorded more than once.
    public func record(_ result: ReportResult, recordedAt: String, version: String) throws(HistoryError) -> Recording? {
        do {
            return try record(result, recordedAt: recordedAt, version: version) { _ in }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw Self.mapped(error, path: path, opening: false)
        }
    }

    /// `record(_:recordedAt:version:)`, calling `beforeCommit` with the recording inside the transaction:
    /// what it throws is rethrown as it is, and the history stays as it was. The report's files are
    /// written there, so that the history records a run only once its files are in place.
    public func record(_ result: ReportResult, recordedAt: String, version: String,
                       beforeCommit: (Recording) throws -> Void) throws -> Recording? {
        guard let recorded = RecordedRun(result, recordedAt: recordedAt) else { return nil }
        let customers = result.assessments.map(RecordedCustomer.init)
        var stepFailure: (any Error)?
        do {
            return try queue.write { db in
                let policy = HistoryRows.policyJSON(result.request.policy)
                let old = try Int64.fetchOne(db, sql: """
                    SELECT id FROM run WHERE as_of = ? AND lag = ? AND window_from = ? AND window_to = ? AND policy = ?
                                         AND forecasts_sha256 = ? AND actuals_sha256 = ?
                    """, arguments: [recorded.asOf.description, recorded.lag, recorded.window.first.description,
                                    recorded.window.last.description, policy, recorded.forecastsSHA256, recorded.actualsSHA256])
                if let old { try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [old]) }
                var run = recorded
                run.policy = policy
                run.id = try HistoryRows.insert(run, of: result, version: version, in: db)
                try HistoryRows.insert(customers, run: run.id, in: db)
                let earlier = try Self.earlierRuns(before: run.asOf, lag: run.lag, limit: RunComparison.span - 1, in: db)
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") ?? 0
                let recording = Recording(run: run, comparison: RunComparison(current: result.assessments, earlier: earlier),
                                          replaced: old != nil, runCount: count)
                do {
                    try beforeCommit(recording)
                } catch {
                    stepFailure = error
                    throw error
                }
                return recording
            }
        } catch {
            if let stepFailure { throw stepFailure }
            throw Self.mapped(error, path: path, opening: false)
        }
    }

    /// Every recorded run (at `lag`, when given), by as-of period, then lag, then in the order recorded.
    public func runs(lag: Int? = nil) throws(HistoryError) -> [RecordedRun] {
        do {
            return try queue.read { db in try Self.runs(lag: lag, in: db) }
        } catch {
            throw Self.mapped(error, path: path, opening: false)
        }
    }

    /// Every run (at `lag`, when given) in the order of `runs`, with `customer`'s record in it (nil when absent).
    public func customer(_ name: String, lag: Int? = nil) throws(HistoryError) -> [(run: RecordedRun, customer: RecordedCustomer?)] {
        do {
            return try queue.read { db in
                let records = try Row.fetchAll(db, sql: "SELECT * FROM customer_figures WHERE customer = ?", arguments: [name])
                var byRun: [Int64: RecordedCustomer] = [:]
                for row in records { byRun[try row.decode(Int64.self, forColumn: "run_id")] = try HistoryRows.customer(row) }
                return try Self.runs(lag: lag, in: db).map { run in (run, byRun[run.id]) }
            }
        } catch {
            throw Self.mapped(error, path: path, opening: false)
        }
    }

    /// Every customer name recorded in any run, sorted.
    public func customerNames() throws(HistoryError) -> [String] {
        do {
            return try queue.read { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT customer FROM customer_figures ORDER BY customer")
            }
        } catch {
            throw Self.mapped(error, path: path, opening: false)
        }
    }

    private static func runs(lag: Int?, in db: Database) throws -> [RecordedRun] {
        let rows = try lag.map { lag in
            try Row.fetchAll(db, sql: "SELECT * FROM run WHERE lag = ? ORDER BY as_of, lag, id", arguments: [lag])
        } ?? Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY as_of, lag, id")
        return try rows.map(HistoryRows.run)
    }

    /// The runs at `lag` for as-of periods before `asOf`, newest first, the one that stands for each period (`RunStanding`).
    static func earlierRuns(before asOf: Month, lag: Int, limit: Int, in db: Database) throws
        -> [(run: RecordedRun, customers: [RecordedCustomer])] {
        let all = try Row.fetchAll(db, sql: "SELECT * FROM run WHERE lag = ? AND as_of < ? ORDER BY id", arguments: [lag, asOf.description])
            .map(HistoryRows.run)
        let standing = RunStanding.of(all)
        let runs = all.filter { standing[$0.id] == .stands }.sorted { $0.asOf > $1.asOf }.prefix(max(0, limit))
        return try runs.map { run in
            let customers = try Row.fetchAll(db, sql: "SELECT * FROM customer_figures WHERE run_id = ?", arguments: [run.id])
                .map(HistoryRows.customer)
            return (run, customers)
        }
    }

    /// The error in the history's words, naming the file.
    static func mapped(_ error: any Error, path: String, opening: Bool) -> HistoryError {
        switch error {
        case let error as HistoryError:
            return error
        case let error as HistoryRows.Damaged:
            return .notAHistory(path: path, reason: "it is damaged: \(error.reason)")
        case is RowDecodingError:
            return .notAHistory(path: path, reason: "it is damaged: a value is not of the kind trueup writes")
        case let error as DatabaseError:
            let reason = error.message ?? "\(error)"
            switch error.resultCode {
            case .SQLITE_NOTADB: return .notAHistory(path: path, reason: "it is not an SQLite database")
            case .SQLITE_CORRUPT: return .damaged(path: path, detail: reason)
            case .SQLITE_CANTOPEN: return opening ? .cantOpen(path: path, reason: reason) : .failed(path: path, reason: reason)
            default: return .failed(path: path, reason: reason)
            }
        default:
            return .failed(path: path, reason: "\(error)")
        }
    }
}

/// What recording a run produced: the run as stored and what the history adds to the report.
public struct Recording: Sendable, Equatable {
    /// The run as recorded, with its id.
    public var run: RecordedRun
    public var comparison: RunComparison
    /// Whether a run of the same as-of period, lag and inputs was replaced.
    public var replaced: Bool
    /// How many runs the history holds now, at every lag.
    public var runCount: Int
}

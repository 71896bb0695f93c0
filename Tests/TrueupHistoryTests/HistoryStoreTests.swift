import Foundation
import GRDB
import Testing
@testable import TrueupHistory
@testable import Trueup

/// The history store: schema, identity of a run, replacement, comparisons, queries, refusals.
///
/// Runs are made from the tiny fixture's real report, then given the as-of period, inputs and
/// tiers each test needs, so every figure recorded is one a report produced.
@Suite struct HistoryStoreTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tiny")

    /// A temporary directory, removed at the end of the test.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trueup-history-" + UUID().uuidString)
        init() { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    static func baseResult() throws -> ReportResult {
        try Report.run(ReportRequest(forecasts: fixtures.appendingPathComponent("forecasts.csv").path,
                                     actuals: fixtures.appendingPathComponent("actuals.csv").path))
    }

    /// The base report as if run for `asOf` on inputs named by `inputs`, with these customers' tiers.
    static func result(_ base: ReportResult, asOf: String, inputs: String = "a", tiers: [(String, Tier)]) throws -> ReportResult {
        var result = base
        let month = try #require(Month.parse(asOf))
        result.window = Window(first: month + (-11), last: month)
        result.forecasts.sha256 = "forecasts-" + inputs
        result.actuals.sha256 = "actuals-" + inputs
        let template = try #require(base.assessments.first)
        result.assessments = tiers.enumerated().map { i, entry in
            var a = template
            a.customer = entry.0
            a.tier = entry.1
            a.figures.wmape = 10 + Double(i) + Double(month.index % 7) / 8
            return a
        }
        return result
    }

    @Test func migrationsCreateTheSchemaAndAreNamed() throws {
        let folder = Folder()
        let path = folder.path("h.sqlite")
        _ = try HistoryStore(path: path, createIfMissing: true)
        let db = try DatabaseQueue(path: path)
        try db.read { db in
            let migrations = ["v1-runs-and-customers", "v2-run-identity-window-and-policy", "v3-customer-names"]
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == migrations)
            #expect(HistoryMigrations.migrator.migrations == migrations)
            let runColumns = try db.columns(in: "run").map(\.name)
            #expect(runColumns == ["id", "as_of", "lag", "window_from", "window_to", "recorded_at", "forecasts_path",
                                   "forecasts_sha256", "actuals_path", "actuals_sha256", "policy", "trueup_version",
                                   "unreliable", "watch", "insufficient_data", "trusted", "book_wmape", "book_bias_pct"])
            let customerColumns = try db.columns(in: "customer_figures").map(\.name)
            #expect(customerColumns == ["run_id", "customer", "tier", "reasons", "periods", "actual", "forecast", "bias_pct",
                                        "wmape", "fva_pts", "sign_test_p", "tracking_signal", "error_share_pct",
                                        "customer_name"])
            #expect(try db.primaryKey("customer_figures").columns == ["run_id", "customer"])
            let foreignKey = try #require(try db.foreignKeys(on: "customer_figures").first)
            #expect(foreignKey.destinationTable == "run")
        }
        // Opening again runs no migration twice.
        _ = try HistoryStore(path: path, createIfMissing: false)
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM grdb_migrations") } == 3)
    }

    @Test func aRunKeepsEveryFigureExactly() throws {
        let folder = Folder()
        let store = try HistoryStore(path: folder.path("h.sqlite"), createIfMissing: true)
        let base = try Self.baseResult()
        let recording = try #require(try store.record(base, recordedAt: "2026-01-02T03:04:05Z", version: "test"))
        #expect(recording.run.id > 0)
        #expect(!recording.replaced)
        let stored = try store.runs()
        #expect(stored == [recording.run])
        #expect(stored.first?.asOf == base.window.last)
        #expect(stored.first?.tierCounts[.insufficientData] == 2)
        for a in base.assessments {
            let records = try store.customer(a.customer)
            #expect(records.count == 1)
            #expect(records.first?.customer == RecordedCustomer(a), "\(a.customer) reads back as recorded, nil figures as nil")
        }
    }

    @Test func recordingTheSameRunAgainReplacesIt() throws {
        let folder = Folder()
        let path = folder.path("h.sqlite")
        let store = try HistoryStore(path: path, createIfMissing: true)
        let base = try Self.baseResult()
        var first = try Self.result(base, asOf: "2025-06", tiers: [("X", .watch), ("Y", .trusted), ("Z", .trusted)])
        _ = try store.record(first, recordedAt: "2026-01-01T00:00:00Z", version: "test")
        first.assessments[0].tier = .unreliable
        first.assessments[0].figures.wmape = 55.5
        first.assessments.removeLast()
        let again = try #require(try store.record(first, recordedAt: "2026-01-02T00:00:00Z", version: "test"))
        #expect(again.replaced)
        #expect(again.runCount == 1)
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs.first?.recordedAt == "2026-01-02T00:00:00Z")
        #expect(try store.customer("X").first?.customer?.tier == .unreliable)
        #expect(try store.customer("X").first?.customer?.wmape == 55.5)
        #expect(try store.customer("Z").first?.customer == nil, "the old run's customers went with it")
        let rows = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM customer_figures") }
        #expect(rows == 2)
    }

    @Test func otherInputsForTheSameMonthAreAnotherRunAndTheLaterStands() throws {
        let folder = Folder()
        let store = try HistoryStore(path: folder.path("h.sqlite"), createIfMissing: true)
        let base = try Self.baseResult()
        _ = try store.record(try Self.result(base, asOf: "2025-06", inputs: "a", tiers: [("X", .trusted)]), recordedAt: "t1", version: "test")
        let corrected = try #require(try store.record(try Self.result(base, asOf: "2025-06", inputs: "b", tiers: [("X", .watch)]),
                                                      recordedAt: "t2", version: "test"))
        #expect(!corrected.replaced)
        #expect(try store.runs().count == 2)
        let next = try #require(try store.record(try Self.result(base, asOf: "2025-07", tiers: [("X", .unreliable)]), recordedAt: "t3", version: "test"))
        #expect(next.comparison.previous?.id == corrected.run.id)
        #expect(next.comparison.runs == 2, "one run stands for 2025-06")
        #expect(next.comparison.customers["X"]?.previousTier == .watch)
        #expect(next.comparison.customers["X"]?.newlyFlagged == false)
    }

    @Test func countsOverSevenRunsUseOnlyTheLastSix() throws {
        let folder = Folder()
        let store = try HistoryStore(path: folder.path("h.sqlite"), createIfMissing: true)
        let base = try Self.baseResult()
        let x: [Tier] = [.unreliable, .unreliable, .trusted, .unreliable, .watch, .unreliable, .unreliable]
        let y: [Tier] = [.watch, .trusted, .trusted, .trusted, .watch, .trusted, .trusted]
        var last: Recording?
        for month in 0..<7 {
            let asOf = "2025-0\(month + 1)"
            last = try store.record(try Self.result(base, asOf: asOf, tiers: [("X", x[month]), ("Y", y[month])]),
                                    recordedAt: "t\(month)", version: "test")
        }
        let comparison = try #require(last?.comparison)
        #expect(comparison.runs == 6)
        #expect(comparison.previous?.asOf.description == "2025-06")
        // X unreliable in 2025-02, -04, -06 and now; 2025-01 is outside the last 6.
        #expect(comparison.customers["X"]?.runsAtLeastAsSevere == 4)
        #expect(comparison.customers["X"]?.flaggedRuns == 4)
        // Y trusted now, flagged (watch) in 2025-05 only among the last 6.
        #expect(comparison.customers["Y"]?.flaggedRuns == 1)
        #expect(comparison.customers["Y"]?.runsAtLeastAsSevere == 6)
    }

    @Test func newlyFlaggedIsFlaggedNowAndNotInThePreviousRun() throws {
        let folder = Folder()
        let store = try HistoryStore(path: folder.path("h.sqlite"), createIfMissing: true)
        let base = try Self.baseResult()
        let first = try #require(try store.record(try Self.result(base, asOf: "2025-05", tiers: [("X", .unreliable), ("Y", .trusted)]),
                                                  recordedAt: "t1", version: "test"))
        #expect(first.comparison.previous == nil)
        #expect(first.comparison.customers["X"]?.newlyFlagged == false, "nothing is newly flagged on the first run")
        let second = try #require(try store.record(
            try Self.result(base, asOf: "2025-06", tiers: [("X", .unreliable), ("Y", .watch), ("W", .unreliable), ("V", .trusted)]),
            recordedAt: "t2", version: "test"))
        #expect(second.comparison.customers["X"]?.newlyFlagged == false)
        #expect(second.comparison.customers["Y"]?.newlyFlagged == true)
        #expect(second.comparison.customers["Y"]?.previousTier == .trusted)
        #expect(second.comparison.customers["W"]?.newlyFlagged == true, "flagged and not in the previous run")
        #expect(second.comparison.customers["W"]?.previousTier == nil)
        #expect(second.comparison.customers["V"]?.newlyFlagged == false)
    }

    @Test func customerQueryGivesEveryRunWithTheCustomerOrNil() throws {
        let folder = Folder()
        let store = try HistoryStore(path: folder.path("h.sqlite"), createIfMissing: true)
        let base = try Self.baseResult()
        for (asOf, tiers) in [("2025-04", [("X", Tier.watch)]), ("2025-05", [("Y", .trusted)]), ("2025-06", [("X", .trusted), ("Y", .watch)])] {
            _ = try store.record(try Self.result(base, asOf: asOf, tiers: tiers), recordedAt: asOf, version: "test")
        }
        var otherLag = try Self.result(base, asOf: "2025-06", tiers: [("X", .unreliable)])
        otherLag.reportLag = 3
        otherLag.assessments = otherLag.assessments.map { var a = $0; a.lag = 3; return a }
        _ = try store.record(otherLag, recordedAt: "lag 3", version: "test")
        let x = try store.customer("X")
        #expect(x.map { $0.run.asOf.description } == ["2025-04", "2025-05", "2025-06", "2025-06"])
        #expect(x.map { $0.run.lag } == [1, 1, 1, 3])
        #expect(x.map { $0.customer?.tier } == [.watch, nil, .trusted, .unreliable])
        #expect(try store.customer("X", lag: 3).map { $0.customer?.tier } == [.unreliable])
        #expect(try store.customerNames() == ["X", "Y"])
        #expect(try store.customer("nobody").allSatisfy { $0.customer == nil })
    }

    @Test func reportsGroupedByItemAreNotRecorded() throws {
        let folder = Folder()
        let store = try HistoryStore(path: folder.path("h.sqlite"), createIfMissing: true)
        var result = try Self.baseResult()
        result.request.grouping = .item
        #expect(try store.record(result, recordedAt: "t", version: "test") == nil)
        #expect(try store.runs().isEmpty)
    }

    @Test func aFileThatIsNotAHistoryIsRefusedAndLeftAlone() throws {
        let folder = Folder()
        let other = folder.path("other.sqlite")
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE orders (id INTEGER PRIMARY KEY)") }
        #expect(throws: HistoryError.notAHistory(path: other, reason: "it holds other tables (orders)")) {
            try HistoryStore(path: other, createIfMissing: true)
        }
        let tables = try DatabaseQueue(path: other).read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["orders"], "nothing was added to it")

        let text = folder.path("text.sqlite")
        FileManager.default.createFile(atPath: text, contents: Data("customer,item\nA,x\n".utf8))
        #expect(throws: HistoryError.notAHistory(path: text, reason: "it is not an SQLite database")) {
            try HistoryStore(path: text, createIfMissing: true)
        }
        #expect(throws: HistoryError.missing(path: folder.path("none.sqlite"))) {
            try HistoryStore(path: folder.path("none.sqlite"), createIfMissing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("none.sqlite")))
    }

    @Test func aHistoryFromALaterVersionIsRefused() throws {
        let folder = Folder()
        let path = folder.path("h.sqlite")
        _ = try HistoryStore(path: path, createIfMissing: true)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2-something-later')") }
        #expect(throws: HistoryError.newer(path: path, unknownMigrations: ["v2-something-later"])) {
            try HistoryStore(path: path, createIfMissing: false)
        }
    }

    @Test func namesAreKeptBesideTheCodes() throws {
        let folder = Folder()
        let store = try HistoryStore(path: folder.path("h.sqlite"), createIfMissing: true)
        var result = try Self.result(try Self.baseResult(), asOf: "2025-06", tiers: [("C1", .watch), ("C2", .trusted)])
        result.assessments[0].customerName = "Müller & Söhne GmbH"
        _ = try store.record(result, recordedAt: "2026-01-02T03:04:05Z", version: "test")
        #expect(try store.customer("C1").first?.customer?.customerName == "Müller & Söhne GmbH")
        #expect(try store.customer("C2").first?.customer?.customerName == nil)
    }

    /// A history written by the first version (made here with its migration's own SQL, and a run in
    /// it) is upgraded when opened: the run and its customers read back as they were, without names,
    /// and a run recorded after the upgrade keeps its names.
    @Test func aFirstVersionHistoryWithRunsIsUpgradedInPlace() throws {
        let folder = Folder()
        let path = folder.path("h.sqlite")
        let queue = try DatabaseQueue(path: path)
        try HistoryMigrations.migrator.migrate(queue, upTo: HistoryMigrations.first)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO run (as_of, lag, window_from, window_to, recorded_at, forecasts_path, forecasts_sha256,
                                 actuals_path, actuals_sha256, policy, trueup_version, unreliable, watch,
                                 insufficient_data, trusted, book_wmape, book_bias_pct)
                VALUES ('2025-05', 1, '2024-06', '2025-05', '2025-06-01T08:00:00Z', 'f.csv', 'fh', 'a.csv', 'ah', '{}',
                        '0.9', 1, 0, 0, 1, 12.5, -3.25);
                INSERT INTO customer_figures (run_id, customer, tier, reasons, periods, actual, forecast, bias_pct, wmape,
                                              fva_pts, sign_test_p, tracking_signal, error_share_pct)
                VALUES (1, 'C1', 'unreliable', 'over-forecast;high-error', 12, 1000.5, 1200, 19.9, 31.25, NULL, 0.01, 4.5, 60),
                       (1, 'C2', 'trusted', '', 12, 800, 790, -1.25, 5, 2, NULL, NULL, 40);
                """)
        }
        let store = try HistoryStore(path: path, createIfMissing: false)
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs.first?.asOf.description == "2025-05")
        #expect(runs.first?.wmape == 12.5 && runs.first?.biasPct == -3.25)
        let c1 = try #require(try store.customer("C1").first?.customer)
        #expect(c1.tier == .unreliable && c1.reasons == [.overForecast, .highError] && c1.actual == 1000.5 && c1.fvaPts == nil)
        #expect(c1.customerName == nil)
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            == HistoryMigrations.migrator.migrations)
        // A later run on the upgraded file: another as-of, with a name.
        var result = try Self.result(try Self.baseResult(), asOf: "2025-06", tiers: [("C1", .watch)])
        result.assessments[0].customerName = "Acme"
        _ = try store.record(result, recordedAt: "2026-01-02T03:04:05Z", version: "test")
        let records = try store.customer("C1")
        #expect(records.map { $0.customer?.customerName } == [nil, "Acme"])
    }
}

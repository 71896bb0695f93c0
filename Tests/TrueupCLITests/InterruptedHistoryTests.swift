import Foundation
import GRDB
import Testing

/// A `report --history` killed at any moment leaves the history as it was, or with the whole new run.
@Suite(.tags(.slow), .enabled(if: SlowTests.enabled, SlowTests.skipped)) struct InterruptedHistoryTests {
    /// Each recorded run's as-of period and how many customers it holds, after checking the file's integrity.
    static func state(_ path: String) throws -> [String: Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let rows = try Row.fetchAll(db, sql: """
                SELECT as_of, (SELECT COUNT(*) FROM customer_figures WHERE run_id = run.id) AS customers FROM run
                """)
            var state: [String: Int] = [:]
            for row in rows { state[row["as_of"]] = row["customers"] }
            return state
        }
    }

    /// The id of the run recorded for `asOf` (nil when there is none).
    static func runID(_ path: String, asOf: String) throws -> Int64? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Int64.fetchOne($0, sql: "SELECT id FROM run WHERE as_of = ?", arguments: [asOf]) }
    }

    /// Puts `snapshot` back as the history, with no journal left beside it.
    static func restore(_ snapshot: Data, to path: String) {
        try? FileManager.default.removeItem(atPath: path + "-journal")
        FileManager.default.createFile(atPath: path, contents: snapshot)
    }

    @Test func killedRunsLeaveThePreviousHistoryOrTheWholeNewRun() throws {
        let space = Workspace()
        let data = space.url.appendingPathComponent("data").path
        #expect(try CLI.run(["generate", "--customers", "3000", "--items", "2", "--months", "14", "--lags", "1", "--seed", "5", data]).status == 0)
        let inputs = ["report", "--wide", "--forecasts", data + "/forecasts.csv", "--actuals", data + "/actuals.csv", "--format", "csv"]
        let history = space.url.appendingPathComponent("history.sqlite").path

        // The new run, undisturbed, in a history of its own: how many customers a complete run holds.
        let reference = space.url.appendingPathComponent("reference.sqlite").path
        let started = Date()
        #expect(try CLI.run(inputs + ["--to", "2024-12", "--history", reference]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let complete = try #require(try Self.state(reference)["2024-12"])
        #expect(complete > 2900)

        // The previous state: the month before, recorded.
        #expect(try CLI.run(inputs + ["--to", "2024-11", "--history", history]).status == 0)
        let previous = try Self.state(history)
        #expect(previous.count == 1)
        var snapshot = try Data(contentsOf: URL(fileURLWithPath: history))

        // Kill runs of the next month at moments spread over a whole run, most of them near its end,
        // where the run is recorded, and five just inside the recording's transaction; then the same
        // again over a history that already holds that month, where recording replaces the run.
        var outcomes: [String: Int] = [:]
        for phase in ["record", "replace"] {
            let before = try Self.state(history)
            let after = previous.merging(["2024-12": complete]) { _, new in new }
            let beforeID = try Self.runID(history, asOf: "2024-12")
            var started = Date()
            for attempt in 0..<11 {
                let process = Process()
                process.executableURL = CLI.executable
                process.arguments = inputs + ["--to", "2024-12", "--history", history]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                started = Date()
                let fraction: Double
                if attempt < 6 {
                    fraction = attempt < 2 ? 0.3 + 0.3 * Double(attempt) : 0.85 + 0.45 * Double(attempt - 2) / 3
                    usleep(useconds_t(duration * fraction * 1_000_000))
                } else {
                    // Wait for the recording's transaction to begin (SQLite's journal appears), then kill
                    // 0 to 2 ms into it.
                    let deadline = Date().addingTimeInterval(3 * duration)
                    while !FileManager.default.fileExists(atPath: history + "-journal") && Date() < deadline && process.isRunning {}
                    fraction = Date().timeIntervalSince(started) / duration
                    usleep(useconds_t(500 * (attempt - 6)))
                }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                // A journal left beside the file means the kill came inside the recording's transaction.
                let inTransaction = FileManager.default.fileExists(atPath: history + "-journal")
                if inTransaction { outcomes["\(phase): killed while writing", default: 0] += 1 }
                let now = try Self.state(history)
                #expect(now == before || now == after, "\(phase): after a kill at \(Int(fraction * 100))% of a run the history holds \(now)")
                let replaced = try Self.runID(history, asOf: "2024-12") != beforeID
                outcomes["\(phase): \(replaced ? "with the new run" : "as before")", default: 0] += 1
                if inTransaction { #expect(!replaced, "a kill inside the transaction rolls it back") }
                Self.restore(snapshot, to: history)
            }
            if phase == "record" {
                #expect(try CLI.run(inputs + ["--to", "2024-12", "--history", history]).status == 0)
                #expect(try Self.state(history) == after)
                snapshot = try Data(contentsOf: URL(fileURLWithPath: history))
            }
        }
        #expect(outcomes["record: as before", default: 0] > 0, "some kills came before the recording")
        #expect(outcomes["record: killed while writing", default: 0] + outcomes["replace: killed while writing", default: 0] > 0,
                "some kills came inside the recording's transaction")
        print("Kills of report --history: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }
}

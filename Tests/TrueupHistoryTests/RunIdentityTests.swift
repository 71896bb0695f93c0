import Foundation
import Testing
@testable import TrueupHistory
@testable import Trueup

/// A run is its as-of period, lag, window, policy and inputs: trials never replace the official run.
@Suite struct RunIdentityTests {
    static func run(_ id: Int64, asOf: String, from: String = "2024-07", policy: String = "p") throws -> RecordedRun {
        let month = try #require(Month.parse(asOf))
        var run = RecordedRun(id: id, asOf: month, lag: 1, window: Window(first: try #require(Month.parse(from)), last: month),
                              recordedAt: "t\(id)", forecastsSHA256: "f\(id)", actualsSHA256: "a\(id)", tierCounts: [:],
                              wmape: nil, biasPct: nil)
        run.policy = policy
        return run
    }

    @Test func theFirstRunOfAMonthSetsItsWindowAndPolicy() throws {
        let runs = [
            try Self.run(1, asOf: "2025-06"),
            try Self.run(2, asOf: "2025-06", from: "2025-01"),      // another window: a trial
            try Self.run(3, asOf: "2025-06", policy: "strict"),      // another policy: a trial
            try Self.run(4, asOf: "2025-06"),                        // corrected inputs: supersedes run 1
            try Self.run(5, asOf: "2025-07", from: "2025-01"),       // the first run of July
        ]
        let standing = RunStanding.of(runs)
        #expect(standing[1] == .superseded(by: 4))
        #expect(standing[2] == .trial(official: 4))
        #expect(standing[3] == .trial(official: 4))
        #expect(standing[4] == .stands)
        #expect(standing[5] == .stands)
    }

    @Test func aTrialIsRecordedBesideTheOfficialRunAndNeverComparedWith() throws {
        let folder = HistoryStoreTests.Folder()
        let store = try HistoryStore(path: folder.path("h.sqlite"), createIfMissing: true)
        let base = try HistoryStoreTests.baseResult()
        let official = try HistoryStoreTests.result(base, asOf: "2025-06", tiers: [("X", .trusted)])
        _ = try store.record(official, recordedAt: "t1", version: "test")
        var trial = try HistoryStoreTests.result(base, asOf: "2025-06", tiers: [("X", .unreliable)])
        trial.window.first = trial.window.first + 6
        let recorded = try #require(try store.record(trial, recordedAt: "t2", version: "test"))
        #expect(!recorded.replaced, "the same inputs with another window are another run")
        #expect(try store.runs().count == 2)
        let next = try #require(try store.record(try HistoryStoreTests.result(base, asOf: "2025-07", tiers: [("X", .watch)]),
                                                 recordedAt: "t3", version: "test"))
        #expect(next.comparison.previous?.recordedAt == "t1", "the official run stands for June, not the later trial")
        #expect(next.comparison.customers["X"]?.previousTier == .trusted)
        // Recording the trial again replaces only the trial.
        let again = try #require(try store.record(trial, recordedAt: "t4", version: "test"))
        #expect(again.replaced)
        #expect(try store.runs().map(\.recordedAt) == ["t1", "t4", "t3"])
    }
}

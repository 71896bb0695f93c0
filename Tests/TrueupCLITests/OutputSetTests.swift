import Foundation
import Testing

/// `--out` and the history path never go through a link, and the output folder holds exactly
/// the latest run's set of files.
@Suite struct OutputSetTests {
    static let tiny = ReportCommandTests.self

    @Test func anOutputFolderThatIsALinkIsRefused() throws {
        let space = Workspace()
        try FileManager.default.createDirectory(at: space.url.appendingPathComponent("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: space.url.appendingPathComponent("out").path, withDestinationPath: "real")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.tiny.forecasts), "--actuals",
                                   space.file("a.csv", Self.tiny.actuals), "--out", "out", "--no-history"], in: space.url)
        #expect(outcome.status == 73)
        #expect(outcome.stderr.hasPrefix("trueup: out: the output directory is a symbolic link to "), "\(outcome.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: space.url.appendingPathComponent("real").path)) == [])
    }

    @Test func aDanglingHistoryLinkIsRefusedAndCreatesNothing() throws {
        let space = Workspace()
        let target = space.url.appendingPathComponent("elsewhere.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: space.url.appendingPathComponent("h.sqlite").path, withDestinationPath: target)
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.tiny.forecasts), "--actuals",
                                   space.file("a.csv", Self.tiny.actuals), "--history", "h.sqlite", "--format", "csv"], in: space.url)
        #expect(outcome.status == 73)
        #expect(outcome.stderr == "trueup: h.sqlite: the history file is a symbolic link that points nowhere; trueup doesn't "
            + "follow it. Name the real path instead.\n")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func filesOfAnEarlierRunAreRemovedWithTheNewSet() throws {
        let space = Workspace()
        let f = space.file("f.csv", Self.tiny.forecasts + "B,x,bad,1,5\n"), a = space.file("a.csv", Self.tiny.actuals)
        let first = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--skip-bad-rows", "--max-bad-rows", "100", "--out", "out", "--no-history"],
                                in: space.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(space.read("out/rejects.csv") != nil)
        space.file("out/notes.txt", "mine\n")
        let clean = space.file("g.csv", Self.tiny.forecasts)
        let second = try CLI.run(["report", "--wide", "--forecasts", clean, "--actuals", a, "--out", "out", "--no-history"], in: space.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(space.read("out/rejects.csv") == nil)
        #expect(space.read("out/notes.txt") == "mine\n")
        #expect(space.read("out/metrics.csv") != nil)
    }
}

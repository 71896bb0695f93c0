import Foundation
import Testing

/// SIGINT and SIGTERM end a run with nothing left in the temporary folder, which a run doesn't need.
@Suite struct SignalCleanupTests {
    static let tiny = ReportCommandTests.self

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalRemovesTheTemporaries(signal: Int32) throws {
        let space = Workspace()
        let temporary = space.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["report", "--wide", "--forecasts", space.file("f.csv", Self.tiny.forecasts), "--forecasts", "-",
                             "--actuals", space.file("a.csv", Self.tiny.actuals), "--no-history"]
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporary.path
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Standard input never ends: the run waits, its normalized text in memory, not in the temporary folder.
        Thread.sleep(forTimeInterval: 0.5)
        #expect(process.isRunning)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) == [])
        kill(process.processIdentifier, signal)
        // The run must end at once; a second's grace, then it is ended for good (the test fails).
        var ended = 0
        while process.isRunning && ended < 40 {
            Thread.sleep(forTimeInterval: 0.05)
            ended += 1
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(process.terminationStatus == 128 + signal)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) == [])
    }

    /// Intake keeps its text in memory, and so does `--format xlsx` its workbook: a folder and
    /// standard input are read, and the workbook goes to standard output, with a temporary folder that doesn't exist.
    @Test func noTemporaryFolderIsNeeded() throws {
        let space = Workspace()
        let folder = space.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The forecasts split in two files of a folder: the same figures as the one file.
        let lines = Self.tiny.forecasts.split(separator: "\n", omittingEmptySubsequences: false)
        let half = lines.count / 2
        space.file("in/f.csv", lines[..<half].joined(separator: "\n") + "\n")
        space.file("in/g.csv", ([lines[0]] + lines[half...]).joined(separator: "\n"))
        space.file("a.csv", Self.tiny.actuals)
        let whole = try CLI.run(["report", "--wide", "--forecasts", space.file("f-whole.csv", Self.tiny.forecasts),
                                 "--actuals", space.file("a.csv", Self.tiny.actuals), "--no-history", "--format", "csv"])
        let noFolder = "TMPDIR=/nonexistent-trueup-tmp"
        let outcome = try CLI.shell("\(noFolder) trueup report --wide --forecasts in --actuals - --no-history --format csv < a.csv",
                                    in: space.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(whole.status == 0 && outcome.stdout == whole.stdout, "\(outcome.stdout)")
        let workbook = try CLI.shell("\(noFolder) trueup report --forecasts in --actuals a.csv --no-history --format xlsx", in: space.url)
        #expect(workbook.status == 0, "\(workbook.stderr)")
        #expect(workbook.stdout.hasPrefix("PK"))
    }
}

import Foundation
import Testing

/// SIGINT and SIGTERM remove the temporaries of a run, and a temporary folder that can't be
/// written is named.
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
        // Standard input never ends: the run waits with its normalized text in the temporary folder.
        var waited = 0
        while (try? FileManager.default.contentsOfDirectory(atPath: temporary.path))?.isEmpty != false && waited < 60 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 1
        }
        #expect(waited < 60, "no temporary appeared")
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

    @Test func aTemporaryFolderThatCantBeWrittenIsNamed() throws {
        let space = Workspace()
        let folder = space.url.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        space.file("in/f.csv", Self.tiny.forecasts)
        space.file("in/g.csv", Self.tiny.forecasts.replacingOccurrences(of: "\nA,", with: "\nG,"))
        let outcome = try CLI.run(["report", "--wide", "--forecasts", folder.path, "--actuals", space.file("a.csv", Self.tiny.actuals),
                                   "--no-history", "--format", "csv"], environment: ["TMPDIR": "/nonexistent-trueup-tmp"])
        #expect(outcome.status == 73)
        #expect(outcome.stderr.hasPrefix("trueup: TMPDIR /nonexistent-trueup-tmp: can't create a temporary file there for "), "\(outcome.stderr)")
    }
}

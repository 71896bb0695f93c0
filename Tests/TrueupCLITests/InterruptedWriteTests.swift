import Foundation
import Testing

/// A run killed at any moment leaves each output file whole: the previous version or the new one.
@Suite(.tags(.slow), .enabled(if: SlowTests.enabled, SlowTests.skipped)) struct InterruptedWriteTests {
    @Test func killedRunsNeverLeaveATruncatedFile() throws {
        let space = Workspace()
        let data = space.url.appendingPathComponent("data").path
        #expect(try CLI.run(["generate", "--customers", "100", "--items", "25", "--months", "18", "--lags", "2", "--seed", "9", data]).status == 0)
        let arguments = ["report", "--wide", "--forecasts", data + "/forecasts.csv", "--actuals", data + "/actuals.csv", "--by", "customer,item", "--format", "csv"]
        let out = space.url.appendingPathComponent("out").path
        let names = ["metrics.csv", "run.json"]

        // The complete new files, from an undisturbed run elsewhere, and the previous files in place.
        #expect(try CLI.run(arguments + ["--lag", "2", "--out", space.url.appendingPathComponent("new").path]).status == 0)
        let newFiles = names.map { space.read("new/\($0)") ?? "" }
        let started = Date()
        #expect(try CLI.run(arguments + ["--lag", "1", "--out", out]).status == 0)
        let duration = Date().timeIntervalSince(started)
        let oldFiles = names.map { space.read("out/\($0)") ?? "" }
        #expect(newFiles != oldFiles)

        // Kill new runs at moments spread over a whole run, the later ones around the writing at its end.
        var outcomes: [String: Int] = [:]
        for attempt in 0..<12 {
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = arguments + ["--lag", "2", "--out", out]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let fraction = attempt < 6 ? Double(attempt) / 6 : 0.85 + 0.2 * Double(attempt - 6) / 6
            usleep(useconds_t(duration * fraction * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for (k, name) in names.enumerated() {
                let now = space.read("out/\(name)") ?? ""
                #expect(now == oldFiles[k] || now == newFiles[k], "\(name) after a kill at \(Int(fraction * 100))% of a run is neither whole version")
                outcomes[now == newFiles[k] ? "new" : "old", default: 0] += 1
            }
            // Start the next attempt from the previous files again.
            for (k, name) in names.enumerated() { _ = space.file("out/\(name)", oldFiles[k]) }
        }
        #expect(outcomes["old", default: 0] > 0, "some kills came before the writing")

        // The next whole run removes what killed runs left half-written; a live run's file stays.
        let dead = try Self.deadProcess()
        let abandoned = space.file("out/.metrics.csv.tmp-\(dead)", "half a file")
        let living = space.file("out/.metrics.csv.tmp-1", "another run's file, still being written")
        #expect(try CLI.run(arguments + ["--lag", "2", "--out", out]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(FileManager.default.fileExists(atPath: living))
        let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".tmp-") }
        #expect(left == [".metrics.csv.tmp-1"], "only the live process's temporary file is left: \(left)")
    }

    /// A process id that no running process has: a child that has exited and been waited for.
    static func deadProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}

import Foundation
import Testing

/// Runs the built `trueup` executable, as a user would from a shell.
enum CLI {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The directory holding the built products, `trueup` among them.
    static var productsDirectory: URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("trueup").path) }
            ?? Bundle.main.bundleURL
    }

    static var executable: URL { productsDirectory.appendingPathComponent("trueup") }

    /// The package root, where datasets/ and notebooks-md/ live.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
        try run(executable: executable, arguments, in: directory, environment: baseEnvironment)
    }

    /// The tests' environment without the terminal's width: outputs don't depend on where the tests run.
    static var baseEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = nil
        return environment
    }

    /// Runs `trueup` with these variables added to (or, with nil, removed from) the environment.
    static func run(_ arguments: [String], in directory: URL? = nil, environment changes: [String: String?]) throws -> Outcome {
        var environment = baseEnvironment
        for (name, value) in changes { environment[name] = value }
        return try run(executable: executable, arguments, in: directory, environment: environment)
    }

    /// stderr without `--format csv`'s first line, the join's matched shares ("trueup: Matched: ...").
    static func withoutMatched(_ stderr: String) -> String {
        guard stderr.hasPrefix("trueup: Matched: "), let end = stderr.firstIndex(of: "\n") else { return stderr }
        return String(stderr[stderr.index(after: end)...])
    }

    /// Runs a shell command line with `trueup` on the PATH; stderr goes where the line says.
    static func shell(_ line: String, in directory: URL) throws -> Outcome {
        var environment = baseEnvironment
        environment["PATH"] = productsDirectory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return try run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", line], in: directory, environment: environment)
    }

    private static func run(executable: URL, _ arguments: [String], in directory: URL?,
                            environment: [String: String]? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        // Output goes to files, not pipes: a large output can't fill a pipe and stall the child.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("trueup-cli-out-" + UUID().uuidString)
        let outURL = base.appendingPathExtension("stdout"), errURL = base.appendingPathExtension("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = try Data(contentsOf: outURL), stderr = try Data(contentsOf: errURL)
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A temporary directory for one test's files.
final class Workspace {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("trueup-cli-" + UUID().uuidString)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func file(_ name: String, _ text: String) -> String {
        let target = url.appendingPathComponent(name)
        FileManager.default.createFile(atPath: target.path, contents: Data(text.utf8))
        return target.path
    }

    func read(_ name: String) -> String? {
        (try? Data(contentsOf: url.appendingPathComponent(name))).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension Tag {
    /// Suites that take long (interrupted writes and history, the notebooks). They run only when
    /// `TRUEUP_SLOW_TESTS=1` is set, as `./test.sh` and CI set it; `swift test` alone leaves them out.
    @Tag static var slow: Self
}

/// Whether the suites tagged `slow` run: `TRUEUP_SLOW_TESTS=1`.
enum SlowTests {
    static var enabled: Bool { ProcessInfo.processInfo.environment["TRUEUP_SLOW_TESTS"] == "1" }
    static let skipped: Comment = "a slow suite: set TRUEUP_SLOW_TESTS=1 (./test.sh does) to run it"
}

/// Runs `trueup` with `arguments` and checks its whole standard output, standard error and exit status at once.
func assertRun(_ arguments: [String], stdout: String, stderr: String = "", status: Int32 = 0, in directory: URL? = nil,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
    let outcome = try CLI.run(arguments, in: directory)
    #expect(outcome.status == status, "exit status of trueup \(arguments.joined(separator: " "))", sourceLocation: sourceLocation)
    #expect(outcome.stdout == stdout, "standard output", sourceLocation: sourceLocation)
    #expect(outcome.stderr == stderr, "standard error", sourceLocation: sourceLocation)
}

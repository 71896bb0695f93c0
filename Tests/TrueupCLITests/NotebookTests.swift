import Foundation
import Testing

/// Runs every command shown in notebooks-md and checks it still prints what the notebook shows.
///
/// In a notebook, a ```console block holds commands after `$ ` and, below each,
/// the output it prints (stdout and stderr together). Each notebook's commands run in a
/// temporary copy of the folders they read (datasets/, Tests/Fixtures, Tests/Intake), removed
/// afterwards, with the built `trueup` first on the PATH: their `out/` never lands in the package. Other blocks (```sh,
/// ```text) are not run: they are for commands too slow for a test, such as the
/// benchmark, and say so in the notebook.
@Suite(.tags(.slow), .enabled(if: SlowTests.enabled, SlowTests.skipped)) struct NotebookTests {
    struct Step: CustomStringConvertible {
        var notebook: String
        var line: Int
        var command: String
        var expected: String
        var description: String { "\(notebook):\(line): $ \(command)" }
    }

    static var notebooks: [URL] {
        let folder = CLI.packageRoot.appendingPathComponent("notebooks-md")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// The console steps of one notebook, in order.
    static func steps(_ url: URL) throws -> [Step] {
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var steps: [Step] = []
        var inConsole = false
        for (number, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                inConsole = !inConsole && line == "```console"
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                steps.append(Step(notebook: url.lastPathComponent, line: number + 1, command: String(line.dropFirst(2)), expected: ""))
            } else if !steps.isEmpty {
                steps[steps.count - 1].expected += line + "\n"
            }
        }
        return steps
    }

    @Test func everyNotebookHasCommands() throws {
        #expect(!Self.notebooks.isEmpty)
        for notebook in Self.notebooks {
            #expect(try !Self.steps(notebook).isEmpty, "\(notebook.lastPathComponent) shows no command")
        }
    }

    @Test(arguments: notebooks.map(\.lastPathComponent))
    func notebookOutputIsCurrent(name: String) throws {
        let url = CLI.packageRoot.appendingPathComponent("notebooks-md").appendingPathComponent(name)
        let copy = try Self.packageCopy()
        for step in try Self.steps(url) {
            let outcome = try CLI.shell("{ " + step.command + "\n} 2>&1", in: copy.url)
            let shown = Self.normalize(step.expected)
            let printed = Self.normalize(outcome.stdout)
            #expect(printed == shown, "\(step) printed:\n\(printed)")
        }
    }

    /// The folders the notebooks' commands read, copied into a workspace removed when it goes.
    static func packageCopy() throws -> Workspace {
        let copy = Workspace()
        for folder in ["datasets", "Tests/Fixtures", "Tests/Intake"] {
            let target = copy.url.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent(folder), to: target)
        }
        return copy
    }

    /// Trailing spaces and trailing blank lines don't count, nor the moment a run was recorded
    /// (a UTC timestamp like 2026-01-05T08:30:00Z, which `trueup history` lists).
    static func normalize(_ text: String) -> String {
        let timestamp = try! Regex(#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#)
        var lines = text.components(separatedBy: "\n").map { line -> String in
            var line = line.replacing(timestamp, with: "YYYY-MM-DDTHH:MM:SSZ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

import Foundation
import Testing

/// One rule for a stranger's text on the terminal: every message, notice, table footer and
/// progress line is shown through the terminal's escaping as a whole line, so no file name,
/// sheet name or value can send a control byte or start a `trueup: ...` line of its own; and
/// no control byte but tab, LF and CR reaches a CSV cell.
@Suite struct TerminalRuleTests {
    static let tiny = ReportCommandTests.self
    static let forged = "fc\ntrueup: forged.csv"

    /// A folder whose one member has a line feed in its name and a period holding ESC.
    static func hostileFolder(_ space: Workspace) -> String {
        let folder = space.url.appendingPathComponent("f")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows = Self.tiny.forecasts + "B,x,2024-0\u{1B}[2J,1,5\nC\u{0}D\u{1B}[31m,x,2024-02,1,3\n"
        FileManager.default.createFile(atPath: folder.appendingPathComponent(forged).path, contents: Data(rows.utf8))
        return folder.path
    }

    static func expectShown(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "a control byte on \(what)",
                sourceLocation: sourceLocation)
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("trueup: forged") }, "a forged line on \(what)",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [["report"], ["report", "--wide", "--format", "csv"], ["check", "--customer", "A", "--quantity", "10"],
                      ["brief", "--customer", "A"]])
    func rowsLeftOutAndNoticesAreShownNeverRun(command: [String]) throws {
        let space = Workspace()
        // A terminal wide enough that no footer line is wrapped: the escaped name is looked for whole.
        let outcome = try CLI.run(command + ["--forecasts", Self.hostileFolder(space), "--actuals", space.file("a.csv", Self.tiny.actuals),
                                             "--skip-bad-rows", "--max-bad-rows", "100"], in: space.url, environment: ["COLUMNS": "1000"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        Self.expectShown(outcome.stdout, "stdout")
        Self.expectShown(outcome.stderr, "stderr")
        #expect((outcome.stdout + outcome.stderr).contains("fc\\u{0A}trueup: forged.csv"))
    }

    @Test func aFailureNamingAFileOrValueIsShownNeverRun() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", Self.hostileFolder(space), "--actuals", space.file("a.csv", Self.tiny.actuals)],
                                  in: space.url)
        #expect(outcome.status == 65)
        Self.expectShown(outcome.stderr, "stderr")
        #expect(outcome.stderr.contains("\"2024-0\\u{1B}[2J\" is not a period"))
        #expect(outcome.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("trueup: ") })
    }

    @Test func theProgressBarShowsAFileNameEscaped() throws {
        let space = Workspace()
        let f = space.file("f\u{1B}[31m.csv", Self.tiny.forecasts), a = space.file("a.csv", Self.tiny.actuals)
        let command = "\(CLI.executable.path) report --forecasts \"$F\" --actuals \(a) --read-block-size 16 > /dev/null"
        let outcome = try CLI.shell("F='\(f)' script -qfec '\(command)' /dev/null", in: space.url)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("reading f\\u{1B}[31m.csv ["))
        #expect(!outcome.stdout.contains("\u{1B}[31m"))
    }

    @Test func controlBytesInNamesAreEscapedInEveryCSV() throws {
        let space = Workspace()
        let forecasts = Self.tiny.forecasts.replacingOccurrences(of: "\nA,", with: "\nA\u{0}\u{1B}[2J,")
        let actuals = Self.tiny.actuals.replacingOccurrences(of: "\nA,", with: "\nA\u{0}\u{1B}[2J,") + "B,x,2024-0\u{1B},5\n"
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", forecasts), "--actuals", space.file("a.csv", actuals),
                                   "--skip-bad-rows", "--max-bad-rows", "100", "--out", "out"], in: space.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for name in ["metrics.csv", "flags.csv", "rejects.csv", "coverage.csv"] {
            guard let text = space.read("out/" + name) else { continue }
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }, "\(name)")
        }
        #expect(space.read("out/metrics.csv")?.contains("A\\u{00}\\u{1B}[2J") == true)
        #expect(space.read("out/rejects.csv")?.contains("2024-0\\u{1B}") == true)
    }
}

/// Standard output that can't be written and a link among generate's targets.
@Suite struct OutputRefusalTests {
    @Test(arguments: ["--help", "report --help", "--version"])
    func helpToAFullDeviceIsAnIOError(arguments: String) throws {
        let space = Workspace()
        let outcome = try CLI.shell("trueup \(arguments) > /dev/full", in: space.url)
        #expect(outcome.status == 74)
        #expect(outcome.stderr == "trueup: standard output: can't be written (No space left on device).\n")
    }

    @Test func generateChecksEveryTargetBeforeTruncatingAny() throws {
        let space = Workspace()
        let folder = space.url.appendingPathComponent("g")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        space.file("g/forecasts.csv", "kept\n")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("actuals.csv").path,
                                                   withDestinationPath: space.url.appendingPathComponent("elsewhere").path)
        let outcome = try CLI.run(["generate", "g"], in: space.url)
        #expect(outcome.status == 73)
        #expect(outcome.stderr == "trueup: g/actuals.csv: can't be written (it is a symbolic link, which is never written through).\n")
        #expect(space.read("g/forecasts.csv") == "kept\n")
        #expect(!FileManager.default.fileExists(atPath: space.url.appendingPathComponent("elsewhere").path))
    }
}

/// Standard input is held in memory: past its bound the run stops, named.
@Suite struct StandardInputBoundTests {
    @Test func endlessStandardInputStopsAtItsBound() throws {
        let space = Workspace()
        space.file("a.csv", ReportCommandTests.actuals)
        let started = Date()
        let outcome = try CLI.shell("yes 'C1,I1,2024-01,1,5' | trueup report --forecasts - --actuals a.csv", in: space.url)
        #expect(outcome.status == 65)
        #expect(outcome.stderr == "trueup: standard input: more than 256 MiB, the most trueup keeps of standard input; "
            + "save the export to a file and name the file instead of -.\n")
        #expect(Date().timeIntervalSince(started) < 30)
    }
}

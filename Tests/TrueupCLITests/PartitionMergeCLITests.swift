import Foundation
import Testing

/// `report --partition K/N --partial FILE` and `merge`: a book split into N partitions and merged
/// gives the files, table and messages of one run over the whole book, byte for byte; partials that
/// don't make one book are refused, naming which.
@Suite struct PartitionMergeCLITests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var partitions: Int
        /// The output's options, given to the run and to merge (a partial holds none).
        var output: [String] = []
        var testDescription: String { name }
    }

    static let demo = ["--forecasts", "demo/forecasts.csv", "--actuals", "demo/actuals.csv"]
    static let malformed = ["--forecasts", "malformed/forecasts.csv"]

    static let cases: [Case] = [
        Case(name: "the demo in 3", arguments: demo, partitions: 3),
        Case(name: "with prices and agreements", arguments: demo + ["--prices", "demo/prices.csv", "--agreements", "demo/agreements.csv"],
             partitions: 3),
        Case(name: "by item", arguments: demo + ["--by", "item"], partitions: 3),
        Case(name: "by customer and item at lag 2", arguments: demo + ["--by", "customer,item", "--lag", "2"], partitions: 3),
        Case(name: "in 1", arguments: demo, partitions: 1),
        Case(name: "in 7, as JSON", arguments: demo, partitions: 7, output: ["--format", "json"]),
        Case(name: "codes joined by --normalize-keys", arguments: ["--forecasts", "traps/forecasts.csv", "--actuals", "traps/actuals-erp.csv",
             "--normalize-keys", "leading-zeros,case,spaces,punctuation", "--allow-low-coverage"], partitions: 4),
        Case(name: "look-alike codes refused alike", arguments: ["--forecasts", "traps/forecasts.csv", "--actuals", "traps/actuals-erp.csv"],
             partitions: 2),
        Case(name: "bad rows skipped, rejects.csv", arguments: malformed + ["--actuals", "malformed/actuals-too-many-fields.csv",
             "--skip-bad-rows", "--max-bad-rows", "50"], partitions: 2),
        Case(name: "bad rows refused alike", arguments: malformed + ["--actuals", "malformed/actuals-too-many-fields.csv"], partitions: 2),
        Case(name: "a folder, a semicolon file and a bad row", arguments: ["--forecasts", "folder/forecasts", "--actuals", "folder/actuals",
             "--skip-bad-rows", "--max-bad-rows", "100"], partitions: 3),
        Case(name: "periods as dates", arguments: ["--forecasts", "dates/forecasts.csv", "--actuals", "dates/actuals.csv"], partitions: 3),
        Case(name: "quoted fields and CRLF", arguments: ["--forecasts", "quoted/forecasts.csv", "--actuals", "quoted/actuals.csv"],
             partitions: 3),
        Case(name: "semicolons and decimal commas", arguments: ["--forecasts", "semicolon/forecasts.csv", "--actuals", "semicolon/actuals.csv"],
             partitions: 3),
        Case(name: "snapshots instead of lags", arguments: ["--forecasts", "snapshot/forecasts.csv", "--actuals", "demo/actuals.csv"],
             partitions: 3),
        Case(name: "Latin-1 read through intake", arguments: malformed + ["--actuals", "malformed/actuals-latin1.csv", "--encoding", "latin1"],
             partitions: 2),
    ]

    /// The datasets the cases read, copied in, and a folder made from the demo: the actuals in two
    /// files, the forecasts with semicolons and one row that can't be read.
    static func workspace() throws -> Workspace {
        let workspace = Workspace()
        for folder in ["demo", "traps", "malformed"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("datasets/\(folder)"),
                                             to: workspace.url.appendingPathComponent(folder))
        }
        let actuals = try String(contentsOf: workspace.url.appendingPathComponent("demo/actuals.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let forecasts = try String(contentsOf: workspace.url.appendingPathComponent("demo/forecasts.csv"), encoding: .utf8)
        for name in ["folder/actuals", "folder/forecasts"] {
            try FileManager.default.createDirectory(at: workspace.url.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let half = actuals.count / 2
        workspace.file("folder/actuals/a1.csv", actuals[..<half].joined(separator: "\n") + "\n")
        workspace.file("folder/actuals/a2.csv", ([actuals[0]] + actuals[half...]).joined(separator: "\n"))
        workspace.file("folder/forecasts/f.csv", forecasts.replacingOccurrences(of: ",", with: ";") + "C0001;bad row\n")
        // The benchmark's dialects (bench/dialects.sh), made from the demo.
        let forecastLines = forecasts.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let actualLines = actuals.filter { !$0.isEmpty }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func write(_ name: String, _ rows: [[String]], end: String = "\n", _ transform: ([String]) -> [String]) throws {
            try FileManager.default.createDirectory(at: workspace.url.appendingPathComponent(name).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            workspace.file(name, ([rows[0]] + rows.dropFirst().map(transform)).map { $0.joined(separator: ",") }.joined(separator: end) + end)
        }
        try write("dates/forecasts.csv", forecastLines) { $0.enumerated().map { $0.offset == 2 ? $0.element + "-01" : $0.element } }
        try write("dates/actuals.csv", actualLines) { $0.enumerated().map { $0.offset == 2 ? $0.element + "-15" : $0.element } }
        try write("quoted/forecasts.csv", forecastLines, end: "\r\n") { $0.enumerated().map { $0.offset < 3 ? "\"\($0.element)\"" : $0.element } }
        try write("quoted/actuals.csv", actualLines, end: "\r\n") { $0.enumerated().map { $0.offset < 3 ? "\"\($0.element)\"" : $0.element } }
        for (name, text) in [("semicolon/forecasts.csv", forecasts), ("semicolon/actuals.csv", actuals.joined(separator: "\n"))] {
            try FileManager.default.createDirectory(at: workspace.url.appendingPathComponent("semicolon"), withIntermediateDirectories: true)
            workspace.file(name, String(text.map { $0 == "," ? ";" : $0 == "." ? "," : $0 }))
        }
        var snapshot = forecastLines
        snapshot[0] = ["customer", "item", "period", "snapshot", "forecast"]
        try write("snapshot/forecasts.csv", snapshot) { row in
            let parts = row[2].split(separator: "-").compactMap { Int($0) }
            let month = parts[0] * 12 + parts[1] - 1 - (Int(row[3]) ?? 0)
            return [row[0], row[1], row[2], String(format: "%04d-%02d", month / 12, month % 12 + 1), row[4]]
        }
        return workspace
    }

    /// Every file in `folder`, by name.
    static func files(_ folder: URL) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.map { ($0, (try? Data(contentsOf: folder.appendingPathComponent($0))) ?? Data()) })
    }

    @Test("partitions merged are one run, byte for byte", arguments: cases)
    func mergedIsOneRun(_ split: Case) throws {
        let workspace = try Self.workspace()
        let single = try CLI.run(["report"] + split.arguments + split.output + ["--out", "out", "--no-history"], in: workspace.url)
        let whole = Self.files(workspace.url.appendingPathComponent("out"))
        try FileManager.default.removeItem(at: workspace.url.appendingPathComponent("out"))
        var partials: [String] = []
        for k in 1...split.partitions {
            let name = "part\(k).partial"
            let made = try CLI.run(["report"] + split.arguments + ["--partition", "\(k)/\(split.partitions)", "--partial", name],
                                   in: workspace.url)
            // A partition refuses what the whole run refuses (a header it can't read); else it writes its partial.
            if made.status != 0 {
                #expect(made.status == single.status && made.stderr == single.stderr, "\(made.stderr)")
                return
            }
            #expect(made.stderr.hasPrefix("partial \(k)/\(split.partitions): "), "\(made.stderr)")
            partials.append(name)
        }
        let merged = try CLI.run(["merge"] + partials.reversed() + split.output + ["--out", "out", "--no-history"], in: workspace.url)
        #expect(merged.status == single.status, "\(merged.stderr)")
        #expect(merged.stdout == single.stdout)
        #expect(merged.stderr == single.stderr)
        let mergedFiles = Self.files(workspace.url.appendingPathComponent("out"))
        #expect(mergedFiles.keys.sorted() == whole.keys.sorted())
        for (name, bytes) in whole { #expect(mergedFiles[name] == bytes, "\(split.name): \(name) differs") }
        // Only the cases named so are refused; every other one is scored.
        #expect((single.status == 0) == !split.name.contains("refused"), "\(split.name): \(single.stderr)")
        if single.status == 0 { #expect(whole["metrics.csv"] != nil) }
    }

    @Test("partials that are not one book are refused, naming which")
    func refusals() throws {
        let workspace = try Self.workspace()
        func partial(_ name: String, _ partition: String, _ extra: [String] = [], book: [String] = Self.demo) throws {
            let made = try CLI.run(["report"] + book + extra + ["--partition", partition, "--partial", name], in: workspace.url)
            #expect(made.status == 0, "\(made.stderr)")
        }
        try partial("p1", "1/3")
        try partial("p2", "2/3")
        try partial("p3", "3/3")
        try partial("q2", "2/3", ["--lag", "2"])
        try partial("r2", "2/3", book: Self.malformed + ["--actuals", "malformed/actuals.csv"])
        try partial("s2", "2/4")
        func refused(_ partials: [String], _ status: Int32, _ message: String) throws {
            let outcome = try CLI.run(["merge"] + partials + ["--out", "out", "--no-history"], in: workspace.url)
            #expect(outcome.status == status, "\(partials): \(outcome.stderr)")
            #expect(outcome.stderr.contains(message), "\(partials): \(outcome.stderr)")
            #expect(!FileManager.default.fileExists(atPath: workspace.url.appendingPathComponent("out/metrics.csv").path))
        }
        try refused(["p1", "p3"], 64, "trueup: Partition 2/3 is missing: merge needs every partition of the book.")
        try refused(["p1", "p2", "p3", "p2"], 64, "trueup: Partition 2/3 is given twice: p2, p2.")
        try refused(["p1", "q2", "p3"], 65, "trueup: q2: made with other report options than p1")
        try refused(["p1", "r2", "p3"], 65, "trueup: r2: made from other inputs than p1.")
        try refused(["p1", "s2", "p3"], 65, "trueup: s2: a partition of 4, p1 of 3")
        try refused([], 64, "trueup: merge needs the partials to merge.")
        try refused(["p1", "p2", "demo/actuals.csv"], 65, "trueup: demo/actuals.csv: not a partial")
        try refused(["p1", "p2", "nowhere"], 66, "trueup: nowhere: can't open the partial")
        var bytes = try Data(contentsOf: workspace.url.appendingPathComponent("p2"))
        bytes[bytes.count / 2] ^= 1
        try bytes.write(to: workspace.url.appendingPathComponent("p2"))
        try refused(["p1", "p2", "p3"], 65, "trueup: p2: a damaged partial: its checksum does not match its bytes.")
        // The report's own rules for the options.
        let missing = try CLI.run(["report"] + Self.demo + ["--partition", "1/3"], in: workspace.url)
        #expect(missing.status == 64 && missing.stderr.contains("--partition writes a partial: name it with --partial FILE."))
        let out = try CLI.run(["report"] + Self.demo + ["--partition", "1/3", "--partial", "x", "--out", "o"], in: workspace.url)
        #expect(out.status == 64 && out.stderr.contains("--partition writes only the partial"))
        let bad = try CLI.run(["report"] + Self.demo + ["--partition", "4/3", "--partial", "x"], in: workspace.url)
        #expect(bad.status == 64 && bad.stderr.contains("--partition takes K/N with 1 <= K <= N"))
    }
}

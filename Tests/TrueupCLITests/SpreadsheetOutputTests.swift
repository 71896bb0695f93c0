import Foundation
import Testing

/// `--excel` and DIR/README.txt: files a spreadsheet user can open and understand.
@Suite struct SpreadsheetOutputTests {
    static let tiny = ReportCommandTests.self

    /// Runs the tiny set with a quoted line break and a non-ASCII name among the rejected rows.
    func run(_ extra: [String], in space: Workspace, out: String = "out") throws -> CLI.Outcome {
        let bad = Self.tiny.forecasts + "Müller,x,2024-02,1,\"1\n5\"\n"
        return try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", bad), "--actuals", space.file("a.csv", Self.tiny.actuals),
                            "--skip-bad-rows", "--max-bad-rows", "100", "--out", space.url.appendingPathComponent(out).path] + extra)
    }

    func bytes(_ space: Workspace, _ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: space.url.appendingPathComponent(path)))
    }

    @Test func excelAddsByteOrderMarkAndCRLFAndChangesNothingElse() throws {
        let space = Workspace()
        #expect(try run([], in: space, out: "plain").status == 0)
        #expect(try run(["--excel"], in: space, out: "excel").status == 0)
        for name in ["metrics.csv", "flags.csv", "rejects.csv"] {
            let lf = try bytes(space, "plain/" + name), crlf = try bytes(space, "excel/" + name)
            #expect(Array(crlf.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(name) starts with the UTF-8 byte order mark")
            let body = Array(crlf.dropFirst(3))
            // Every LF outside quotes is preceded by CR; removing exactly those CRs gives the plain file back.
            var restored: [UInt8] = [], quoted = false, bareLineFeeds = 0
            for (i, byte) in body.enumerated() {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if byte == 0x0D && !quoted && i + 1 < body.count && body[i + 1] == 0x0A { continue }
                if byte == 0x0A && !quoted && (i == 0 || body[i - 1] != 0x0D) { bareLineFeeds += 1 }
                restored.append(byte)
            }
            #expect(bareLineFeeds == 0, "\(name) has no record ending in a bare LF")
            #expect(restored == lf, "\(name) differs only in its line ends")
        }
        // The quoted line break inside the rejected row's raw text stays a bare LF, as written.
        let rejects = String(decoding: try bytes(space, "excel/rejects.csv").dropFirst(3), as: UTF8.self)
        #expect(rejects.contains("\"Müller,x,2024-02,1,\"\"1\n5\"\"\",number\r\n"))
        // run.json is JSON, not a spreadsheet file: unchanged.
        #expect(try bytes(space, "plain/run.json").prefix(1) == [UInt8(ascii: "{")])
        #expect(try bytes(space, "excel/run.json").prefix(1) == [UInt8(ascii: "{")])
    }

    @Test func readmeExplainsEveryColumnOfEveryFileWritten() throws {
        let space = Workspace()
        #expect(try run([], in: space).status == 0)
        let readme = try #require(space.read("out/README.txt"))
        #expect(readme.contains("error = forecast - actual"))
        #expect(readme.contains("over-forecast"))
        for name in ["metrics.csv", "flags.csv", "rejects.csv"] {
            #expect(readme.contains("\n\(name)\n"), "README.txt has a section for \(name)")
            let header = try #require(space.read("out/" + name)?.split(separator: "\n").first)
            for column in header.split(separator: ",") {
                #expect(readme.contains("\n  \(column) "), "README.txt explains \(name)'s column \(column)")
            }
        }
        #expect(readme.contains("\nrun.json\n"))
        #expect(!readme.contains("\r"))
    }

    @Test func readmeDescribesOnlyFilesWritten() throws {
        let space = Workspace()
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.tiny.forecasts),
                                   "--actuals", space.file("a.csv", Self.tiny.actuals), "--by", "item", "--excel",
                                   "--out", space.url.appendingPathComponent("out").path])
        #expect(outcome.status == 0)
        let readme = try #require(space.read("out/README.txt"))
        #expect(readme.contains("\r\nmetrics.csv\r\n"))
        #expect(readme.contains("  item "))
        #expect(!readme.contains("flags.csv"))
        #expect(!readme.contains("rejects.csv"))
    }
}

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

    /// The records of a CSV text, each a list of fields (RFC 4180 quoting; CRLF or LF between records).
    static func records(_ text: String, delimiter: Character) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false
        var characters = Array(text.replacingOccurrences(of: "\u{FEFF}", with: "")).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == delimiter {
                fields.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                fields.append(field); field = ""
                records.append(fields); fields = []
            } else {
                field.append(c)
            }
        }
        return records
    }

    @Test func excelDEWritesSemicolonsDecimalCommasAndAByteOrderMark() throws {
        let space = Workspace()
        #expect(try run([], in: space, out: "plain").status == 0)
        let de = try run(["--csv-dialect", "excel-de"], in: space, out: "de")
        #expect(de.status == 0, "\(de.stderr)")
        for name in ["metrics.csv", "flags.csv", "rejects.csv"] {
            let bytes = try bytes(space, "de/" + name)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(name) starts with the UTF-8 byte order mark")
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains(";") && text.contains("\r\n"))
            let plain = Self.records(try #require(space.read("plain/" + name)), delimiter: ",")
            let german = Self.records(text, delimiter: ";")
            #expect(plain.count == german.count, "\(name): as many records")
            var commas = 0
            for (p, g) in zip(plain, german) {
                #expect(p.count == g.count, "\(name): \(g)")
                for (a, b) in zip(p, g) {
                    // A number gets a decimal comma; any other field is the same text.
                    if Double(a) != nil && a.contains(".") {
                        #expect(b == a.replacingOccurrences(of: ".", with: ","), "\(name): \(a) -> \(b)")
                        commas += 1
                    } else {
                        #expect(b == a, "\(name): \(a) -> \(b)")
                    }
                }
            }
            if name != "rejects.csv" { #expect(commas > 0, "\(name) has decimal commas") }
        }
        // A list of reasons with semicolons is quoted; a negative figure is a number, not neutralised.
        let flags = String(decoding: try bytes(space, "de/flags.csv"), as: UTF8.self)
        for reasons in Self.records(try #require(space.read("plain/flags.csv")), delimiter: ",").map({ $0[3] }) where reasons.contains(";") {
            #expect(flags.contains(";\"" + reasons + "\";"), "\(reasons) is quoted")
        }
        #expect(flags.contains(";-"), "a negative figure")
        #expect(!flags.contains("'-"))
        let readme = try #require(space.read("de/README.txt"))
        #expect(readme.contains("These CSV files are for Excel with a decimal comma (--csv-dialect excel-de)."))
        #expect(readme.contains("fields are separated by semicolons"))
        // report.xlsx doesn't depend on the dialect.
        #expect(try bytes(space, "de/report.xlsx") == (try bytes(space, "plain/report.xlsx")))
    }

    @Test func csvDialectExcelIsExcel() throws {
        let space = Workspace()
        #expect(try run(["--excel"], in: space, out: "a").status == 0)
        #expect(try run(["--csv-dialect", "excel"], in: space, out: "b").status == 0)
        for name in ["metrics.csv", "flags.csv", "rejects.csv", "README.txt"] {
            #expect(try bytes(space, "a/" + name) == (try bytes(space, "b/" + name)), "\(name)")
        }
        let both = try run(["--excel", "--csv-dialect", "excel-de"], in: space, out: "c")
        #expect(both.status == 64)
        #expect(both.stderr.contains("--excel is --csv-dialect excel; it can't be used with --csv-dialect excel-de."))
    }
}

import Foundation
import Testing

/// DIR/report.xlsx: the CSVs' tables as sheets, opened with openpyxl (Tests/Workbook/check_xlsx.py).
///
/// Without python3 or openpyxl the checks that need them say they were skipped and pass; the
/// checks on the workbook's bytes (its sheet XML, its sameness run to run) always run.
@Suite struct WorkbookOutputTests {
    static let demo = ["--forecasts", "datasets/demo/forecasts.csv", "--actuals", "datasets/demo/actuals.csv",
                       "--prices", "datasets/demo/prices.csv", "--agreements", "datasets/demo/agreements.csv"]

    /// Runs check_xlsx.py on `folder` with `options`; records its failures, prints a skip.
    func checkWithOpenpyxl(_ folder: String, _ options: [String] = [], in space: Workspace) throws {
        let script = CLI.packageRoot.appendingPathComponent("Tests/Workbook/check_xlsx.py").path
        let quoted = ([script, folder] + options).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let outcome = try CLI.shell("command -v python3 >/dev/null || { echo 'report.xlsx check skipped: no python3'; exit 0; }; "
                                    + "python3 " + quoted.joined(separator: " "), in: space.url)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        if outcome.stdout.contains("skipped") { print(outcome.stdout) }
    }

    /// The XML of one entry of the workbook, through unzip (nil when unzip is missing).
    func entry(_ path: String, of workbook: String, in space: Workspace) throws -> String? {
        let outcome = try CLI.shell("command -v unzip >/dev/null && unzip -p '\(workbook)' '\(path)'", in: space.url)
        return outcome.status == 0 ? outcome.stdout : nil
    }

    @Test func theDemosWorkbookHoldsTheCSVsValues() throws {
        let space = Workspace()
        let root = CLI.packageRoot.path
        let arguments = ["report"] + Self.demo.map { $0.hasPrefix("datasets/") ? root + "/" + $0 : $0 } + ["--lag", "1", "--no-history"]
        let first = try CLI.run(arguments + ["--out", "a"], in: space.url)
        #expect(first.status == 0, "\(first.stderr)")
        try checkWithOpenpyxl("a", in: space)
        // The same inputs give the same bytes, whenever and wherever they run.
        let second = try CLI.run(arguments + ["--out", "b"], in: space.url, environment: ["TZ": "Pacific/Kiritimati"])
        #expect(second.status == 0)
        let a = try Data(contentsOf: space.url.appendingPathComponent("a/report.xlsx"))
        #expect(a.count > 10_000)
        #expect(a == (try Data(contentsOf: space.url.appendingPathComponent("b/report.xlsx"))))
        // Every zip member is deflated at zlib's fastest level (Sources/CWorkbookZip): each local
        // header's general-purpose flags say 0b110, "super fast", where libxlsxwriter alone writes 0.
        let bytes = [UInt8](a)
        var members = 0
        var offset = 0
        while offset + 30 <= bytes.count, bytes[offset..<offset + 4] == [0x50, 0x4B, 0x03, 0x04] {
            let flags = Int(bytes[offset + 6]) | Int(bytes[offset + 7]) << 8
            let method = Int(bytes[offset + 8]) | Int(bytes[offset + 9]) << 8
            #expect(method == 8 && flags & 0b110 == 0b110, "member \(members): method \(method), flags \(flags)")
            let compressed = Int(bytes[offset + 18]) | Int(bytes[offset + 19]) << 8 | Int(bytes[offset + 20]) << 16 | Int(bytes[offset + 21]) << 24
            let nameLength = Int(bytes[offset + 26]) | Int(bytes[offset + 27]) << 8
            let extraLength = Int(bytes[offset + 28]) | Int(bytes[offset + 29]) << 8
            // A size of 0 with flag bit 3 is given in a descriptor after the data: libxlsxwriter's members have their sizes here.
            #expect(flags & 0b1000 == 0 || compressed > 0)
            offset += 30 + nameLength + extraLength + compressed + (flags & 0b1000 != 0 ? 16 : 0)
            members += 1
        }
        #expect(members >= 10, "\(members) zip members read")
        // --format xlsx prints the same workbook; the folder holds no temporary of it.
        let printed = try CLI.shell("trueup " + arguments.joined(separator: " ") + " --format xlsx > printed.xlsx", in: space.url)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(try Data(contentsOf: space.url.appendingPathComponent("printed.xlsx")) == a)
        let names = try FileManager.default.contentsOfDirectory(atPath: space.url.appendingPathComponent("a").path)
        #expect(!names.contains { $0.hasPrefix(".") }, "\(names)")
    }

    @Test func codesKeepTheirZerosAndNamesAreNeverFormulas() throws {
        let space = Workspace()
        let formula = #"=HYPERLINK("http://evil.example/","details")"#
        let customers = [("0000100232", formula), ("0000100233", "-Müller"), ("0000100234", "@Acme")]
        var forecasts = "customer,name,item,period,lag,forecast\n", actuals = "customer,item,period,actual\n"
        for (k, (code, name)) in customers.enumerated() {
            let quotedName = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for month in 1...8 {
                forecasts += "\(code),\(quotedName),000\(k)7,2025-0\(month),1,\(100 + 9 * month * k)\n"
                actuals += "\(code),000\(k)7,2025-0\(month),\(95 + k)\n"
            }
        }
        let run = try CLI.run(["report", "--forecasts", space.file("f.csv", forecasts), "--actuals", space.file("a.csv", actuals),
                               "--no-history", "--out", "out"], in: space.url)
        #expect(run.status == 0, "\(run.stderr)")
        try checkWithOpenpyxl("out", ["--code", "0000100232", "--text", formula, "--text", "-Müller", "--text", "@Acme"], in: space)
        // In the sheet's XML the name is an inline string, and no cell of the workbook is a formula.
        if let flags = try entry("xl/worksheets/sheet1.xml", of: "out/report.xlsx", in: space) {
            #expect(flags.contains(#"t="inlineStr"><is><t>=HYPERLINK("http://evil.example/","details")</t>"#), "\(flags.prefix(2000))")
            #expect(flags.contains(#"<t>0000100232</t>"#))
            #expect(!flags.contains("<f>"))
        }
        // The CSV has them too, neutralised with a '.
        #expect(space.read("out/flags.csv")?.contains("'" + formula.replacingOccurrences(of: "\"", with: "\"\"")) == true)
    }

    @Test func xlsxIsNotPrintedToATerminal() throws {
        let space = Workspace()
        let tiny = ReportCommandTests.self
        // `script` gives the command a terminal; without it the refusal can't be seen from here.
        let check = try CLI.shell("command -v script", in: space.url)
        guard check.status == 0 else { return }
        let line = "trueup report --forecasts '\(space.file("f.csv", tiny.forecasts))' --actuals '\(space.file("a.csv", tiny.actuals))' --format xlsx"
        let outcome = try CLI.shell("script -qec \"\(line)\" /dev/null", in: space.url)
        #expect(outcome.status == 64, "\(outcome.stdout)")
        #expect(outcome.stdout.contains("--format xlsx writes a workbook's bytes"))
    }

    @Test func noXlsxLeavesTheWorkbookOut() throws {
        let space = Workspace()
        let tiny = ReportCommandTests.self
        let inputs = ["--forecasts", space.file("f.csv", tiny.forecasts), "--actuals", space.file("a.csv", tiny.actuals), "--no-history"]
        #expect(try CLI.run(["report", "--out", "out"] + inputs, in: space.url).status == 0)
        #expect(FileManager.default.fileExists(atPath: space.url.appendingPathComponent("out/report.xlsx").path))
        #expect(space.read("out/README.txt")?.contains("\nreport.xlsx\n") == true)
        let without = try CLI.run(["report", "--out", "out", "--no-xlsx", "--timings"] + inputs, in: space.url)
        #expect(without.status == 0, "\(without.stderr)")
        #expect(!FileManager.default.fileExists(atPath: space.url.appendingPathComponent("out/report.xlsx").path), "an earlier run's is removed")
        #expect(space.read("out/README.txt")?.contains("report.xlsx") == false)
        #expect(!without.stderr.contains("workbook"))
    }
}

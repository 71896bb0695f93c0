import Foundation
import Testing

/// README.txt describes every column of every CSV file written beside it, in the header's order.
@Suite struct OutputReadmeTests {
    /// README.txt's column names per file: each section is the file name, a rule, a summary, then
    /// one `  name  meaning` line per column up to a blank line.
    static func described(_ readme: String) -> [String: [String]] {
        let lines = readme.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var sections: [String: [String]] = [:]
        var k = 0
        while k + 1 < lines.count {
            let name = String(lines[k])
            guard name.hasSuffix(".csv"), lines[k + 1] == String(repeating: "-", count: name.count) else {
                k += 1
                continue
            }
            // The rule, the summary and the blank line after it.
            k += 4
            var columns: [String] = []
            while k < lines.count, lines[k].hasPrefix("  ") {
                columns.append(String(lines[k].dropFirst(2).prefix { $0 != " " }))
                k += 1
            }
            sections[name] = columns
        }
        return sections
    }

    /// The header of a CSV file written by trueup (its names need no quotes), without a byte order mark.
    static func header(_ csv: String) -> [String] {
        let text = csv.hasPrefix("\u{FEFF}") ? String(csv.dropFirst()) : csv
        return text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }.split(separator: ",").map(String.init)
    }

    static let forecasts = "customer,item,period,lag,forecast\n" + (1...8).map { "A,x,2024-0\($0),1,\(10 + $0)\nB,y,2024-0\($0),1,5\n" }.joined()
        + "B,y,2024-01,1,oops\n"
    static let actuals = "customer,item,period,actual\n" + (1...8).map { "A,x,2024-0\($0),\(12 - $0 % 3)\nB,y,2024-0\($0),4\n" }.joined()

    @Test(arguments: [
        ["--by", "customer"], ["--by", "item"], ["--by", "customer,item"], ["--skip-bad-rows", "--max-bad-rows", "100"], ["--skip-bad-rows", "--max-bad-rows", "100", "--excel"],
        ["--skip-bad-rows", "--max-bad-rows", "100", "--history", "history.sqlite"], ["--skip-bad-rows", "--max-bad-rows", "100", "--by", "customer,item", "--no-history"],
        ["--prices", "prices.csv", "--currency", "EUR"], ["--prices", "prices.csv", "--by", "customer,item", "--no-history"],
    ])
    func readmeNamesEveryColumnWritten(_ options: [String]) throws {
        let space = Workspace()
        space.file("prices.csv", "item,unit_price\nx,2\n")
        let skipping = options.contains("--skip-bad-rows")
        let forecasts = skipping ? Self.forecasts : String(Self.forecasts.dropLast("B,y,2024-01,1,oops\n".count))
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", forecasts), "--actuals", space.file("a.csv", Self.actuals),
                                   "--out", space.url.appendingPathComponent("out").path]
                                  + options.map { $0.hasSuffix(".sqlite") ? space.url.appendingPathComponent($0).path : $0 },
                                  in: space.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let readme = try #require(space.read("out/README.txt"))
        let described = Self.described(readme)
        let written = try FileManager.default.contentsOfDirectory(atPath: space.url.appendingPathComponent("out").path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        #expect(Set(described.keys) == Set(written))
        #expect(written.contains("rejects.csv") == skipping)
        for file in written {
            let csv = try #require(space.read("out/\(file)"))
            #expect(described[file] == Self.header(csv), "README.txt against \(file)'s header")
        }
        if options.contains("--prices") {
            #expect(described["metrics.csv"]?.last == "value_fva", "with prices, metrics.csv ends with the money columns")
        }
        if options.contains("--history") {
            #expect(described["flags.csv"]?.last == "new_flag", "a recorded run's flags.csv ends with the history's columns")
        }
    }

    /// `--format json` keys each row by the names of the CSV header.
    @Test(arguments: [[], ["--prices", "prices.csv"]])
    func jsonKeysAreTheCSVHeaders(_ options: [String]) throws {
        let space = Workspace()
        space.file("prices.csv", "item,unit_price\nx,2\n")
        let f = space.file("f.csv", String(Self.forecasts.dropLast("B,y,2024-01,1,oops\n".count))), a = space.file("a.csv", Self.actuals)
        let out = space.url.appendingPathComponent("out").path
        let json = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--format", "json", "--out", out, "--no-history"] + options, in: space.url)
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let metrics = try #require((document["metrics"] as? [[String: Any]])?.first)
        let flags = try #require((document["flags"] as? [[String: Any]])?.first)
        #expect(Set(metrics.keys) == Set(Self.header(try #require(space.read("out/metrics.csv")))))
        #expect(Set(flags.keys) == Set(Self.header(try #require(space.read("out/flags.csv")))))
    }
}

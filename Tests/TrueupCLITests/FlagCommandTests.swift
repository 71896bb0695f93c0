import Foundation
import Testing

/// `report`'s flags, `check`, `brief` and `policy` end to end, on the demo data.
@Suite struct FlagCommandTests {
    static let demo = ["--forecasts", CLI.packageRoot.appendingPathComponent("datasets/demo/forecasts.csv").path,
                       "--actuals", CLI.packageRoot.appendingPathComponent("datasets/demo/actuals.csv").path]

    @Test func flagsCSVAgreesWithMetricsCSV() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide"] + Self.demo + ["--out", out, "--no-history"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("tier        customer  lag"))
        #expect(outcome.stdout.contains("Tiers at lag 1: "))
        let flags = try #require(space.read("out/flags.csv")).split(separator: "\n").map(String.init)
        #expect(flags[0] == "customer,lag,tier,reasons,explanation,periods,bias_pct,wmape,fva_pts,benchmark,benchmark_fva_pts,sign_test_p,tracking_signal,error_share_pct,range_held,range_backtested")
        #expect(flags.count == 41)
        let tiers = flags.dropFirst().map { $0.split(separator: ",")[2] }
        #expect(tiers.sorted { rank($0) < rank($1) } == tiers, "unreliable first, then watch, then trusted")
        // The bias in flags.csv is the lag-1 bias of metrics.csv, digit for digit.
        let metrics = try #require(space.read("out/metrics.csv")).split(separator: "\n")
        let c0024 = try #require(metrics.first { $0.hasPrefix("C0024,1,") }).split(separator: ",", omittingEmptySubsequences: false)
        let flag = try #require(flags.first { $0.hasPrefix("C0024,") })
        #expect(c0024[26] == "seasonal-naive")
        #expect(flag.contains(",\(c0024[7]),\(c0024[8]),\(c0024[22]),\(c0024[26]),\(c0024[27]),\(c0024[20]),\(c0024[17]),"))
        let run = try #require(space.read("out/run.json"))
        #expect(run.contains("\"report_lag\": 1"))
        #expect(run.contains("\"unreliable.wmape\": 50"))
    }

    func rank(_ tier: Substring) -> Int { ["unreliable": 0, "watch": 1, "insufficient-data": 2, "trusted": 3][String(tier)] ?? 9 }

    @Test func checkAdjustsTheQuantityByTheCustomersHistory() throws {
        let outcome = try CLI.run(["check"] + Self.demo + ["--customer", "C0024", "--quantity", "1000", "--format", "json"])
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["tier"] as? String == "unreliable")
        let ratio = try #require(json["ratio"] as? Double)
        // Both written at 10 significant digits.
        #expect(abs((json["adjusted_quantity"] as? Double ?? 0) - 1000 * ratio) <= 1e-9 * 1000 * ratio)
        let low = try #require(json["range_low"] as? Double), high = try #require(json["range_high"] as? Double)
        #expect(low < 1000 * ratio && 1000 * ratio < high)
        // The ratio is the customer's actual over forecast at lag 1, as metrics.csv has them.
        let metrics = try CLI.run(["report", "--wide"] + Self.demo + ["--lag", "1", "--format", "csv"]).stdout.split(separator: "\n")
        let row = try #require(metrics.first { $0.hasPrefix("C0024,1,") }).split(separator: ",")
        #expect(abs(ratio - Double(row[5])! / Double(row[6])!) <= 1e-9 * ratio)
    }

    @Test func checkGatesAPurchaseWithFailOn() throws {
        #expect(try CLI.run(["check"] + Self.demo + ["--customer", "C0024", "--quantity", "10", "--fail-on", "unreliable"]).status == 3)
        #expect(try CLI.run(["check"] + Self.demo + ["--customer", "C0021", "--quantity", "10", "--fail-on", "watch"]).status == 0)
        #expect(try CLI.run(["check"] + Self.demo + ["--customer", "C0024", "--quantity", "10"]).status == 0)
        let unknown = try CLI.run(["check"] + Self.demo + ["--customer", "c0024", "--quantity", "10", "--fail-on", "watch"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Similar names: C0024"))
    }

    @Test func checkUsesTheItemWhenItHasHistory() throws {
        let outcome = try CLI.run(["check"] + Self.demo + ["--customer", "C0021", "--item", "SKU00003", "--quantity", "200"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("item SKU00003's history"))
        let short = try CLI.run(["check"] + Self.demo + ["--customer", "C0021", "--item", "SKU00003", "--quantity", "200", "--from", "2025-09"])
        #expect(short.stdout.contains("item SKU00003 has 4 scored periods at lag 1, fewer than 6, so the customer's totals are used"))
        #expect(short.stdout.contains("Plan for 200 units, the forecast itself: too little history. C0021's history across all items has 4 months with a forecast to compare"))
        #expect(!short.stdout.contains("80% range"))
    }

    @Test func briefWritesMarkdown() throws {
        let space = Workspace()
        let file = space.url.appendingPathComponent("briefs/C0024.md").path
        // A missing folder is not created: a typo in a path is said, not silently made.
        let missing = try CLI.run(["brief"] + Self.demo + ["--customer", "C0024", "--from", "2025-01", "--out", file])
        #expect(missing.status == 73)
        #expect(missing.stderr.contains("does not exist"))
        try FileManager.default.createDirectory(at: space.url.appendingPathComponent("briefs"), withIntermediateDirectories: true)
        let outcome = try CLI.run(["brief"] + Self.demo + ["--customer", "C0024", "--from", "2025-01", "--out", file])
        #expect(outcome.status == 0)
        let brief = try #require(space.read("briefs/C0024.md"))
        #expect(brief.hasPrefix("# Forecast accuracy: C0024\n"))
        #expect(brief.contains("**Unreliable: these forecasts should not be taken at face value.** Forecast 39% above actual"))
        #expect(brief.contains("| 2025-12 |"))
        #expect(brief.components(separatedBy: "\n| SKU").count - 1 == 5)
    }

    @Test func policyFileChangesTiers() throws {
        let space = Workspace()
        let defaults = try CLI.run(["policy"])
        #expect(defaults.status == 0)
        #expect(defaults.stdout.contains("[unreliable]\nbias_pct = 15.0"))
        let lenient = space.file("lenient.toml", defaults.stdout.replacingOccurrences(of: "fva_pts = 2.0", with: "fva_pts = -100.0"))
        let before = try CLI.run(["check"] + Self.demo + ["--customer", "C0020", "--quantity", "10"])
        let after = try CLI.run(["check"] + Self.demo + ["--customer", "C0020", "--quantity", "10", "--policy", lenient])
        #expect(before.stdout.hasPrefix("C0020 at lag 1: watch (no-value-added)"))
        #expect(after.stdout.hasPrefix("C0020 at lag 1: trusted"))
        let bad = space.file("bad.toml", "[watch]\nwmape = \"thirty\"\n")
        let refused = try CLI.run(["report", "--wide"] + Self.demo + ["--policy", bad])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("watch.wmape must be a number, not the text \"thirty\""))
    }
}

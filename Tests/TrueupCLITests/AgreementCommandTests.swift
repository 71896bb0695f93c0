import Foundation
import Testing

/// `--agreements` and `trueup agreement` end to end: files, messages, exit codes, and proposals that pass back.
@Suite struct AgreementCommandTests {
    static let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")
    static let forecasts = """
        customer,item,period,lag,forecast
        A,x,2024-01,2,100
        A,x,2024-01,1,90
        A,y,2024-01,2,50
        A,y,2024-01,1,50
        A,x,2024-02,2,40
        A,x,2024-02,1,60
        B,x,2024-01,1,10

        """
    static let actuals = """
        customer,item,period,actual
        A,x,2024-01,90
        A,y,2024-01,45
        A,x,2024-02,66
        B,x,2024-01,12

        """
    static let header = "customer,lag,under_pct,over_pct,revision_from_lag,revision_to_lag,revision_limit_pct\n"

    /// A CSV line whose first fields are `text` and whose other fields are numbers within 1e-9 of `numbers`.
    static func matches(_ line: Substring?, _ text: [String], _ numbers: [Double]) -> Bool {
        guard let fields = line?.split(separator: ",", omittingEmptySubsequences: false), fields.count == text.count + numbers.count else { return false }
        guard fields.prefix(text.count).map(String.init) == text else { return false }
        return zip(fields.dropFirst(text.count), numbers).allSatisfy { field, expected in
            Double(field).map { abs($0 - expected) <= 1e-9 * max(1, abs(expected)) } ?? false
        }
    }

    func report(_ space: Workspace, terms: String, _ extra: [String] = []) throws -> CLI.Outcome {
        try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", Self.forecasts), "--actuals", space.file("a.csv", Self.actuals),
                     "--agreements", space.file("terms.csv", terms), "--no-history"] + extra)
    }

    @Test func reportWritesStabilityAndAgreement() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try report(space, terms: Self.header + "*,1,0,20,,,\nA,1,10,10,2,1,10\n", ["--out", out])
        #expect(outcome.status == 0)
        let stability = try #require(space.read("out/stability.csv")).split(separator: "\n")
        #expect(stability.first == "customer,from_lag,to_lag,cells,revised_cells,revision_pct,net_revision_pct,improved_pct,worsened_pct,wmape_from,wmape_to,revision_fva_pts")
        let revisionPct: Double = 100 * 30 / 190, netPct: Double = 100 * 10 / 190, from: Double = 100 * 41 / 201, to: Double = 100 * 11 / 201
        #expect(Self.matches(stability.dropFirst().first, ["A", "2", "1", "3", "2"], [revisionPct, netPct, 100, 0, from, to, from - to]))
        let agreement = try #require(space.read("out/agreement.csv")).split(separator: "\n")
        #expect(agreement.first == "customer,lag,under_pct,over_pct,cells,cells_in_band,in_band_pct,units_below_band,units_above_band,below_band_pct,above_band_pct,periods,periods_in_band,revision_from_lag,revision_to_lag,revision_limit_pct,revision_cells,revision_violations,revision_excess_units")
        #expect(agreement.dropFirst().map(String.init) == [
            "A,1,10,10,3,3,100,0,0,0,0,2,2,2,1,10,3,1,16",
            "B,1,0,20,1,1,100,0,0,0,0,1,1,,,,,,",
        ])
        let readme = try #require(space.read("out/README.txt"))
        #expect(readme.contains("stability.csv\n-------------") && readme.contains("agreement.csv\n-------------"))
        #expect(outcome.stdout.contains("late revision %") && outcome.stdout.contains("months in band"))
        #expect(outcome.stdout.contains("+5.3 (2→1)"))
        let html = try #require(space.read("out/report.html"))
        #expect(html.contains("<h2>Against the agreement</h2>") && html.contains("<h2>Forecast by lag, like for like</h2>"))
    }

    @Test func oneLagWritesNoStability() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide", "--forecasts", space.file("f.csv", "customer,item,period,lag,forecast\nB,x,2024-01,1,10\n"),
                                   "--actuals", space.file("a.csv", Self.actuals), "--out", out, "--no-history",
                                   "--allow-low-coverage"])
        #expect(outcome.status == 0)
        #expect(space.read("out/stability.csv") == nil)
        #expect(space.read("out/agreement.csv") == nil)
    }

    @Test func badTermsStopWithTheLine() throws {
        let space = Workspace()
        let cases: [(String, String)] = [
            ("A,1,10,10,,,\nZ,1,5,5,,,\n", "terms.csv:3: customer Z is in neither the forecasts nor the actuals."),
            ("B,2,10,10,,,\n", "terms.csv:2: customer B has forecasts at lag 2 in the window (lags with forecasts: 1)."),
            ("A,1,-10,10,,,\n", "terms.csv:2: under_pct is -10; a percentage of the band can't be negative."),
            ("A,1,10,10,,,\nA,1,5,5,,,\n", "terms.csv:3: customer A at lag 1 is already on line 2; keep one row per customer and lag."),
        ]
        for (rows, message) in cases {
            let outcome = try report(space, terms: Self.header + rows)
            #expect(outcome.status == 65)
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        }
    }

    @Test func checkShowsTheAgreedBand() throws {
        let space = Workspace()
        let outcome = try CLI.run(["check", "--forecasts", space.file("f.csv", Self.forecasts), "--actuals", space.file("a.csv", Self.actuals),
                                   "--agreements", space.file("terms.csv", Self.header + "*,1,10,20,,,\n"), "--customer", "A", "--quantity", "100"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Agreed band: 90 to 120 units (10% under to 20% over at lag 1); the monthly totals were within it in 2 of 2 months.\n"))
    }

    @Test func agreementJSONHasUnderAndOverPerLag() throws {
        let space = Workspace()
        let outcome = try CLI.run(["agreement", "--forecasts", space.file("f.csv", Self.forecasts), "--actuals", space.file("a.csv", Self.actuals),
                                   "--customer", "A", "--coverage", "100", "--format", "json"])
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let proposals = try #require(json["proposals"] as? [[String: Any]])
        // Lag 1 ratios 0.9, 1, 1.1; lag 2 ratios 0.9, 0.9, 1.65: coverage 100 spans min to max.
        #expect(proposals.map { $0["lag"] as? Int } == [1, 2])
        #expect(proposals.map { ($0["under_pct"] as? Double).map { ($0 * 1e9).rounded() / 1e9 } } == [10, 10])
        #expect(proposals.map { ($0["over_pct"] as? Double).map { ($0 * 1e9).rounded() / 1e9 } } == [10, 65])
        #expect(proposals.map { $0["cells_in_band"] as? Int } == [3, 3])
    }

    @Test func unknownCustomerIsAUsageError() throws {
        let space = Workspace()
        let outcome = try CLI.run(["agreement", "--forecasts", space.file("f.csv", Self.forecasts), "--actuals", space.file("a.csv", Self.actuals),
                                   "--customer", "a"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr == "trueup: No customer a with forecasts in the window. Similar names: A.\n")
    }

    /// A band taken from a biased customer's months builds the bias in: agreement says so and shows
    /// the band around an unbiased forecast, and who each one protects; an unbiased customer gets one line.
    @Test func proposalsNameTheBiasTheyBuildIn() throws {
        let forecasts = Self.demo.appendingPathComponent("forecasts.csv").path, actuals = Self.demo.appendingPathComponent("actuals.csv").path
        let inflating = try CLI.run(["agreement", "--forecasts", forecasts, "--actuals", actuals, "--customer", "C0024", "--lag", "1"])
        #expect(inflating.status == 0)
        #expect(inflating.stdout.contains("  Lag 1: C0024 forecast 38% above what it bought, month after month. The band above builds that bias in: "
                                          + "it lets C0024 buy up to 40% less than it forecasts, so the supplier carries the stock it over-forecasts. "
                                          + "Around a forecast without the bias the band is -17.0% / +23.8%: it holds C0024 to what it forecasts and "
                                          + "protects the supplier; the band above protects C0024.\n"))
        let json = try CLI.run(["agreement", "--forecasts", forecasts, "--actuals", actuals, "--customer", "C0024", "--lag", "1", "--format", "json"])
        #expect(json.stdout.contains("\"bias_significant\": true"))
        #expect(json.stdout.contains("\"unbiased_under_pct\": 16.99183909"))
        let steady = try CLI.run(["agreement", "--forecasts", forecasts, "--actuals", actuals, "--customer", "C0021", "--lag", "1"])
        #expect(steady.stdout.contains("  Lag 1: C0021 forecast 1.5% above what it bought, not a persistent bias: the band above is fair to both sides.\n"))
    }

    /// The proposals of --all, passed back with --agreements, hold for the share of item-months they promised.
    @Test func allProposalsPassBack() throws {
        let space = Workspace()
        let forecasts = Self.demo.appendingPathComponent("forecasts.csv").path, actuals = Self.demo.appendingPathComponent("actuals.csv").path
        let terms = space.url.appendingPathComponent("proposed.csv").path
        let all = try CLI.run(["agreement", "--forecasts", forecasts, "--actuals", actuals, "--all", "--lag", "1", "--out", terms])
        #expect(all.status == 0)
        #expect(all.stdout.hasPrefix("Wrote \(terms): "))
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--agreements", terms, "--out", out, "--no-history"])
        #expect(outcome.status == 0)
        let proposed = try CLI.run(["agreement", "--forecasts", forecasts, "--actuals", actuals, "--customer", "C0001", "--lag", "1", "--format", "csv"])
        let proposal = try #require(proposed.stdout.split(separator: "\n").last?.split(separator: ",", omittingEmptySubsequences: false))
        let measured = try #require(space.read("out/agreement.csv")?.split(separator: "\n").first { $0.hasPrefix("C0001,1,") }?
            .split(separator: ",", omittingEmptySubsequences: false))
        // The file holds the band in tenths of a percent (75.54110795 is 75.5): the band measured is
        // that one, on the same cells, and it holds for the share the proposal promised, within the rounding.
        func tenths(_ text: Substring) -> String { String(format: "%.1f", ((Double(text) ?? .nan) * 10).rounded() / 10) }
        #expect(measured[2] == "0" && proposal[4] == "0")
        #expect(String(format: "%.1f", Double(measured[3]) ?? .nan) == tenths(proposal[5]))
        #expect(proposal[6] == measured[4])
        let promised = try #require(Double(proposal[8])), held = try #require(Double(measured[6]))
        #expect(abs(promised - held) <= 1, "in band: proposed \(promised)%, measured \(held)%")
        #expect(space.read("out/agreement.csv")?.split(separator: "\n").count == 41)
    }

    /// A code a spreadsheet would run (`=B`, `-A`) is written to the agreements file with a `'`
    /// and read back as the code: the file --all writes passes back as it is.
    @Test func formulaLikeCodesPassBackThroughTheAgreementsFile() throws {
        let space = Workspace()
        let forecasts = space.file("f.csv", Self.forecasts.replacingOccurrences(of: "\nA,", with: "\n-A,").replacingOccurrences(of: "\nB,", with: "\n=B,"))
        let actuals = space.file("a.csv", Self.actuals.replacingOccurrences(of: "\nA,", with: "\n-A,").replacingOccurrences(of: "\nB,", with: "\n=B,"))
        let terms = space.url.appendingPathComponent("proposed.csv").path
        let all = try CLI.run(["agreement", "--forecasts", forecasts, "--actuals", actuals, "--all", "--out", terms])
        #expect(all.status == 0, "\(all.stderr)")
        let written = try #require(space.read("proposed.csv"))
        #expect(written.contains("\n'-A,") && written.contains("\n'=B,"), "\(written)")
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide", "--forecasts", forecasts, "--actuals", actuals, "--agreements", terms, "--out", out, "--no-history"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let agreement = try #require(space.read("out/agreement.csv"))
        #expect(agreement.contains("\n'-A,1,") && agreement.contains("\n'=B,1,"), "\(agreement)")
    }
}


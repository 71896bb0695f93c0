import Foundation
import Testing

/// The report's table fits the terminal: 100 characters by default, `COLUMNS` when set, every
/// column with `--wide`; `--tier` and `--top` filter the table, never the files.
@Suite struct TerminalTableTests {
    static let demo = ["--forecasts", "datasets/demo/forecasts.csv", "--actuals", "datasets/demo/actuals.csv"]
    static let everything = demo + ["--prices", "datasets/demo/prices.csv", "--agreements", "datasets/demo/agreements.csv"]

    static func widest(_ text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }

    @Test func theDemoFitsOneHundredColumnsWithPricesAgreementsAndHistory() throws {
        let space = Workspace()
        // Two months' runs, so the second has a history to show.
        let history = space.url.appendingPathComponent("history.sqlite").path
        _ = try CLI.run(["report"] + Self.everything + ["--to", "2025-11", "--history", history], in: CLI.packageRoot)
        _ = try CLI.run(["report"] + Self.everything + ["--to", "2025-10", "--history", history], in: CLI.packageRoot)
        let outcome = try CLI.run(["report"] + Self.everything + ["--history", history], in: CLI.packageRoot, environment: ["COLUMNS": nil])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.widest(outcome.stdout) <= 100)
        #expect(outcome.stdout.contains("since last run"))
        #expect(outcome.stdout.contains("Reasons: "))
        let wide = try CLI.run(["report"] + Self.everything + ["--history", history, "--wide"], in: CLI.packageRoot)
        #expect(Self.widest(wide.stdout) > 150)
        for header in ["late revision %", "months in band", "excess at cost", "sales at risk", "last runs"] {
            #expect(wide.stdout.contains(header), "--wide shows \(header)")
        }
    }

    @Test func columnsSetsTheWidth() throws {
        let narrow = try CLI.run(["report"] + Self.demo + ["--no-history"], in: CLI.packageRoot, environment: ["COLUMNS": "80"])
        #expect(Self.widest(narrow.stdout) <= 80)
        #expect(narrow.stdout.contains("  C0008 "))
        // Every line of a Why is within the width, its continuation under the first.
        let why = narrow.stdout.components(separatedBy: "\nWhy:\n")[1].components(separatedBy: "\n\n")[0]
        #expect(why.split(separator: "\n").allSatisfy { $0.count <= 80 })
        let roomy = try CLI.run(["report"] + Self.demo + ["--no-history"], in: CLI.packageRoot, environment: ["COLUMNS": "200"])
        #expect(roomy.stdout.contains("forecast") && roomy.stdout.contains("months"))
    }

    @Test func tierAndTopFilterTheTableNotTheFiles() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report"] + Self.demo + ["--no-history", "--out", out, "--tier", "unreliable,watch", "--top", "5"],
                                  in: CLI.packageRoot)
        #expect(outcome.status == 0)
        let rows = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("unreliable ") || $0.hasPrefix("watch ") || $0.hasPrefix("trusted ") }
        #expect(rows.count == 5 && rows.allSatisfy { !$0.hasPrefix("trusted") })
        #expect(outcome.stdout.contains("Showing 5 of 40 customers (--tier unreliable,watch, --top 5); the files hold every one."))
        #expect(outcome.stdout.contains("Tiers at lag 1: 12 unreliable, 8 watch"))
        #expect(space.read("out/flags.csv")?.split(separator: "\n").count == 41)
        let bad = try CLI.run(["report"] + Self.demo + ["--no-history", "--tier", "bad"], in: CLI.packageRoot)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--tier takes unreliable, watch, insufficient-data, trusted"))
    }
}

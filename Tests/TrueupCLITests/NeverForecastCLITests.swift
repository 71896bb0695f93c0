import Foundation
import Testing

/// Customers who bought in the window but never forecast are listed as `unscored`
/// (`never-forecast`) with their actual volume: the demo's actuals with one such customer added.
@Suite struct NeverForecastCLITests {
    static let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")

    @Test func aCustomerWhoNeverForecastIsListedUnscoredNotScored() throws {
        let w = Workspace()
        let demoActuals = try String(contentsOf: Self.demo.appendingPathComponent("actuals.csv"), encoding: .utf8)
        let a = w.file("a.csv", demoActuals + (1...6).map { "C9999,SKU00001,2025-0\($0),120\n" }.joined())
        let f = Self.demo.appendingPathComponent("forecasts.csv").path
        let run = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--no-history", "--out", w.url.path + "/out"])
        #expect(run.status == 0)
        let sentence = "Bought 720 units in the window but never forecast at any lag: nothing to score."
        #expect(run.stdout.contains("\nunscored    C9999       1        0      720         0"), "the table, with its volume")
        #expect(run.stdout.contains("  C9999  " + sentence))
        #expect(run.stdout.contains("Tiers at lag 1: 12 unreliable, 8 watch, 20 trusted, 1 unscored; 41 customers."))
        let lines = try #require(w.read("out/flags.csv")).split(separator: "\n")
        #expect(lines.last?.hasPrefix("C9999,1,unscored,never-forecast,\(sentence),0,") == true, "listed last")
        #expect(w.read("out/metrics.csv")?.contains("C9999") == false)
        #expect(w.read("out/run.json")?.contains("\"unscored\": 1") == true)
        #expect(w.read("out/report.html")?.contains("<span class=\"pill tier-unscored\">unscored</span>") == true)

        let brief = try CLI.run(["brief", "--forecasts", f, "--actuals", a, "--customer", "C9999"])
        #expect(brief.status == 65)
        #expect(brief.stderr.contains("Customer C9999 bought 720 units in the window but never forecast at any lag"))
    }
}

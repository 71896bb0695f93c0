import Foundation
import Testing

/// Codes with a dash on one side only (`C-0001` against `C0001`): the demo's actuals perturbed in
/// the test, stopped as look-alikes and joined by `--normalize-keys punctuation`.
@Suite struct PunctuationLookAlikeTests {
    static let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")

    /// The demo's actuals with a dash after each customer code's letter (`C0001` → `C-0001`).
    static func dashedActuals() throws -> String {
        let text = try String(contentsOf: demo.appendingPathComponent("actuals.csv"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            index == 0 || !line.hasPrefix("C") ? String(line) : "C-" + line.dropFirst()
        }.joined(separator: "\n")
    }

    @Test func aDashOnOneSideStopsNamingTheLookAlikeAndPunctuation() throws {
        let w = Workspace()
        let a = w.file("a.csv", try Self.dashedActuals())
        let f = Self.demo.appendingPathComponent("forecasts.csv").path
        let stopped = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--no-history"])
        #expect(stopped.status == 65)
        #expect(stopped.stderr.contains("40 customer codes and 0 item codes in the forecasts look like a different code in the actuals."))
        #expect(stopped.stderr.contains("customer \"C0001\" in the forecasts, \"C-0001\" in the actuals"))
        #expect(stopped.stderr.contains("Run with --normalize-keys punctuation to join them"))
        #expect(!stopped.stderr.contains("no purchases"))

        let joined = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--no-history", "--normalize-keys", "punctuation",
                                  "--format", "csv"])
        let clean = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", Self.demo.appendingPathComponent("actuals.csv").path,
                                 "--no-history", "--format", "csv"])
        #expect(joined.status == 0)
        #expect(joined.stdout == clean.stdout, "joined, the perturbed book scores as the demo does")

        let asSpelled = try CLI.run(["report", "--wide", "--forecasts", f, "--actuals", a, "--no-history", "--normalize-keys", "none",
                                     "--allow-low-coverage", "--out", w.url.path + "/out"])
        #expect(asSpelled.status == 0)
        let coverage = try #require(w.read("out/coverage.csv"))
        #expect(coverage.contains("\nC0001,true,false,"))
        #expect(coverage.contains(",C-0001\n"))
        let run = try #require(w.read("out/run.json"))
        #expect(run.contains("\"look_alike_customers\": 40"))
    }

    @Test func checkSuggestsTheCodeWithoutItsDash() throws {
        let f = Self.demo.appendingPathComponent("forecasts.csv").path, a = Self.demo.appendingPathComponent("actuals.csv").path
        let out = try CLI.run(["check", "--forecasts", f, "--actuals", a, "--customer", "C-0024", "--quantity", "100"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("C0024"))
    }
}

import Foundation
import Testing

/// A join that matched less than half of either side's volume stops the run (exit 65) unless
/// `--allow-low-coverage`, and then every output says so.
@Suite struct LowCoverageCLITests {
    static let demo = CLI.packageRoot.appendingPathComponent("datasets/demo")
    static var forecasts: String { demo.appendingPathComponent("forecasts.csv").path }

    /// The demo's actuals with the customer codes from C0011 on renamed to K-codes (C0011 → K0011).
    static func renamedActuals() throws -> String {
        let text = try String(contentsOf: demo.appendingPathComponent("actuals.csv"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("C") && !line.hasPrefix("C000") && !line.hasPrefix("C0010") ? "K" + line.dropFirst() : String(line)
        }.joined(separator: "\n")
    }

    @Test func codesThatDontMatchStopNamingTheLargestOfEachSide() throws {
        let w = Workspace()
        let a = w.file("a.csv", try Self.renamedActuals())
        let stopped = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history"])
        #expect(stopped.status == 65)
        #expect(stopped.stdout.isEmpty)
        #expect(stopped.stderr.hasPrefix("trueup: The join matched only "))
        #expect(stopped.stderr.contains("at least 50% of each is needed"))
        let bought = try #require(stopped.stderr.split(separator: "\n").first { $0.contains("bought, never forecast") })
        #expect(bought.components(separatedBy: "\"K0").count == 6, "the five largest: \(bought)")
        let forecast = try #require(stopped.stderr.split(separator: "\n").first { $0.contains("forecast, never bought") })
        #expect(forecast.components(separatedBy: "\"C0").count == 6, "the five largest: \(forecast)")
        #expect(stopped.stderr.contains("--allow-low-coverage"))
        #expect(!stopped.stderr.contains("--skip-bad-rows"))
    }

    @Test func allowedEveryOutputSaysSo() throws {
        let w = Workspace()
        let a = w.file("a.csv", try Self.renamedActuals())
        let out = w.url.path + "/out"
        let run = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history", "--allow-low-coverage",
                               "--out", out])
        #expect(run.status == 0)
        let note = "Low coverage (--allow-low-coverage): only "
        #expect(run.stderr.contains("trueup: " + note))
        #expect(run.stdout.contains("\n" + note), "the table's footer")
        #expect(w.read("out/README.txt")?.contains(note) == true)
        #expect(w.read("out/report.html")?.contains(note) == true)
        let runJSON = try #require(w.read("out/run.json"))
        #expect(runJSON.contains("\"low_coverage\": {"))
        #expect(runJSON.contains("\"allowed\": true"))

        let json = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history", "--allow-low-coverage",
                                "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"coverage\": {"))
        #expect(json.stdout.contains("\"matched_actual_share\": "))
        #expect(json.stdout.contains("\"low_coverage_allowed\": true"))
        let csv = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history", "--allow-low-coverage",
                               "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("customer,"), "stdout stays one CSV table")
        #expect(csv.stderr.contains("trueup: " + note), "the note carries both shares")
    }

    @Test func aDashOnOneSideAsSpelledIsRefusedNamingTheLookAlike() throws {
        let w = Workspace()
        let a = w.file("a.csv", try PunctuationLookAlikeTests.dashedActuals())
        let stopped = try CLI.run(["report", "--wide", "--forecasts", Self.forecasts, "--actuals", a, "--no-history", "--normalize-keys", "none"])
        #expect(stopped.status == 65)
        #expect(stopped.stderr.contains("The join matched only 0% of actual volume and 0% of forecast volume at lag 1"))
        #expect(stopped.stderr.contains("look-alike: customer \"C0001\" in the forecasts, \"C-0001\" in the actuals"))
        #expect(stopped.stderr.contains("Run with --normalize-keys punctuation"))
        #expect(!stopped.stderr.contains("no purchases"))
    }
}

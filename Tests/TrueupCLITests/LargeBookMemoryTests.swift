import Foundation
import Testing

/// A book of many one-row customers stays within a memory bound: its peak, as `--timings` reports it
/// from the system's own count (getrusage), not a timing.
@Suite(.tags(.slow), .enabled(if: SlowTests.enabled, SlowTests.skipped)) struct LargeBookMemoryTests {
    /// The most memory a report of 100,000 one-row customers may take, every file written (report.xlsx
    /// too). Measured at 380 MB in a release build (bench/RESULTS.md); the run took 690 MB before the
    /// writers streamed their files and the tiers stopped copying the book.
    static let boundMB = 520

    @Test func aHundredThousandOneRowCustomersStayWithinTheBound() throws {
        let space = Workspace()
        var forecasts = "customer,item,period,lag,forecast\n", actuals = "customer,item,period,actual\n"
        for k in 1...100_000 {
            let actual = 100 + (k * 7) % 50
            forecasts += "C\(1_000_000 + k),I1,2025-01,1,\(actual + k % 11 - 5)\n"
            actuals += "C\(1_000_000 + k),I1,2025-01,\(actual)\n"
        }
        let outcome = try CLI.run(["report", "--forecasts", space.file("forecasts.csv", forecasts), "--actuals", space.file("actuals.csv", actuals),
                                   "--out", space.url.appendingPathComponent("out").path, "--no-history", "--timings"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let total = try #require(outcome.stderr.split(separator: "\n").first { $0.hasPrefix("  total") }, "\(outcome.stderr)")
        let words = total.split(separator: " ")
        let peak = try #require(words.firstIndex(of: "MB").flatMap { Int(words[$0 - 1].filter { $0 != "," }) })
        #expect(peak > 0 && peak <= Self.boundMB, "peak \(peak) MB for 100,000 one-row customers (bound \(Self.boundMB) MB)")
        let html = try FileManager.default.attributesOfItem(atPath: space.url.appendingPathComponent("out/report.html").path)[.size] as? Int
        #expect((html ?? 0) < 3_000_000, "report.html is \(html ?? 0) bytes")
    }
}

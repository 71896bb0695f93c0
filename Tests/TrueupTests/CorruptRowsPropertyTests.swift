import Testing
@testable import Trueup

/// Random valid data with random rows corrupted: exactly those rows are rejected, with
/// their line and text, and the figures are those of the data without them.
@Suite struct CorruptRowsPropertyTests {
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    /// Ways a row goes bad, each a change to one valid row's fields.
    static let corruptions: [@Sendable (inout [String]) -> Void] = [
        { $0[3] = "n/a" },                       // the quantity is not a number
        { $0[2] = "2024-13" },                   // an unreadable period
        { $0[0] = "  " },                        // an empty customer
        { $0[1] = "" },                          // an empty item
        { $0.removeLast() },                     // too few fields
        { $0.append("extra") },                  // too many fields
        { $0[3] = "1,5" },                       // a thousands-style number in a comma file (quoted below)
    ]

    static func csv(_ fields: [String]) -> String {
        fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
    }

    @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
    func exactlyTheCorruptedRowsAreRejected(seed: UInt64) throws {
        var random = Random(state: seed)
        var actualRows: [[String]] = []
        var forecastRows: [[String]] = []
        for c in 0..<12 {
            for i in 0..<(3 + random.next(5)) {
                for m in 1...10 {
                    let period = "2024-\(m < 10 ? "0" : "")\(m)"
                    if random.next(6) > 0 { actualRows.append(["C\(c)", "I\(i)", period, String(random.next(500))]) }
                    if random.next(5) > 0 { forecastRows.append(["C\(c)", "I\(i)", period, String(random.next(500))]) }
                }
            }
        }
        // Corrupt about one row in twelve of each file, remembering the line (header = line 1).
        func corrupt(_ rows: [[String]], header: String) -> (all: String, clean: String, lines: [Int], raw: [String]) {
            var all = header + "\n", clean = header + "\n"
            var lines: [Int] = [], raw: [String] = []
            for (k, row) in rows.enumerated() {
                if random.next(12) == 0 {
                    var bad = row
                    Self.corruptions[random.next(Self.corruptions.count)](&bad)
                    let text = Self.csv(bad)
                    all += text
                    lines.append(k + 2)
                    raw.append(String(text.dropLast()))
                } else {
                    all += Self.csv(row)
                    clean += Self.csv(row)
                }
            }
            return (all, clean, lines, raw)
        }
        let actuals = corrupt(actualRows, header: "customer,item,period,actual")
        let forecasts = corrupt(forecastRows.map { [$0[0], $0[1], $0[2], $0[3]] }, header: "customer,item,period,forecast")
        #expect(!actuals.lines.isEmpty && !forecasts.lines.isEmpty)

        let scratch = Scratch()
        var dirty = ReportRequest(forecasts: scratch.file("f.csv", forecasts.all), actuals: scratch.file("a.csv", actuals.all),
                                  skipBadRows: true).allowingAllBadRows
        dirty.threads = 2
        dirty.readBlockSize = 256
        let result = try Report.run(dirty)
        let clean = try Report.run(ReportRequest(forecasts: scratch.file("fc.csv", forecasts.clean),
                                                 actuals: scratch.file("ac.csv", actuals.clean)))

        #expect(result.rejects.filter { $0.file == dirty.actuals }.map(\.line) == actuals.lines)
        #expect(result.rejects.filter { $0.file == dirty.forecasts }.map(\.line) == forecasts.lines)
        #expect(result.rejects.filter { $0.file == dirty.actuals }.map(\.raw) == actuals.raw)
        #expect(result.rejects.filter { $0.file == dirty.forecasts }.map(\.raw) == forecasts.raw)
        #expect(result.rows == clean.rows)
        #expect(result.accounting.actuals.rejected == actuals.lines.count)
        #expect(result.accounting.forecasts.rejected == forecasts.lines.count)
        #expect(result.accounting.actuals.addsUp && result.accounting.forecasts.addsUp)
    }
}

import Foundation
import Testing
@testable import Trueup
@testable import TrueupGenerate

/// The synthetic data generator: file shapes, determinism, and that the planted
/// behaviours show up in the figures the default flag policy is built on.
@Suite("Generator")
struct GeneratorTests {
    // MARK: Files and shapes

    @Test("the same seed gives byte-identical files")
    func sameSeedSameBytes() throws {
        let config = GeneratorConfig(customers: 9, items: 4, months: 14, lags: 3, seed: 2024, openMonths: 2)
        let first = try GeneratedSet(config)
        let second = try GeneratedSet(config)
        for name in GeneratedSet.fileNames {
            #expect(try first.bytes(name) == second.bytes(name), "\(name) differs between runs")
        }
    }

    @Test("a different seed gives different files")
    func differentSeedDifferentBytes() throws {
        var config = GeneratorConfig(customers: 9, items: 4, months: 14, lags: 3, seed: 1)
        let first = try GeneratedSet(config)
        config.seed = 2
        let second = try GeneratedSet(config)
        #expect(try first.bytes("forecasts.csv") != second.bytes("forecasts.csv"))
        #expect(try first.bytes("actuals.csv") != second.bytes("actuals.csv"))
    }

    @Test("row counts are exact and headers come first", arguments: [
        GeneratorConfig(customers: 1, items: 1, months: 2, lags: 1, seed: 7),
        GeneratorConfig(customers: 7, items: 3, months: 5, lags: 2, seed: 7),
        GeneratorConfig(customers: 12, items: 5, months: 13, lags: 12, seed: 7, startYear: 2023, startMonth: 11),
    ])
    func rowCounts(config: GeneratorConfig) throws {
        let set = try GeneratedSet(config)
        let forecasts = try set.lines("forecasts.csv")
        let actuals = try set.lines("actuals.csv")
        let truth = try set.lines("truth.csv")
        #expect(forecasts.first == "customer,item,period,lag,forecast")
        #expect(actuals.first == "customer,item,period,actual")
        #expect(truth.first == "customer,behaviour,drift_from")
        #expect(forecasts.count - 1 == config.customers * config.items * config.months * config.lags)
        #expect(actuals.count - 1 == config.customers * config.items * config.months)
        #expect(truth.count - 1 == config.customers)
        #expect(set.summary.forecastRows == forecasts.count - 1)
        #expect(set.summary.openForecastRows == 0)
        #expect(set.summary.actualRows == actuals.count - 1)
    }

    @Test("the summary's byte count is the files' total size")
    func bytesWritten() throws {
        let set = try GeneratedSet(GeneratorConfig(customers: 8, items: 3, months: 6, lags: 2, seed: 3, openMonths: 1))
        let total = try GeneratedSet.fileNames.map { try set.bytes($0).count }.reduce(0, +)
        #expect(set.summary.bytesWritten == total)
    }

    @Test("open months carry only the lags made by the last actual month")
    func openMonths() throws {
        let config = GeneratorConfig(customers: 2, items: 2, months: 4, lags: 3, seed: 5, openMonths: 2,
                                     startYear: 2024, startMonth: 11)
        let set = try GeneratedSet(config)
        let rows = try set.rows("forecasts.csv")
        let lagsByPeriod = Dictionary(grouping: rows.filter { $0[0] == "C0001" && $0[1] == "SKU00001" },
                                      by: { $0[2] }).mapValues { $0.map { $0[3] } }
        #expect(lagsByPeriod["2025-02"] == ["1", "2", "3"])
        #expect(lagsByPeriod["2025-03"] == ["1", "2", "3"])
        #expect(lagsByPeriod["2025-04"] == ["2", "3"])
        #expect(lagsByPeriod["2025-05"] == nil)
        // Per customer and item: 4 closed months × 3 lags, then 3 + 2 open rows.
        #expect(rows.count == 2 * 2 * (12 + 5))
        #expect(set.summary.openForecastRows == 2 * 2 * 5)
        let actualPeriods = Set(try set.rows("actuals.csv").map { $0[2] })
        #expect(actualPeriods == ["2024-11", "2024-12", "2025-01", "2025-02"])
    }

    @Test("rows are ordered by customer, item, period, lag and use the documented formats")
    func orderAndFormats() throws {
        let set = try GeneratedSet(GeneratorConfig(customers: 11, items: 3, months: 15, lags: 2, seed: 9))
        let forecasts = try set.rows("forecasts.csv")
        let actuals = try set.rows("actuals.csv")
        let forecastKeys = forecasts.map { [$0[0], $0[1], $0[2], String(repeating: "0", count: 2 - $0[3].count) + $0[3]] }
        #expect(forecastKeys == forecastKeys.sorted { $0.lexicographicallyPrecedes($1) })
        let actualKeys = actuals.map { Array($0.prefix(3)) }
        #expect(actualKeys == actualKeys.sorted { $0.lexicographicallyPrecedes($1) })

        let period = try Regex("^[0-9]{4}-(0[1-9]|1[0-2])$")
        for row in forecasts {
            #expect(row.count == 5)
            #expect(row[0].wholeMatch(of: try Regex("C[0-9]{4}")) != nil)
            #expect(row[1].wholeMatch(of: try Regex("SKU[0-9]{5}")) != nil)
            #expect(row[2].wholeMatch(of: period) != nil)
            #expect(row[4].wholeMatch(of: try Regex("(0|[1-9][0-9]*)(\\.[1-9])?")) != nil, "forecast \(row[4])")
        }
        for row in actuals {
            #expect(row.count == 4)
            #expect(row[3].wholeMatch(of: try Regex("0|[1-9][0-9]*")) != nil, "actual \(row[3])")
        }
        let zeros = actuals.filter { $0[3] == "0" }.count
        #expect(zeros > 0, "some actuals are 0 (intermittent demand)")
        #expect(Double(zeros) < 0.12 * Double(actuals.count))
    }

    @Test("ids widen with the counts")
    func idWidths() throws {
        let set = try GeneratedSet(GeneratorConfig(customers: 10_001, items: 1, months: 2, lags: 1, seed: 1))
        let truth = try set.rows("truth.csv")
        #expect(truth.first?[0] == "C00001")
        #expect(truth.last?[0] == "C10001")
    }

    // MARK: Behaviours

    @Test("truth covers every customer and every behaviour", arguments: [7, 8, 13, 60, 101])
    func truthCoverage(customers: Int) throws {
        let set = try GeneratedSet(GeneratorConfig(customers: customers, items: 1, months: 2, lags: 1, seed: 11))
        let truth = try set.rows("truth.csv")
        #expect(truth.map { $0[0] } == (1...customers).map { "C" + String(format: "%04d", $0) })
        let planted = truth.compactMap { Behaviour(rawValue: $0[1]) }
        #expect(planted.count == customers, "every behaviour name parses")
        #expect(Set(planted) == Set(Behaviour.allCases))
        for behaviour in Behaviour.allCases {
            #expect(set.summary.behaviourCounts[behaviour] == planted.filter { $0 == behaviour }.count)
        }
        let reliableShare = Double(set.summary.behaviourCounts[.reliable] ?? 0) / Double(customers)
        if customers >= 60 {
            #expect((0.35...0.45).contains(reliableShare))
        }
    }

    @Test("fewer than seven customers get distinct behaviours")
    func fewCustomers() throws {
        let set = try GeneratedSet(GeneratorConfig(customers: 4, items: 1, months: 2, lags: 1, seed: 11))
        let planted = try set.rows("truth.csv").map { $0[1] }
        #expect(Set(planted).count == 4)
    }

    @Test("each behaviour's forecasts sit in its planted range of actuals")
    func plantedRatios() throws {
        let panel = try Panel(GeneratorConfig(customers: 60, items: 10, months: 24, lags: 2, seed: 42))
        for behaviour in Behaviour.allCases {
            #expect(!panel.customers(behaviour).isEmpty, "\(behaviour) is planted")
        }
        for lag in [1, 2] {
            let ratio = { (behaviour: Behaviour) in panel.meanRatio(behaviour, lag: lag) }
            #expect(ratio(.inflating) > 1.15)
            #expect(ratio(.sandbagging) < 0.85)
            #expect((0.95...1.05).contains(ratio(.reliable)))
            #expect((0.9...1.1).contains(ratio(.copying)))
        }
        // Revising late: well above demand two months ahead, cut near the truth a month ahead.
        #expect(panel.meanRatio(.revisingLate, lag: 2) > 1.25)
        #expect((0.95...1.05).contains(panel.meanRatio(.revisingLate, lag: 1)))
    }

    /// Per-customer checks need enough items that one big item's empty month
    /// cannot swing a whole customer's figures, hence 30 items here.
    @Test("the planted behaviours show in the policy's figures at lag 1")
    func plantedFigures() throws {
        let panel = try Panel(GeneratorConfig(customers: 60, items: 30, months: 24, lags: 2, seed: 42))
        let figures = { (behaviour: Behaviour) in panel.customers(behaviour).map { panel.figures($0, lag: 1) } }

        let reliable = figures(.reliable)
        #expect(median(reliable.map { abs($0.biasPct) }) < 10)
        #expect(median(reliable.map(\.wmape)) < 30)
        #expect(median(reliable.map(\.fvaPts)) >= 2)
        #expect(reliable.allSatisfy { abs($0.biasPct) < 10 && $0.wmape < 30 })

        // 10 or more of 12 months on one side is a sign test p below 0.05.
        for figure in figures(.inflating) {
            #expect(figure.biasPct >= 15 && figure.overPeriods >= 10, "\(figure)")
        }
        for figure in figures(.sandbagging) {
            #expect(figure.biasPct <= -15 && figure.overPeriods <= 2, "\(figure)")
        }
        #expect(figures(.noisy).allSatisfy { $0.wmape >= 50 })
        #expect(figures(.copying).allSatisfy { abs($0.fvaPts) < 2 })

        let drifting = figures(.drifting)
        #expect(drifting.allSatisfy { $0.recentBiasPct >= 15 && $0.recentWmape > $0.earlierWmape })
        #expect(median(drifting.map(\.biasPct)) >= 10)

        // Revising late looks reliable at lag 1 and over-forecasts at lag 2 month after month.
        #expect(figures(.revisingLate).allSatisfy { abs($0.biasPct) < 10 && $0.wmape < 30 })
        for customer in panel.customers(.revisingLate) {
            let early = panel.figures(customer, lag: 2)
            #expect(early.biasPct >= 25 && early.overPeriods >= 10, "\(early)")
        }
    }

    // MARK: Validation

    @Test("configurations out of range are refused", arguments: [
        GeneratorConfig(customers: 0, items: 1, months: 2, lags: 1, seed: 0),
        GeneratorConfig(customers: 1, items: 0, months: 2, lags: 1, seed: 0),
        GeneratorConfig(customers: 1, items: 1, months: 1, lags: 1, seed: 0),
        GeneratorConfig(customers: 1, items: 1, months: 2, lags: 0, seed: 0),
        GeneratorConfig(customers: 1, items: 1, months: 2, lags: 13, seed: 0),
        GeneratorConfig(customers: 1, items: 1, months: 2, lags: 2, seed: 0, openMonths: 3),
        GeneratorConfig(customers: 1, items: 1, months: 2, lags: 2, seed: 0, openMonths: -1),
        GeneratorConfig(customers: 1, items: 1, months: 2, lags: 1, seed: 0, startMonth: 13),
        GeneratorConfig(customers: 1, items: 1, months: 24, lags: 1, seed: 0, startYear: 9999),
        GeneratorConfig(customers: 1, items: 1, months: Int.max, lags: 1, seed: 0),
        GeneratorConfig(customers: 1, items: 1, months: 2, lags: 1, seed: 0, startYear: Int.max),
        GeneratorConfig(customers: Int.max, items: 2, months: 2, lags: 1, seed: 0),
    ])
    func invalidConfig(config: GeneratorConfig) {
        let error = #expect(throws: GeneratorError.self) { try Generator(config) }
        guard case .invalidConfig = error else {
            Issue.record("expected invalidConfig, got \(String(describing: error))")
            return
        }
    }

    @Test("a missing directory is created, parents included")
    func createsDirectory() throws {
        let root = GeneratedSet.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let nested = root + "/a/b/"
        let summary = try Generator(GeneratorConfig(customers: 1, items: 1, months: 2, lags: 1, seed: 0)).write(to: nested)
        #expect(summary.actualRows == 2)
        #expect(FileManager.default.fileExists(atPath: nested + "truth.csv"))
    }

    @Test("an unwritable directory is reported, not trapped")
    func unwritable() throws {
        let root = GeneratedSet.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "-file"))
        defer { try? FileManager.default.removeItem(atPath: root + "-file") }
        let generator = try Generator(GeneratorConfig(customers: 1, items: 1, months: 2, lags: 1, seed: 0))
        let error = #expect(throws: GeneratorError.self) { try generator.write(to: root + "-file") }
        guard case .cannotWrite = error else {
            Issue.record("expected cannotWrite, got \(String(describing: error))")
            return
        }
    }
}

// MARK: - Helpers

/// The three files of one generator run, read back from a scratch directory.
private struct GeneratedSet {
    static let fileNames = ["forecasts.csv", "actuals.csv", "truth.csv"]

    let summary: GeneratorSummary
    private let files: [String: Data]

    init(_ config: GeneratorConfig) throws {
        let directory = Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        summary = try Generator(config).write(to: directory)
        var files: [String: Data] = [:]
        for name in Self.fileNames {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        self.files = files
    }

    static func scratchDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trueup-generator-\(UUID().uuidString)").path
    }

    func bytes(_ name: String) throws -> Data {
        try #require(files[name])
    }

    /// Every line, header included; the file must end with a newline.
    func lines(_ name: String) throws -> [String] {
        let text = String(decoding: try bytes(name), as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The data rows, split on commas (the generator never quotes).
    func rows(_ name: String) throws -> [[String]] {
        try lines(name).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// A customer's figures at one lag over the last 12 history months, computed
/// here from the generated files the way METRICS.md defines them.
private struct TestFigures {
    var biasPct: Double
    var wmape: Double
    var fvaPts: Double
    var overPeriods: Int
    /// Bias and wmape over the last 3 months, and wmape over the 9 before them.
    var recentBiasPct: Double
    var recentWmape: Double
    var earlierWmape: Double
}

/// The generated files as dense arrays: forecast[customer][item][month][lag - 1] and actual[customer][item][month].
private struct Panel {
    let months: Int
    let truth: [Behaviour]
    var forecast: [[[[Double]]]]
    var actual: [[[Double]]]

    init(_ config: GeneratorConfig) throws {
        let set = try GeneratedSet(config)
        months = config.months
        truth = try set.rows("truth.csv").map { try #require(Behaviour(rawValue: $0[1])) }
        let monthIndex = { (period: String) -> Int in
            let parts = period.split(separator: "-").compactMap { Int($0) }
            return (parts[0] - config.startYear) * 12 + parts[1] - config.startMonth
        }
        let index = { (id: String) -> Int in Int(id.drop { !$0.isNumber }).map { $0 - 1 } ?? -1 }
        let lagSlots = [Double](repeating: .nan, count: config.lags)
        forecast = Array(repeating: Array(repeating: Array(repeating: lagSlots, count: config.months),
                                          count: config.items), count: config.customers)
        actual = Array(repeating: Array(repeating: Array(repeating: .nan, count: config.months),
                                        count: config.items), count: config.customers)
        for row in try set.rows("forecasts.csv") {
            let lag = try #require(Int(row[3]))
            forecast[index(row[0])][index(row[1])][monthIndex(row[2])][lag - 1] = try #require(Double(row[4]))
        }
        for row in try set.rows("actuals.csv") {
            actual[index(row[0])][index(row[1])][monthIndex(row[2])] = try #require(Double(row[3]))
        }
    }

    func customers(_ behaviour: Behaviour) -> [Int] {
        truth.indices.filter { truth[$0] == behaviour }
    }

    /// The mean over the behaviour's customers of ΣF / ΣA over all history months.
    func meanRatio(_ behaviour: Behaviour, lag: Int) -> Double {
        let ratios = customers(behaviour).map { customer in
            var forecastTotal = 0.0
            var actualTotal = 0.0
            for item in forecast[customer].indices {
                for month in 0..<months {
                    forecastTotal += forecast[customer][item][month][lag - 1]
                    actualTotal += actual[customer][item][month]
                }
            }
            return forecastTotal / actualTotal
        }
        return ratios.reduce(0, +) / Double(ratios.count)
    }

    func figures(_ customer: Int, lag: Int) -> TestFigures {
        let window = (months - 12)..<months
        let naiveLag = max(lag, 1)
        var error = 0.0, absError = 0.0, actualSum = 0.0
        var naiveAbs = 0.0, forecastAbsOnNaiveCells = 0.0, actualOnNaiveCells = 0.0
        var periodErrors: [Double] = []
        var periodAbs: [Double] = []
        var periodActual: [Double] = []
        for month in window {
            var e = 0.0, a = 0.0, absE = 0.0
            for item in actual[customer].indices {
                let f = forecast[customer][item][month][lag - 1]
                let x = actual[customer][item][month]
                e += f - x
                absE += abs(f - x)
                a += x
                if month - naiveLag >= 0 {
                    naiveAbs += abs(actual[customer][item][month - naiveLag] - x)
                    forecastAbsOnNaiveCells += abs(f - x)
                    actualOnNaiveCells += x
                }
            }
            error += e
            absError += absE
            actualSum += a
            periodErrors.append(e)
            periodAbs.append(absE)
            periodActual.append(a)
        }
        let recent = (periodErrors.count - 3)..<periodErrors.count
        let earlier = 0..<(periodErrors.count - 3)
        func sum(_ values: [Double], _ range: Range<Int>) -> Double { values[range].reduce(0, +) }
        return TestFigures(
            biasPct: 100 * error / actualSum,
            wmape: 100 * absError / actualSum,
            fvaPts: 100 * (naiveAbs - forecastAbsOnNaiveCells) / actualOnNaiveCells,
            overPeriods: periodErrors.filter { $0 > 0 }.count,
            recentBiasPct: 100 * sum(periodErrors, recent) / sum(periodActual, recent),
            recentWmape: 100 * sum(periodAbs, recent) / sum(periodActual, recent),
            earlierWmape: 100 * sum(periodAbs, earlier) / sum(periodActual, earlier))
    }
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

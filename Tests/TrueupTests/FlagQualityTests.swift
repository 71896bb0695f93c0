import Foundation
import Testing
@testable import Trueup
import TrueupGenerate

/// On data with planted forecaster behaviours, the default policy finds them.
@Suite struct FlagQualityTests {
    struct Size: Sendable, CustomStringConvertible {
        var customers, items, months, lags: Int
        var seed: UInt64
        var description: String { "\(customers)x\(items)x\(months)x\(lags) seed \(seed)" }
    }

    static let sizes = [
        Size(customers: 60, items: 20, months: 24, lags: 3, seed: 1),
        Size(customers: 60, items: 20, months: 24, lags: 3, seed: 2),
        Size(customers: 90, items: 12, months: 18, lags: 2, seed: 3),
        Size(customers: 48, items: 40, months: 12, lags: 1, seed: 4),
        Size(customers: 120, items: 8, months: 30, lags: 3, seed: 5),
    ]

    /// Tiers at lag 1 by planted behaviour.
    static func confusion(_ size: Size) throws -> [Behaviour: [Tier: Int]] {
        let scratch = Scratch()
        let config = GeneratorConfig(customers: size.customers, items: size.items, months: size.months, lags: size.lags, seed: size.seed)
        _ = try Generator(config).write(to: scratch.path)
        let result = try Report.run(ReportRequest(forecasts: scratch.path + "/forecasts.csv", actuals: scratch.path + "/actuals.csv"))
        let truth = try String(contentsOfFile: scratch.path + "/truth.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let tiers = Dictionary(uniqueKeysWithValues: result.assessments.map { ($0.customer, $0.tier) })
        var table: [Behaviour: [Tier: Int]] = [:]
        for line in truth {
            guard let behaviour = Behaviour(rawValue: line[1]), let tier = tiers[line[0]] else { continue }
            table[behaviour, default: [:]][tier, default: 0] += 1
        }
        return table
    }

    static func share(_ row: [Tier: Int]?, _ tiers: Set<Tier>) -> Double {
        let total = row?.values.reduce(0, +) ?? 0
        guard total > 0 else { return 0 }
        return Double(row?.filter { tiers.contains($0.key) }.values.reduce(0, +) ?? 0) / Double(total)
    }

    @Test(arguments: sizes)
    func plantedBehavioursAreFlagged(size: Size) throws {
        let table = try Self.confusion(size)
        for behaviour in [Behaviour.inflating, .sandbagging, .noisy] {
            #expect(Self.share(table[behaviour], [.unreliable]) >= 0.95, "\(behaviour) in \(size): \(table[behaviour] ?? [:])")
        }
        // With under 24 months the seasonal benchmark is measured on fewer than 12 months, where a
        // reliable forecaster beats last year's same month by less than 2 points now and then (2 of
        // 36 in the 18-month book): "adds little over the best simple benchmark" is then watch.
        let trustedShare = size.months >= 24 ? 0.95 : 0.9
        #expect(Self.share(table[.reliable], [.trusted]) >= trustedShare, "reliable in \(size): \(table[.reliable] ?? [:])")
        for behaviour in [Behaviour.copying, .drifting] {
            #expect(Self.share(table[behaviour], [.watch, .unreliable]) == 1, "\(behaviour) in \(size): \(table[behaviour] ?? [:])")
        }
        #expect(table.values.flatMap(\.values).reduce(0, +) == size.customers)
    }
}

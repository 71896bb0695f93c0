import Foundation
import Testing
@testable import Trueup
import TrueupGenerate

/// The drift signal's two promises, measured on generated books: a +45% shift in a customer's
/// forecasts is caught two months in, and a reliable customer's series almost never sets it off.
///
/// A window ending in month T sees the months up to T, so the signal at each window end is the
/// signal on that prefix of the customer's monthly totals (the totals of a month don't depend on
/// where the window ends).
@Suite struct DriftSignalTests {
    struct Book: Sendable, CustomStringConvertible {
        var customers, items, months: Int
        var seed: UInt64
        var description: String { "\(customers)x\(items)x\(months) seed \(seed)" }
    }

    static let books = [
        Book(customers: 60, items: 20, months: 24, seed: 1), Book(customers: 60, items: 20, months: 24, seed: 2),
        Book(customers: 60, items: 20, months: 24, seed: 3), Book(customers: 120, items: 8, months: 30, seed: 5),
    ]

    /// The monthly totals of every reliable customer at every lag.
    static func reliableSeries(_ book: Book) throws -> [[PeriodTotals]] {
        let scratch = Scratch()
        let config = GeneratorConfig(customers: book.customers, items: book.items, months: book.months, lags: 3, seed: book.seed)
        _ = try Generator(config).write(to: scratch.path)
        let result = try Report.run(ReportRequest(forecasts: scratch.path + "/forecasts.csv", actuals: scratch.path + "/actuals.csv"))
        let reliable = Set(try String(contentsOfFile: scratch.path + "/truth.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            .filter { $0[1] == Behaviour.reliable.rawValue }.map { $0[0] })
        return result.rows.filter { reliable.contains($0.customer ?? "") }.map(\.periods)
    }

    @Test func aShiftIsCaughtTwoMonthsInAndSteadySeriesRarelyFire() throws {
        var everFired = 0, series = 0, caught = 0, shifted = 0
        for book in Self.books {
            for periods in try Self.reliableSeries(book) {
                series += 1
                // Every window end with enough months to judge.
                if (8...periods.count).contains(where: { DriftSignal.detect(Array(periods.prefix($0)), policy: .default) != nil }) {
                    everFired += 1
                }
                // The forecasts × 1.45 from month S on, judged two months in (the window ends at S + 1).
                for start in 8..<(periods.count - 1) {
                    let window = periods.prefix(start + 2).enumerated().map { k, p in
                        var p = p
                        if k >= start { p.forecast *= 1.45 }
                        return p
                    }
                    shifted += 1
                    if let drift = DriftSignal.detect(window, policy: .default), drift.start <= window[start].month { caught += 1 }
                }
            }
        }
        let falseAlarms = Double(everFired) / Double(series), detected = Double(caught) / Double(shifted)
        #expect(series > 250 && shifted > 4000)
        #expect(falseAlarms <= 0.02, "\(everFired) of \(series) reliable series fired at some window end")
        #expect(detected >= 0.9, "\(caught) of \(shifted) shifts caught two months in")
        print("drift signal: \(everFired) of \(series) reliable series fired at some window end; \(caught) of \(shifted) +45% shifts caught two months in")
    }

    @Test func oneBadMonthNeverFires() {
        let months = (0..<12).map { k in
            PeriodTotals(month: Month(year: 2025, month: 1)! + k, actual: 100, forecast: k == 11 ? 300 : 102, absoluteError: 0, absoluteActual: 100)
        }
        #expect(DriftSignal.detect(months, policy: .default) == nil)
        var twice = months
        twice[10].forecast = 300
        #expect(DriftSignal.detect(twice, policy: .default)?.months == 2)
        // Two bad months on opposite sides are no shift.
        twice[10].forecast = 20
        #expect(DriftSignal.detect(twice, policy: .default) == nil)
    }

    /// Twelve months of 20 cells: a baseline of ±2% with about half the cells over, then `shift`.
    static func broadMonths(cells: Int = 20, last: [(errorPct: Double, over: Int)]) -> [PeriodTotals] {
        (0..<12).map { k in
            let late = k - (12 - last.count)
            let error = late >= 0 ? last[late].errorPct : (k % 2 == 0 ? 2 : -2)
            let over = late >= 0 ? last[late].over : cells / 2 + (k % 3) - 1
            return PeriodTotals(month: Month(year: 2025, month: 1)! + k, actual: 100, forecast: 100 + error, absoluteError: 0,
                                absoluteActual: 100, cells: cells, overCells: over, underCells: cells - over)
        }
    }

    /// The breadth rule: +16% then +30%, under the level rule's 25 points in the first month, but
    /// with 15 and then 19 of 20 items over-forecast, is a drift from the first of the two months.
    @Test func aBroadShiftIsCaughtBelowTheLevelLine() throws {
        let broad = Self.broadMonths(last: [(16, 15), (30, 19)])
        let drift = try #require(DriftSignal.detect(broad, policy: .default))
        #expect(drift.start == Month(year: 2025, month: 11)! && drift.months == 2)
        // The same totals from a few items (10 of 20 over, as before): not broad, and under the level line.
        #expect(DriftSignal.detect(Self.broadMonths(last: [(16, 10), (30, 11)]), policy: .default) == nil)
        // One broad month after a calm one is no drift.
        #expect(DriftSignal.detect(Self.broadMonths(last: [(1, 10), (30, 20)]), policy: .default) == nil)
        // With 8 cells a month no share reaches z = 3 (√8 < 3): only the level rule judges.
        #expect(DriftSignal.detect(Self.broadMonths(cells: 8, last: [(16, 8), (30, 8)]), policy: .default) == nil)
        // A policy can turn the breadth rule off.
        var strict = Policy.default
        strict.driftBreadthZ = 100
        #expect(DriftSignal.detect(broad, policy: strict) == nil)
    }
}

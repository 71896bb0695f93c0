import Foundation
import Testing
@testable import Trueup
import TrueupGenerate

/// The dgemm window product and the book trend against plain scalar loops, and against BookTotals.
@Suite struct TrailingWindowTests {
    typealias Random = KernelTests.Random

    func agree(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    /// The generated rows' quantities have many decimals: an inexact run's scale (sums in order).
    static let plain = QuantityScale(exact: false)

    /// A random row-major rows × columns matrix of planner-like quantities.
    static func matrix(_ rows: Int, _ columns: Int, seed: UInt64) -> [Double] {
        var random = Random(state: seed)
        return (0..<(rows * columns)).map { _ in random.quantity() }
    }

    @Test(arguments: [(0, 3, 2), (1, 1, 1), (2, 3, 4), (5, 1, 7), (7, 12, 5), (33, 17, 9), (64, 64, 64)])
    func multiplyMatchesTripleLoop(m: Int, k: Int, n: Int) {
        let a = Self.matrix(m, k, seed: UInt64(m * 100 + k))
        let b = Self.matrix(k, n, seed: UInt64(n * 100 + k + 1))
        var c = [Double](repeating: .nan, count: m * n)
        a.withUncheckedColumn { a in b.withUncheckedColumn { b in c.withUncheckedMutableColumn { c in
            BLAS.multiply(a, b, into: c, m: m, k: k, n: n)
        } } }
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for l in 0..<k { sum += a[i * k + l] * b[l * n + j] }
                #expect(agree(c[i * n + j], sum), "C[\(i), \(j)]")
            }
        }
    }

    @Test func multiplyWithNoInnerDimensionIsZero() {
        var c = [Double](repeating: .nan, count: 6)
        c.withUncheckedMutableColumn { c in BLAS.multiply(UncheckedColumn(unchecked: UnsafeBufferPointer(start: nil, count: 0)),
                                                                 UncheckedColumn(unchecked: UnsafeBufferPointer(start: nil, count: 0)),
                                                                 into: c, m: 2, k: 0, n: 3) }
        #expect(c == [0, 0, 0, 0, 0, 0])
    }

    /// With `exact` (whole numbers: the dgemm path) and without (the fixed-order loops), against the
    /// scalar reference: the same bits for whole numbers and for the ordered loops, 1e-9 otherwise.
    @Test(arguments: [(0, 5, 12), (1, 1, 12), (3, 12, 12), (4, 30, 12), (6, 24, 3), (2, 9, 1), (5, 7, 40)], [true, false])
    func trailingSumsMatchScalarLoop(shape: (rows: Int, months: Int, width: Int), exact: Bool) {
        let (rows, months, width) = shape
        for whole in [false, true] {
            var m = Self.matrix(rows, months, seed: UInt64(rows * 1000 + months * 10 + width))
            if whole { m = m.map { ($0 * 4).rounded() } }
            var t = [Double](repeating: .nan, count: rows * months)
            var sums = [Double](repeating: .nan, count: months)
            m.withUncheckedColumn { m in
                t.withUncheckedMutableColumn { Kernels.trailingSums(m, rows: rows, months: months, width: width, exact: exact, into: $0) }
                sums.withUncheckedMutableColumn { Kernels.columnSums(m, rows: rows, columns: months, exact: exact, into: $0) }
            }
            let bitForBit = whole || !exact
            for r in 0..<rows {
                for month in 0..<months {
                    var expected = 0.0
                    for s in max(0, month - width + 1)...month { expected += m[r * months + s] }
                    let value = t[r * months + month]
                    #expect(bitForBit ? value == expected : agree(value, expected), "row \(r), month \(month)")
                }
            }
            for month in 0..<months {
                var expected = 0.0
                for r in 0..<rows { expected += m[r * months + month] }
                #expect(bitForBit ? sums[month] == expected : agree(sums[month], expected), "column \(month)")
            }
        }
    }

    @Test func windowMatrixIsBanded() {
        let w = Kernels.windowMatrix(months: 5, width: 3)
        for s in 0..<5 {
            for t in 0..<5 { #expect(w[s * 5 + t] == (s <= t && s > t - 3 ? 1 : 0), "W[\(s), \(t)]") }
        }
    }

    /// Groups with gaps (months without cells), a month with cells but no volume, returns, and a second lag to be ignored.
    static func generatedRows(groups: Int, first: Month, months: Int, seed: UInt64) -> [MetricsRow] {
        var random = Random(state: seed)
        var rows: [MetricsRow] = []
        for g in 0..<groups {
            for lag in [1, 2] {
                var periods: [PeriodTotals] = []
                for t in 0..<months where random.next() > 0.2 {
                    let actual = random.quantity(), forecast = random.quantity()
                    let absoluteActual = abs(actual) + (random.next() < 0.3 ? random.next() * 20 : 0)
                    let absoluteError = abs(forecast - actual) + random.next() * 10
                    periods.append(PeriodTotals(month: first + t, actual: actual, forecast: forecast,
                                                absoluteError: absoluteError, absoluteActual: absoluteActual))
                }
                rows.append(MetricsRow(customer: "C\(g)", item: nil, lag: lag, figures: Figures(CellSums(), scale: Self.plain),
                                       absoluteError: periods.reduce(0) { $0 + $1.absoluteError }, periods: periods))
            }
        }
        return rows
    }

    /// The trailing totals of `rows` at `lag` for the `width` months ending at `month`, summed one period at a time.
    static func scalarTrailing(_ rows: [MetricsRow], lag: Int, month: Month, width: Int, first: Month) -> WindowTotals {
        var totals = WindowTotals(month: month, monthsCovered: 0, actual: 0, error: 0, absoluteError: 0, absoluteActual: 0)
        var covered = Set<Month>()
        for row in rows where row.lag == lag {
            for p in row.periods where p.month <= month && p.month > month + (-width) && p.month >= first {
                totals.actual += p.actual
                totals.error += p.forecast - p.actual
                totals.absoluteError += p.absoluteError
                totals.absoluteActual += p.absoluteActual
                covered.insert(p.month)
            }
        }
        totals.monthsCovered = covered.count
        return totals
    }

    func agree(_ a: WindowTotals, _ b: WindowTotals) -> Bool {
        a.month == b.month && a.monthsCovered == b.monthsCovered && agree(a.actual, b.actual) && agree(a.error, b.error)
            && agree(a.absoluteError, b.absoluteError) && agree(a.absoluteActual, b.absoluteActual)
    }

    @Test(arguments: [(1, 1, 12), (6, 30, 12), (25, 14, 12), (4, 9, 3), (0, 5, 12)])
    func bookTrendMatchesScalarSums(groups: Int, months: Int, width: Int) throws {
        let first = try #require(Month(year: 2023, month: 7))
        let rows = Self.generatedRows(groups: groups, first: first, months: months, seed: UInt64(groups * 31 + months))
        let trend = BookTrend(rows, lag: 1, from: first, through: first + (months - 1), width: width, scale: Self.plain)
        #expect(trend.months.count == months)
        #expect(trend.groups.count == groups)
        for (t, month) in trend.months.enumerated() {
            let expected = Self.scalarTrailing(rows, lag: 1, month: month, width: width, first: first)
            #expect(agree(trend.trailing[t], expected), "book, \(month)")
            #expect(close(trend.trailing[t].wmape, expected.wmape, relative: 1e-9))
            #expect(close(trend.trailing[t].biasPct, expected.biasPct, relative: 1e-9))
            #expect(close(trend.trailing[t].accuracyPct, expected.accuracyPct, relative: 1e-9))
            let monthly = Self.scalarTrailing(rows, lag: 1, month: month, width: 1, first: first)
            #expect(agree(trend.monthly[t], monthly), "book monthly, \(month)")
            for (g, group) in trend.groups.enumerated() {
                let own = rows.filter { $0.customer == "C\(g)" }
                #expect(group.customer == "C\(g)")
                #expect(agree(group.trailing[t], Self.scalarTrailing(own, lag: 1, month: month, width: width, first: first)))
                #expect(agree(group.monthly[t], Self.scalarTrailing(own, lag: 1, month: month, width: 1, first: first)))
            }
        }
    }

    @Test func cellsBeforeTheTrendsFirstMonthAreLeftOut() throws {
        let first = try #require(Month(year: 2024, month: 1))
        let rows = Self.generatedRows(groups: 3, first: first, months: 20, seed: 5)
        let start = first + 8
        let trend = BookTrend(rows, lag: 1, from: start, through: first + 19, scale: Self.plain)
        #expect(trend.months.first == start)
        for (t, month) in trend.months.enumerated() {
            #expect(agree(trend.trailing[t], Self.scalarTrailing(rows, lag: 1, month: month, width: 12, first: start)))
        }
    }

    @Test func emptyMonthsHaveNoFigures() throws {
        let first = try #require(Month(year: 2024, month: 1))
        let trend = BookTrend([], lag: 1, from: first, through: first + 2, scale: Self.plain)
        #expect(trend.trailing.map(\.monthsCovered) == [0, 0, 0])
        #expect(trend.trailing.allSatisfy { $0.wmape == nil && $0.biasPct == nil && $0.accuracyPct == nil })
    }

    /// On a window of exactly twelve months, the last month's trailing figures are the book's totals.
    @Test func twelveMonthWindowEndsAtTheBookTotals() throws {
        let scratch = Scratch()
        _ = try Generator(GeneratorConfig(customers: 30, items: 4, months: 12, lags: 3, seed: 12)).write(to: scratch.path)
        let result = try Report.run(ReportRequest(forecasts: scratch.path + "/forecasts.csv", actuals: scratch.path + "/actuals.csv"))
        #expect(result.window.last - result.window.first == 11)
        for lag in result.lags {
            let book = BookTotals(result.rows, lag: lag, scale: result.scale)
            let trend = BookTrend(result.rows, lag: lag, window: result.window, scale: result.scale)
            let last = try #require(trend.trailing.last)
            #expect(close(last.absoluteError, book.absoluteError, relative: 1e-9), "lag \(lag)")
            #expect(close(last.absoluteActual, book.absoluteActual, relative: 1e-9))
            #expect(close(last.actual, book.actual, relative: 1e-9))
            #expect(close(last.forecast, book.forecast, relative: 1e-9))
            #expect(close(last.wmape, book.wmape, relative: 1e-9))
            #expect(close(last.biasPct, book.biasPct, relative: 1e-9))
            #expect(close(last.accuracyPct, book.accuracyPct, relative: 1e-9))
            #expect(last.wmape != nil)
            // Lag L forecasts start L months into the generated history.
            #expect(last.monthsCovered == Set(result.rows.filter { $0.lag == lag }.flatMap { $0.periods.map(\.month) }).count)
        }
    }

    @Test func tinyWindowEndsAtTheBookTotals() throws {
        let result = try Tiny.run()
        let lag = try #require(result.reportLag)
        let book = BookTotals(result.rows, lag: lag, scale: result.scale)
        let last = try #require(BookTrend(result.rows, lag: lag, window: result.window, scale: result.scale).trailing.last)
        #expect(close(last.wmape, book.wmape, relative: 1e-9))
        #expect(close(last.biasPct, book.biasPct, relative: 1e-9))
        #expect(last.monthsCovered == 3)
    }
}

import Foundation
import Testing
@testable import Trueup
@testable import TrueupReports

/// Sums of quantities are exact decimals, written with the inputs' decimal places; where they
/// can't be (too many decimals, too large a book), the run says so by its scale and rounds them.
@Suite struct ExactSumsTests {
    /// One customer and item over three months at lag 1: `actuals` rows per month (several rows of
    /// one month are summed), one forecast per month.
    static func run(actuals: [(month: String, value: String)], forecasts: [(month: String, value: String)]) throws -> ReportResult {
        let scratch = Scratch()
        let a = scratch.file("a.csv", "customer,item,period,actual\n" + actuals.map { "C,I,\($0.month),\($0.value)\n" }.joined())
        let f = scratch.file("f.csv", "customer,item,period,lag,forecast\n" + forecasts.map { "C,I,\($0.month),1,\($0.value)\n" }.joined())
        return try Report.run(ReportRequest(forecasts: f, actuals: a))
    }

    static func metricsLine(_ result: ReportResult) throws -> [Substring] {
        let csv = MetricsCSV.render(result.rows, grouping: .customer)
        return try #require(csv.split(separator: "\n").dropFirst().first).split(separator: ",", omittingEmptySubsequences: false)
    }

    @Test func decimalsAddUpExactly() throws {
        // As Doubles, 0.1 + 0.2 is 0.30000000000000004 and 0.7 + 0.1 + 0.1 is 0.8999999999999999.
        let result = try Self.run(actuals: [("2024-01", "0.1"), ("2024-01", "0.2"), ("2024-02", "1.05"), ("2024-03", "2")],
                                  forecasts: [("2024-01", "0.7"), ("2024-02", "0.1"), ("2024-03", "0.1")])
        #expect(result.scale == QuantityScale(decimals: 2, exact: true))
        let line = try Self.metricsLine(result)
        #expect(line[5] == "3.35")
        #expect(line[6] == "0.9")
        let periods = try #require(result.rows.first?.periods)
        #expect(periods.map(\.actual) == [0.3, 1.05, 2])
        #expect(periods.map(\.forecast) == [0.7, 0.1, 0.1])
    }

    /// 183481.2 is the demo's C0002 forecast at lag 1: a Double sum in file order gave 183481.19999999998.
    @Test func aLongSumHasTheInputsDecimalPlaces() throws {
        let values = (0..<1000).map { String(format: "%.1f", Double($0 % 97) + 0.1 * Double($0 % 10)) }
        let expected = values.reduce(Decimal(0)) { $0 + (Decimal(string: $1) ?? 0) }
        let actuals = values.enumerated().map { (month: ["2024-01", "2024-02", "2024-03"][$0.offset % 3], value: $0.element) }
        let result = try Self.run(actuals: actuals, forecasts: [("2024-01", "1"), ("2024-02", "1"), ("2024-03", "1")])
        let line = try Self.metricsLine(result)
        #expect(line[5] == Substring("\(expected)"))
        // An exact total cancels exactly: E_t of a month whose forecast equals its actual is 0, not noise.
        var plain = 0.0
        for value in values { plain += Double(value) ?? 0 }
        #expect("\(plain)" != "\(expected)", "the Double sum would have shown the noise this test is about")
    }

    @Test func tooManyDecimalsMakeTheRunInexact() throws {
        let result = try Self.run(actuals: [("2024-01", "0.1234567890123"), ("2024-01", "0.2"), ("2024-02", "1"), ("2024-03", "2")],
                                  forecasts: [("2024-01", "1"), ("2024-02", "1"), ("2024-03", "1")])
        #expect(result.scale == QuantityScale(exact: false))
        // A fixed-order Double sum, written with 10 significant digits like every other figure.
        let line = try Self.metricsLine(result)
        #expect(line[5] == "3.323456789")
        #expect(line[6] == "3")
        // README.txt says so; an exact run's doesn't.
        #expect(OutputReadme.render(result, files: ["metrics.csv"], dialect: .plain).contains(OutputReadme.inexactNote))
        let exact = try Self.run(actuals: [("2024-01", "0.1"), ("2024-02", "1"), ("2024-03", "2")],
                                 forecasts: [("2024-01", "1"), ("2024-02", "1"), ("2024-03", "1")])
        let readme = OutputReadme.render(exact, files: ["metrics.csv"], dialect: .plain)
        #expect(!readme.contains(OutputReadme.inexactNote))
        #expect(readme.contains("Totals of quantities (actual, forecast) are the exact sums"))
    }

    @Test func aBookOf10To15UnitsMakesTheRunInexact() throws {
        // 4e14 + 0.5 has one decimal: 4·10^15 tenths, past the 10^15 units every exact sum must stay below.
        let result = try Self.run(actuals: [("2024-01", "400000000000000.5"), ("2024-02", "1"), ("2024-03", "2")],
                                  forecasts: [("2024-01", "1"), ("2024-02", "1"), ("2024-03", "1")])
        #expect(!result.scale.exact)
        let line = try Self.metricsLine(result)
        #expect(line[5] == "400000000000000")
        // Just below the limit the same book is exact.
        let exact = try Self.run(actuals: [("2024-01", "90000000000000.5"), ("2024-02", "1"), ("2024-03", "2")],
                                 forecasts: [("2024-01", "1"), ("2024-02", "1"), ("2024-03", "1")])
        #expect(exact.scale == QuantityScale(decimals: 1, exact: true))
        #expect(try Self.metricsLine(exact)[5] == "90000000000003.5")
    }

    /// The units widen when a later block (or file) has more decimals than those before it.
    @Test func unitsWidenWhenMoreDecimalsArrive() throws {
        let scratch = Scratch()
        var actuals = "customer,item,period,actual\n"
        for k in 0..<3000 { actuals += "C\(k % 7),I\(k % 11),2024-0\(1 + k % 3),\(k % 50)\n" }
        actuals += "C0,I0,2024-01,0.001\n"
        var forecasts = "customer,item,period,lag,forecast\n"
        for c in 0..<7 { for i in 0..<11 { for m in 1...3 { forecasts += "C\(c),I\(i),2024-0\(m),1,\(c * i + m).5\n" } } }
        let a = scratch.file("a.csv", actuals), f = scratch.file("f.csv", forecasts)
        var blocks = ReportRequest(forecasts: f, actuals: a)
        blocks.threads = 2
        blocks.readBlockSize = 4096
        var single = ReportRequest(forecasts: f, actuals: a)
        single.threads = 1
        let small = try Report.run(blocks)
        let whole = try Report.run(single)
        #expect(small.scale == QuantityScale(decimals: 3, exact: true))
        #expect(MetricsCSV.render(small.rows, grouping: .customer) == MetricsCSV.render(whole.rows, grouping: .customer))
        let c0 = try #require(small.rows.first { $0.customer == "C0" })
        var expected = Decimal(0)
        for k in stride(from: 0, to: 3000, by: 7) { expected += Decimal(k % 50) }
        #expect(NumberText.quantity(c0.figures.actual) == "\(expected + Decimal(string: "0.001")!)")
    }
}

/// How figures and quantities are written.
@Suite struct NumberTextTests {
    @Test(arguments: [
        (10.704020168, "10.70402017"), (183481.19999999998, "183481.2"), (-26.710156320865963, "-26.71015632"),
        (1.1920928955078125e-07, "1.192092896e-07"), (0.00048828125, "0.00048828125"), (100, "100"), (0, "0"),
        (-0.0, "0"), (99999999995, "100000000000"), (123456789012345, "123456789000000"), (2.5e-300, "2.5e-300"),
        (0.1 + 0.2, "0.3"), (1e22, "1e+22"),
    ])
    func figuresHaveTenSignificantDigits(value: Double, text: String) {
        #expect(NumberText.figure(value) == text)
    }

    @Test func anEmptyFigureIsAnEmptyField() {
        #expect(NumberText.figure(nil) == "")
        #expect(NumberText.quantity(nil) == "")
    }

    @Test(arguments: [
        (183481.2, "183481.2"), (66146, "66146"), (0.00005, "0.00005"), (-0.000123, "-0.000123"), (3.35, "3.35"),
        (999999999999999, "999999999999999"), (12345678.125, "12345678.125"), (-7, "-7"),
    ])
    func quantitiesAreWrittenInFullWithoutAnExponent(value: Double, text: String) {
        #expect(NumberText.quantity(value) == text)
    }

    /// Rounding is plain IEEE arithmetic: against Foundation's correctly rounded %.9e on random values.
    @Test func roundingAgreesWithCorrectlyRoundedDecimals() {
        var random = KernelTests.Random(state: 7)
        var disagreements = 0
        for _ in 0..<20_000 {
            let exponent = Int(random.next() * 24) - 12
            let value = (random.next() - 0.3) * pow(10, Double(exponent))
            let correct = Double(String(format: "%.9e", value)) ?? .nan
            let ours = SignificantDigits.rounded(value)
            if ours != correct {
                disagreements += 1
                // Only where the value is within a rounding of a half: one unit of the 10th digit apart.
                #expect(abs(ours - correct) <= abs(correct) * 1.01e-9, "\(value)")
            }
        }
        #expect(disagreements < 5)
    }

    @Test(arguments: [(0.1, 1), (5, 0), (1.05, 2), (-0.001, 3), (123456.789, 3), (0.1234567890123, nil), (1e16, nil), (0.5e-9, nil)] as [(Double, Int?)])
    func decimalPlacesOfAQuantityRead(value: Double, places: Int?) {
        #expect(DecimalPlaces.of(value) == places)
    }

    @Test func aZeroDenominatorIsEmpty() {
        #expect(Ratio.of(1, 0) == nil)
        #expect(Ratio.of(0, 0) == nil)
        #expect(Ratio.of(1e308, 1e-10) == nil)
        #expect(Ratio.percent(1, 4) == 25)
    }
}

import Foundation
import Testing
@testable import Trueup
import TrueupGenerate
@testable import TrueupReports

/// With prices: tiers ordered by the error's value, the book's money, and report.html's scatter sized by value.
@Suite struct ValueReportTests {
    /// Generated data priced so that value and volume rank customers differently: SKU00001 at 1,
    /// SKU00002 at 100 (cost 60), SKU00003 unpriced; C0003 pays its own 300 for SKU00001.
    static func run() throws -> ReportResult {
        let scratch = Scratch()
        _ = try Generator(GeneratorConfig(customers: 24, items: 3, months: 15, lags: 2, seed: 21)).write(to: scratch.path)
        let prices = scratch.file("prices.csv", "customer,item,unit_price,unit_cost\n,SKU00001,1,\n,SKU00002,100,60\nC0003,SKU00001,300,\n")
        var request = ReportRequest(forecasts: scratch.path + "/forecasts.csv", actuals: scratch.path + "/actuals.csv")
        request.prices = prices
        request.currency = "EUR"
        return try Report.run(request)
    }

    @Test func eachTierIsOrderedByTheShareOfTheErrorsValue() throws {
        let result = try Self.run()
        let shares = result.assessments.map { $0.errorValueSharePct ?? -1 }
        #expect(shares.allSatisfy { $0 >= 0 })
        #expect(abs(shares.reduce(0, +) - 100) < 1e-9)
        for tier in Tier.allCases {
            let inTier = result.assessments.filter { $0.tier == tier }.map { $0.errorValueSharePct ?? 0 }
            #expect(inTier == inTier.sorted(by: >), "\(tier)")
        }
        // The prices change the order: by units it would be another one.
        let byUnits = result.assessments.sorted {
            $0.tier != $1.tier ? $0.tier < $1.tier : ($0.errorSharePct ?? 0) > ($1.errorSharePct ?? 0)
        }
        #expect(byUnits.map(\.customer) != result.assessments.map(\.customer))
        // A share is the customer's Σ|e|·p over the book's.
        let total = result.assessments.reduce(0) { $0 + ($1.figures.value?.absoluteErrorValue ?? 0) }
        for a in result.assessments {
            #expect(close(a.errorValueSharePct, 100 * (a.figures.value?.absoluteErrorValue ?? 0) / total, relative: 1e-12))
        }
    }

    @Test func theBookAndTheUnpricedItem() throws {
        let result = try Self.run()
        let lag = try #require(result.reportLag)
        let book = try #require(BookValue(result.rows, lag: lag))
        let atLag = result.rows.filter { $0.lag == lag }
        #expect(book.excessCost == atLag.reduce(0) { $0 + ($1.figures.value?.excessCost ?? 0) })
        #expect(book.unpricedCells == atLag.reduce(0) { $0 + $1.figures.cells - ($1.figures.value?.pricedCells ?? 0) })
        #expect(book.unpricedCells > 0)
        #expect(result.unpriced?.items == ["SKU00003"])
        let table = FlagsTable.render(result)
        #expect(table.contains("excess stock at cost \(MoneyText.amount(book.excessCost, "EUR"))"))
        #expect(table.contains("(1 item for some or all customers: SKU00003)"))
    }

    @Test func scatterDotsAreSizedBySalesValue() throws {
        let result = try Self.run()
        let html = ReportHTML.render(result, version: "9.9.9")
        let page = try HTMLPage(html)
        let dots = page.all("circle", classes: ["dot"])
        #expect(dots.count == result.assessments.count)
        let value = Dictionary(uniqueKeysWithValues: result.assessments.map { ($0.customer, $0.figures.value?.absoluteActualValue ?? 0) })
        let volume = Dictionary(uniqueKeysWithValues: result.assessments.map { a in (a.customer, a.periods.reduce(0) { $0 + $1.absoluteActual }) })
        func radius(_ dot: HTMLPage.Element) -> Double { Double(dot.attributes["r"] ?? "") ?? -1 }
        let byValue = dots.sorted { value[$0.attributes["data-customer"] ?? ""] ?? 0 < value[$1.attributes["data-customer"] ?? ""] ?? 0 }
        #expect(byValue.map(radius) == byValue.map(radius).sorted())
        let byVolume = dots.sorted { volume[$0.attributes["data-customer"] ?? ""] ?? 0 < volume[$1.attributes["data-customer"] ?? ""] ?? 0 }
        #expect(byVolume.map(radius) != byVolume.map(radius).sorted(), "volume alone would size the dots differently")
        #expect(html.contains("Dot area: the customer&#39;s sales value") || html.contains("Dot area: the customer's sales value"))
        #expect(page.all("div", classes: ["kpi-label"]).contains { $0.text == "What the errors cost" })
    }
}

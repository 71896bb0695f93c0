import Testing
@testable import Trueup

/// agreement.csv's below_band_value and above_band_value (METRICS.md "Value: accuracy in money") on
/// AgreementFixture's data, worked out by hand.
///
/// Prices: x at 2 for everyone but 3 for customer A (its own price wins), y at 4, w at 5, v at 1.5;
/// z has no price. Terms: A held to a 0%/0% band at lag 1, everyone else to -0%/+10%.
@Suite struct BandValueTests {
    static let prices = "customer,item,unit_price,unit_cost\n,x,2,1\nA,x,3,\n,y,4,\n,w,5,\n,v,1.5,\n"
    static let terms = "customer,lag,under_pct,over_pct\n*,1,0,10\nA,1,0,0\n"

    func run(prices: String? = prices, terms: String? = terms, configure: (inout ReportRequest) -> Void = { _ in }) throws -> ReportResult {
        let scratch = Scratch()
        let path = prices.map { scratch.file("prices.csv", $0) }
        return try AgreementFixture.run(scratch, terms: terms) { request in
            request.prices = path
            configure(&request)
        }
    }

    @Test func customerSpecificPriceAndAnUnpricedItem() throws {
        let a = try #require(try run().agreement.first { $0.customer == "A" })
        // A's cells at lag 1 against 0%/0%: x01 F90 A90 in; y01 F50 A45 5 below; z01 F0 A5 5 above (z unpriced);
        // x02 F60 A66 6 above; w02 F20 A0 20 below; v02 F0 A3 3 above.
        #expect(a.figures.cells == 6)
        #expect(a.figures.unitsBelowBand == 25)
        #expect(a.figures.unitsAboveBand == 14)
        let value = try #require(a.figures.value)
        #expect(value.pricedCells == 5)
        #expect(value.belowBandValue == 120)  // y01 5·4 + w02 20·5
        // x02 at A's own 3 (not the general 2, and never the cost 1) + v02 3·1.5; z01's 5 units have no price: left out, not valued at 0.
        #expect(value.aboveBandValue == 22.5)
    }

    @Test func generalPriceForACustomerWithoutItsOwn() throws {
        let b = try #require(try run().agreement.first { $0.customer == "B" })
        // B's one cell x01 F10 A12 against -0%/+10%: 1 unit above 11, at the general price 2; nothing below, but a priced 0, not empty.
        #expect(b.figures.unitsAboveBand == 1)
        let value = try #require(b.figures.value)
        #expect(value.pricedCells == 1)
        #expect(value.belowBandValue == 0)
        #expect(value.aboveBandValue == 2)
    }

    @Test func aBandWithoutPricedCellsIsEmptyNotZero() throws {
        let result = try run(prices: "item,unit_price\nw,5\n")
        let b = try #require(result.agreement.first { $0.customer == "B" }?.figures)
        #expect(b.unitsAboveBand == 1)
        #expect(b.value == BandValue(pricedCells: 0, belowBandValue: nil, aboveBandValue: nil))
        let a = try #require(result.agreement.first { $0.customer == "A" }?.figures.value)
        #expect(a.pricedCells == 1)
        #expect(a.belowBandValue == 100)  // w02 only
        #expect(a.aboveBandValue == 0)  // every unit above the band is of an unpriced item
    }

    @Test func proposalsAreValuedToo() throws {
        let result = try run(terms: nil) { $0.proposalCoverage = 100 }
        let widest = try #require(result.proposals.first { $0.customer == "A" && $0.lag == 1 })
        // Coverage 100: -100%/+10%; outside are z01 (5 above, unpriced) and v02 (3 above at 1.5).
        #expect(widest.figures.unitsAboveBand == 8)
        #expect(widest.figures.value?.belowBandValue == 0)
        #expect(widest.figures.value?.aboveBandValue == 4.5)
    }

    @Test func withoutPricesThereIsNoValue() throws {
        let result = try run(prices: nil)
        #expect(!result.agreement.isEmpty)
        #expect(result.agreement.allSatisfy { $0.figures.value == nil })
    }
}

import Testing
@testable import Trueup

/// The value columns of METRICS.md on the tiny dataset, worked out by hand in the comments.
///
/// Prices: x at 2 with cost 1.5 for everyone, but customer A's own price for x is 3 with no
/// cost (so A's x is at cost 3, not 1.5); y at 4 with no cost; z has no price.
@Suite struct ValueFiguresTests {
    static let prices = "customer,item,unit_price,unit_cost\n,x,2,1.5\nA,x,3,\n,y,4,\n"

    func run(_ configure: (inout ReportRequest) -> Void = { _ in }) throws -> ReportResult {
        let scratch = Scratch()
        let path = scratch.file("prices.csv", Self.prices)
        return try Tiny.run { request in
            request.prices = path
            configure(&request)
        }
    }

    @Test func customerAAtLag1() throws {
        let result = try run()
        let v = try #require(result.rows.first { $0.customer == "A" && $0.lag == 1 }?.figures.value)
        // Cells: (x,01) F10 A8 e2; (x,02) F12 A15 e-3; (x,03) F8 A0 e8 at A's own 3; (y,02) F5 A0 e5 at 4;
        // (z,03) F0 A7 e-7 unpriced: counted out of priced_cells, never valued at 0.
        #expect(v.pricedCells == 4)
        #expect(v.actualValue == 69)  // 8·3 + 15·3
        #expect(v.forecastValue == 110)  // 10·3 + 12·3 + 8·3 + 5·4
        // Σe·p = 6 - 9 + 24 + 20 = 41; Σ|e|·p = 59; ΣA·p = Σ|A|·p = 69.
        #expect(close(v.valueBiasPct, 100 * 41 / 69.0))
        #expect(close(v.valueWmape, 100 * 59 / 69.0))
        // Over-forecasts at cost; A's own row has no cost, so its cost is its price 3 (not the general 1.5).
        #expect(v.excessCost == 50)  // 2·3 + 8·3 + 5·4
        // Under-forecasts at price: only (x,02); z's 7 units are unpriced, so not in it.
        #expect(v.shortfallValue == 9)  // 3·3
        // Naive cells are months 02 and 03 (01's month before is before the first actual):
        // (x,02) N8 A15: 7·3; (x,03) N15 A0: 15·3; (y,02) N0 A0: 0; z unpriced. Σ|e|·p over them = 9 + 24 + 20.
        #expect(v.valueFva == 13)  // (21 + 45 + 0) - (9 + 24 + 20)
    }

    @Test func customerBTakesTheGeneralPriceAndCost() throws {
        let result = try run()
        let v = try #require(result.rows.first { $0.customer == "B" && $0.lag == 1 }?.figures.value)
        // (x,02) F4 A4 e0; (x,03) F6 A2 e4, at 2 with cost 1.5.
        #expect(v.pricedCells == 2)
        #expect(v.actualValue == 12)
        #expect(v.forecastValue == 20)
        #expect(close(v.valueBiasPct, 100 * 8 / 12.0))
        #expect(close(v.valueWmape, 100 * 8 / 12.0))
        #expect(v.excessCost == 6)  // 4·1.5
        #expect(v.shortfallValue == 0)
        // (x,02) N3 A4: 1·2; (x,03) N4 A2: 2·2; minus Σ|e|·p = 0 + 8.
        #expect(v.valueFva == -2)  // 6 - 8
    }

    @Test func aGroupWithoutPricedCellsIsEmptyNotZero() throws {
        let result = try run { $0.grouping = .customerItem }
        let z = try #require(result.rows.first { $0.customer == "A" && $0.item == "z" }?.figures)
        #expect(z.cells == 1)
        let v = try #require(z.value)
        #expect(v.pricedCells == 0)
        #expect(v.actualValue == nil && v.forecastValue == nil && v.valueBiasPct == nil && v.valueWmape == nil)
        #expect(v.excessCost == nil && v.shortfallValue == nil && v.valueFva == nil)
        #expect(result.unpriced?.pairs == [Unpriced.CustomerItem(customer: "A", item: "z")])
        #expect(result.unpriced?.items == ["z"])
    }

    @Test func valueFvaIsEmptyWithoutANaiveCell() throws {
        // Only 2024-01: its naive month 2023-12 is before the first actual, so no cell has a naive forecast.
        let result = try run { $0.to = Month.parse("2024-01") }
        let v = try #require(result.rows.first { $0.customer == "A" }?.figures.value)
        #expect(v.pricedCells == 1)
        #expect(v.actualValue == 24)
        #expect(v.valueFva == nil)
    }

    @Test func withoutPricesThereIsNoValue() throws {
        let result = try Tiny.run()
        #expect(result.rows.allSatisfy { $0.figures.value == nil })
        #expect(result.prices == nil && result.unpriced == nil)
    }

    @Test func theSameForAnyThreadCount() throws {
        let one = try run { $0.threads = 1 }
        let four = try run { $0.threads = 4; $0.readBlockSize = 7 }
        #expect(one.rows == four.rows)
    }
}

import Testing
@testable import Trueup

/// Reading `--prices`: aliases, dialects, and every bad row named with its line.
@Suite struct PriceFileTests {
    func read(_ text: String, overrides: [Column: String] = [:]) throws(PriceError) -> PriceList {
        let scratch = Scratch()
        return try PriceList.read(path: scratch.file("prices.csv", text), overrides: overrides)
    }

    func problems(_ text: String) -> [PriceProblem] {
        do {
            _ = try read(text)
            Issue.record("expected the prices to be refused")
            return []
        } catch {
            guard case .badRows(_, let problems) = error else {
                Issue.record("unexpected \(error)")
                return []
            }
            return problems
        }
    }

    @Test func aCustomersOwnPriceWinsOverTheGeneralOne() throws {
        let list = try read("item,unit_price,customer,unit_cost\nx,2,,1.5\nx,3,A,\ny,4,,\n")
        #expect(list.rows == 3)
        #expect(list.price(customer: "A", item: "x") == .init(price: 3, cost: nil))
        #expect(list.price(customer: "B", item: "x") == .init(price: 2, cost: 1.5))
        #expect(list.price(customer: "A", item: "y")?.costOrPrice == 4)
        #expect(list.price(customer: "A", item: "z") == nil)
    }

    @Test func headerAliasesSemicolonsAndDecimalCommas() throws {
        let list = try read("\u{FEFF}Material;Sold-To;Price;Standard Cost\r\n SKU-1 ;;12,50;7,25\r\nSKU-1;C9;11,5;\r\n;;;\r\n")
        #expect(list.rows == 2)
        #expect(list.price(customer: "X", item: "SKU-1") == .init(price: 12.5, cost: 7.25))
        #expect(list.price(customer: "C9", item: "SKU-1") == .init(price: 11.5, cost: nil))
    }

    @Test func columnsNamesAHeader() throws {
        let list = try read("item,Preis\nx,2\n", overrides: [.unitPrice: "Preis"])
        #expect(list.price(customer: "A", item: "x")?.price == 2)
    }

    @Test func aMissingColumnNamesTheHeader() {
        do {
            _ = try read("item,cost\nx,2\n")
            Issue.record("expected an error")
        } catch {
            #expect(error == .input(.missingColumns(file: error.file, line: 1, missing: [.unitPrice], header: ["item", "cost"])))
        }
    }

    @Test func everyBadRowIsNamedWithItsLine() {
        let found = problems("""
            customer,item,unit_price,unit_cost
            ,x,2,1
            ,x,3,
            A,x,2,
            A,x,2.5,
            ,y,-1,
            ,z,cheap,
            ,w,5,-0.5
            ,,5,
            ,v,5
            ,u,1e16,

            """)
        #expect(found.map(\.line) == [3, 5, 6, 7, 8, 9, 10, 11])
        #expect(found[0].kind == .duplicate(customer: nil, item: "x", firstLine: 2))
        #expect(found[1].kind == .duplicate(customer: "A", item: "x", firstLine: 4))
        #expect(found[2] == PriceProblem(line: 6, column: "unit_price", kind: .negative(-1)))
        #expect(found[3] == PriceProblem(line: 7, column: "unit_price", kind: .notANumber("cheap")))
        #expect(found[4] == PriceProblem(line: 8, column: "unit_cost", kind: .negative(-0.5)))
        #expect(found[5] == PriceProblem(line: 9, column: "item", kind: .emptyItem))
        #expect(found[6] == PriceProblem(line: 10, column: nil, kind: .fieldCount(expected: 4, found: 3)))
        #expect(found[7] == PriceProblem(line: 11, column: "unit_price", kind: .tooLarge("1e16")))
    }

    @Test func anEmptyPriceIsNotANumber() {
        #expect(problems("item,unit_price\nx,\n") == [PriceProblem(line: 2, column: "unit_price", kind: .notANumber(""))])
    }

    @Test func aBadPriceFileStopsTheReport() {
        let scratch = Scratch()
        var request = ReportRequest(forecasts: Tiny.forecasts, actuals: Tiny.actuals)
        request.prices = scratch.file("prices.csv", "item,unit_price\nx,abc\n")
        #expect(throws: ReportError.self) { try Report.run(request) }
        request.prices = scratch.path + "/missing.csv"
        do {
            _ = try Report.run(request)
            Issue.record("expected an error")
        } catch {
            guard case .prices(.input(.missingFile)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }
}

extension PriceError {
    /// The file a missing-columns error names, for comparing the rest.
    var file: String {
        if case .input(.missingColumns(let file, _, _, _, _)) = self { return file }
        return ""
    }
}

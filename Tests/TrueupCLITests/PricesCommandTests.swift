import Foundation
import Testing

/// `--prices` and `--currency` end to end, on the tiny set whose value columns ValueFiguresTests works out by hand.
@Suite struct PricesCommandTests {
    static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/tiny")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static func text(_ name: String) -> String { (try? String(contentsOfFile: fixture(name), encoding: .utf8)) ?? "" }
    static let inputs = ["--forecasts", fixture("forecasts.csv"), "--actuals", fixture("actuals.csv")]
    static let priced = inputs + ["--prices", fixture("prices.csv")]

    @Test func metricsCSVGainsTheValueColumnsAfterTheOthers() throws {
        let outcome = try CLI.run(["report", "--wide"] + Self.priced + ["--format", "csv"])
        #expect(outcome.status == 0)
        // metrics-priced.csv agrees with Tests/Reference's independent implementation, and its value
        // columns with the figures worked out by hand in ValueFiguresTests.
        #expect(outcome.stdout == Self.text("metrics-priced.csv"))
        let lines = outcome.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let plain = Self.text("metrics.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines.map { Array($0.prefix(plain[0].count)) } == plain)
        #expect(lines[0].suffix(8).joined(separator: ",") == "priced_cells,actual_value,forecast_value,value_bias_pct,value_wmape,excess_cost,shortfall_value,value_fva")
        #expect(lines[1].suffix(8).joined(separator: ",") == "4,69,110,59.42028986,85.50724638,50,9,13")
    }

    @Test func withoutPricesNothingChanges() throws {
        let outcome = try CLI.run(["report", "--wide"] + Self.inputs + ["--format", "csv"])
        #expect(outcome.stdout == Self.text("metrics.csv"))
    }

    @Test func theTableShowsMoneyLabelledWithTheCurrency() throws {
        let outcome = try CLI.run(["report", "--wide"] + Self.priced + ["--currency", "EUR"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("excess at cost EUR  sales at risk EUR  error value share %"))
        #expect(outcome.stdout.contains("Money at lag 1 (prices from \(Self.fixture("prices.csv"))): 81 EUR bought, 130 EUR forecast; excess stock at cost 56 EUR, sales at risk 9 EUR; value wMAPE 82.7%."))
        #expect(outcome.stdout.contains("Unpriced: 1 of 7 cells at lag 1 has no price (1 item for some or all customers: z); they are left out of the money, never valued at 0."))
    }

    @Test func filesRecordThePricesAndKeepPlainNumbers() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide"] + Self.priced + ["--currency", "EUR", "--out", out, "--no-history"])
        #expect(outcome.status == 0)
        #expect(space.read("out/metrics.csv") == Self.text("metrics-priced.csv"))
        let readme = try #require(space.read("out/README.txt"))
        for column in ["priced_cells", "excess_cost", "shortfall_value", "value_fva"] { #expect(readme.contains("  \(column) ")) }
        let run = try #require(try JSONSerialization.jsonObject(with: Data((space.read("out/run.json") ?? "").utf8)) as? [String: Any])
        let prices = try #require(run["prices"] as? [String: Any])
        #expect(prices["unpriced_items"] as? [String] == ["z"])
        #expect(prices["currency"] as? String == "EUR")
        #expect(prices["rows"] as? Int == 3)
        let html = try #require(space.read("out/report.html"))
        #expect(html.contains("What the errors cost"))
        #expect(html.contains("56 EUR"))
    }

    @Test func briefSaysWhatTheErrorsCost() throws {
        let outcome = try CLI.run(["brief"] + Self.priced + ["--currency", "EUR", "--customer", "A"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Your over-forecasts left us 50 EUR of stock at cost over these 3 months, and your under-forecasts put 9 EUR of sales at risk."))
        #expect(outcome.stdout.contains("1 of the 5 item-months have no price and are left out of these amounts, not valued at 0."))
        // The items table: x at A's own 3 (excess 2·3 + 8·3, short 3·3), y at 4 (excess 5·4), z unpriced.
        #expect(outcome.stdout.contains("| item | forecast | bought | bias | share of the error | stock at cost EUR | sales at risk EUR |"))
        #expect(outcome.stdout.contains("| x | 30 | 23 | +30.4% | 52.0% | 30 | 9 |"))
        #expect(outcome.stdout.contains("| y | 5 | 0 | - | 20.0% | 20 | 0 |"))
        #expect(outcome.stdout.contains("| z | 0 | 7 | -100.0% | 28.0% | - | - |"))
    }

    @Test func checkShowsThePlannedQuantitysValue() throws {
        let outcome = try CLI.run(["check"] + Self.priced + ["--currency", "EUR", "--customer", "A", "--item", "x", "--quantity", "10"])
        #expect(outcome.status == 0)
        // A's own price for x is 3: 10 units are worth 30.
        #expect(outcome.stdout.contains("At 3.00 EUR a unit: the forecast is worth 30 EUR"))
        let json = try CLI.run(["check"] + Self.priced + ["--currency", "EUR", "--customer", "A", "--item", "x", "--quantity", "10", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["unit_price"] as? Double == 3)
        #expect(object["quantity_value"] as? Double == 30)
        #expect(object["currency"] as? String == "EUR")
        let plain = try CLI.run(["check"] + Self.inputs + ["--customer", "A", "--item", "x", "--quantity", "10", "--format", "json"])
        #expect(!plain.stdout.contains("unit_price"), "without --prices, check's JSON is as before")
        let unpriced = try CLI.run(["check"] + Self.priced + ["--customer", "A", "--item", "z", "--quantity", "10"])
        #expect(unpriced.stdout.contains("No value: the prices file has no price for item z for A."))
    }

    @Test func aBadPricesFileIsAnErrorNamingTheLine() throws {
        let space = Workspace()
        let prices = space.file("prices.csv", "item,unit_price\nx,2\nx,3\ny,-1\nz,cheap\n")
        let outcome = try CLI.run(["report", "--wide"] + Self.inputs + ["--prices", prices])
        #expect(outcome.status == 65)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == """
            trueup: \(prices):3: a second price for item x for every customer (no customer given); line 2 has the first
            trueup: \(prices):4: column unit_price: -1 is negative; prices and costs are 0 or more
            trueup: \(prices):5: column unit_price: "cheap" is not a number
            trueup: 3 price rows can't be used. Fix the prices file and run again: a wrong price would value every cell of its item wrongly.

            """)
        let missing = try CLI.run(["report", "--wide"] + Self.inputs + ["--prices", space.url.appendingPathComponent("none.csv").path])
        #expect(missing.status == 66)
        let noColumn = try CLI.run(["report", "--wide"] + Self.inputs + ["--prices", space.file("p2.csv", "item,cost\nx,1\n")])
        #expect(noColumn.status == 65)
        #expect(noColumn.stderr.contains("p2.csv:1: no column for unit_price."))
    }

    @Test func pricesForNoScoredItemValueNothing() throws {
        let space = Workspace()
        let prices = space.file("prices.csv", "\u{FEFF}item,unit_price\nq,2\n")
        let outcome = try CLI.run(["report", "--wide"] + Self.inputs + ["--prices", prices, "--format", "csv"])
        #expect(outcome.status == 0)
        // Every group: priced_cells 0 and the other money columns empty, never 0.
        for line in outcome.stdout.split(separator: "\n").dropFirst() {
            #expect(line.hasSuffix(",0,,,,,,,"), "\(line)")
        }
        let table = try CLI.run(["report", "--wide"] + Self.inputs + ["--prices", prices])
        #expect(table.stdout.contains("Money at lag 1: none of the 7 scored cells has a price in \(prices), so nothing is valued."))
    }

    @Test func currencyNeedsPricesAndACode() throws {
        #expect(try CLI.run(["report", "--wide"] + Self.inputs + ["--currency", "EUR"]).status == 64)
        #expect(try CLI.run(["report", "--wide"] + Self.priced + ["--currency", "<b>"]).status == 64)
    }

    @Test func columnsNamesThePriceHeader() throws {
        let space = Workspace()
        let prices = space.file("preise.csv", "Artikel;Preis\nx;2,5\n")
        let outcome = try CLI.run(["report", "--wide"] + Self.inputs + ["--prices", prices, "--columns", "item=Artikel,unit_price=Preis", "--format", "csv"])
        #expect(outcome.status == 0)
        // B's x cells: actual 6 at 2.5.
        let header = outcome.stdout.split(separator: "\n").first?.split(separator: ",").map(String.init) ?? []
        let actualValue = try #require(header.firstIndex(of: "actual_value"))
        #expect(outcome.stdout.split(separator: "\n").last?.split(separator: ",", omittingEmptySubsequences: false)[actualValue] == "15")
    }
}

import Foundation
import Testing

/// `--prices` with `--agreements` and `trueup agreement` end to end: agreement.csv's money columns, the
/// agreement command's money in text and JSON, on AgreementCommandTests' data worked out by hand.
///
/// Prices: x at 2 for everyone but 3 for A; y has no price. Terms: A at 0%/0% at lag 1, everyone else -0%/+10%.
/// A's cells at lag 1: x01 F90 A90 in; y01 F50 A45 5 below (unpriced); x02 F60 A66 6 above, at 3: 18.
/// B's cell x01 F10 A12: 1 above 11, at 2: 2.
@Suite struct AgreementPricesCommandTests {
    static let prices = "customer,item,unit_price\n,x,2\nA,x,3\n"
    static let terms = AgreementCommandTests.header + "*,1,0,10,,,\nA,1,0,0,,,\n"

    func inputs(_ space: Workspace) -> [String] {
        ["--forecasts", space.file("f.csv", AgreementCommandTests.forecasts), "--actuals", space.file("a.csv", AgreementCommandTests.actuals),
         "--agreements", space.file("terms.csv", Self.terms), "--prices", space.file("prices.csv", Self.prices)]
    }

    @Test func agreementCSVGainsTheMoneyColumnsLast() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide"] + inputs(space) + ["--out", out, "--no-history"])
        #expect(outcome.status == 0)
        let lines = try #require(space.read("out/agreement.csv")).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines.first?.suffix(3).joined(separator: ",") == "revision_excess_units,below_band_value,above_band_value")
        // A: 5 units below, all of unpriced y: valued 0, not 5 at some price; B: nothing below, a priced 0.
        #expect(lines.dropFirst().map { "\($0[0]) \($0[7]) \($0[8]) \($0.suffix(2).joined(separator: " "))" } == ["A 5 6 0 18", "B 0 1 0 2"])
        let readme = try #require(space.read("out/README.txt"))
        #expect(readme.contains("  below_band_value ") && readme.contains("  above_band_value "))
    }

    /// The brief's and report.html's "Against the agreement" show the units at price beside the units:
    /// A 0 short (its y is unpriced) and 18 beyond, B 0 and 2; without prices, no such column.
    @Test func briefAndPageShowTheBandAtPrice() throws {
        let space = Workspace()
        let brief = try CLI.run(["brief", "--customer", "A"] + inputs(space) + ["--currency", "EUR"])
        #expect(brief.status == 0, "\(brief.stderr)")
        #expect(brief.stdout.contains("| short of the band at price EUR | beyond the band at price EUR |"), "\(brief.stdout)")
        #expect(brief.stdout.contains(" | 0 | 18 |\n"), "\(brief.stdout)")
        let out = space.url.appendingPathComponent("out").path
        #expect(try CLI.run(["report", "--wide"] + inputs(space) + ["--currency", "EUR", "--out", out, "--no-history"]).status == 0)
        let page = try #require(space.read("out/report.html"))
        #expect(page.contains("<th class=\"num\">Short at price EUR</th><th class=\"num\">Beyond at price EUR</th>"))
        #expect(page.contains("<td>B</td><td class=\"num\">1</td>"))
        let unpriced = try CLI.run(["brief", "--customer", "A"] + Array(inputs(space).dropLast(2)))
        #expect(unpriced.status == 0 && !unpriced.stdout.contains("at price"))
    }

    @Test func withoutPricesAgreementCSVIsUnchanged() throws {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide"] + Array(inputs(space).dropLast(2)) + ["--out", out, "--no-history"])
        #expect(outcome.status == 0)
        let header = try #require(space.read("out/agreement.csv")?.split(separator: "\n").first)
        #expect(header.hasSuffix(",revision_excess_units"))
    }

    @Test func agreementTextShowsTheBandAtPrice() throws {
        let space = Workspace()
        let outcome = try CLI.run(["agreement"] + inputs(space) + ["--customer", "A", "--currency", "EUR"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("below band at price EUR  above band at price EUR"))
        #expect(outcome.stdout.contains("Item-months without a price (1 of 3 at lag 1) count in the band but are left out of the money, never valued at 0."))
        let terms = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("  1 ") && $0.contains("-0.0% / +0.0%") })
        #expect(terms.split(separator: " ").suffix(2) == ["0", "18"], "\(terms)")
    }

    @Test func agreementJSONHasTheMoneyOfTermsAndProposals() throws {
        let space = Workspace()
        let outcome = try CLI.run(["agreement"] + inputs(space) + ["--customer", "A", "--currency", "EUR", "--format", "json"])
        #expect(outcome.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(json["currency"] as? String == "EUR")
        let terms = try #require(json["terms"] as? [[String: Any]])
        #expect(terms.map { $0["below_band_value"] as? Double } == [0])
        #expect(terms.map { $0["above_band_value"] as? Double } == [18])
        let proposals = try #require(json["proposals"] as? [[String: Any]])
        #expect(!proposals.isEmpty && proposals.allSatisfy { $0["below_band_value"] != nil && $0["above_band_value"] != nil })
    }
}

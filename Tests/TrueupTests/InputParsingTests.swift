import Testing
@testable import Trueup
import TrueupCSV

@Suite struct InputParsingTests {
    @Test(arguments: [
        ("2024-03", "2024-03"), ("202403", "2024-03"), ("2024-03-31", "2024-03"), (" 2024-12 ", "2024-12"),
        ("2024-02-29", "2024-02"), ("2024-03-01T00:00:00", "2024-03"), ("2024-03-01 12:00", "2024-03"),
    ])
    func periodsBucketToTheirMonth(text: String, month: String) {
        #expect(Month.parse(text)?.description == month)
    }

    @Test(arguments: ["", "2024", "2024-13", "2024-00", "24-03", "2023-02-29", "2024-04-31", "2024/03", "March 2024", "0999-01", "2024-3"])
    func unreadablePeriods(text: String) {
        #expect(Month.parse(text) == nil)
    }

    func number(_ text: String, decimalComma: Bool = false) -> Double? {
        var text = text
        return text.withUncheckedBytes { Quantity.parse($0, decimalComma: decimalComma) }
    }

    @Test func quantities() {
        #expect(number("12") == 12)
        #expect(number(" -3.25 ") == -3.25)
        #expect(number("+.5") == 0.5)
        #expect(number("7.") == 7)
        #expect(number("1e3") == 1000)
        #expect(number("2.5E-2") == 0.025)
        #expect(number("0.1") == 0.1)
        #expect(number("123456789012345678901") == 123456789012345678901.0)
        #expect(number("0.30000000000000004") == 0.30000000000000004)
        #expect(number("1e308") == 1e308)
        #expect(number("12,5", decimalComma: true) == 12.5)
        #expect(number("12.5", decimalComma: true) == 12.5)
    }

    @Test(arguments: ["", " ", "abc", "12,5", "1,234.5", "NaN", "inf", "-", ".", "1e", "1e+", "12 kg", "$12", "1e400", "0x10", "1.2.3"])
    func notQuantities(text: String) {
        #expect(number(text) == nil)
    }

    @Test func thousandsSeparatorsAreNotDecimalCommas() {
        #expect(number("1.234,5", decimalComma: true) == nil)
    }

    @Test func headerAliasesAndOverrides() throws {
        let header = ["Sold-To Party", "Material", "Posting Date", "Qty", "Currency"]
        let mapping = try ColumnMapping.map(header: header, required: [.customer, .item, .period, .actual], optional: [],
                                            overrides: [:], file: "a.csv")
        #expect(mapping.index == [.customer: 0, .item: 1, .period: 2, .actual: 3])
        let overridden = try ColumnMapping.map(header: ["Kunde", "Artikel", "Monat", "Menge"],
                                               required: [.customer, .item, .period, .actual], optional: [],
                                               overrides: [.customer: "KUNDE", .item: "artikel", .period: "Monat", .actual: "Menge"],
                                               file: "a.csv")
        #expect(overridden.index == [.customer: 0, .item: 1, .period: 2, .actual: 3])
    }

    @Test func missingColumnsAreNamed() {
        #expect(throws: InputError.missingColumns(file: "f.csv", missing: [.forecast], header: ["customer", "item", "period", "amount"])) {
            try ColumnMapping.map(header: ["customer", "item", "period", "amount"], required: [.customer, .item, .period, .forecast],
                                  optional: [.lag], overrides: [:], file: "f.csv")
        }
    }
}

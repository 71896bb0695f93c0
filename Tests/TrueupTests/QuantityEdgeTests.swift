import Testing
@_spi(Measurement) import Trueup
import TrueupCSV

/// Quantities at the edges of a Double, through the entry point the fuzz target uses.
@Suite struct QuantityEdgeTests {
    func parse(_ text: String) -> Double? {
        var text = text
        return text.withUncheckedBytes { QuantityText.parse($0, decimalComma: false) }
    }

    @Test func extremesThatFitADouble() {
        #expect(parse("1e308") == 1e308)
        #expect(parse("1e-320") == 1e-320)
        #expect(parse("1e309") == nil)
        #expect(parse("-1e309") == nil)
        #expect(parse("1e-400") == 0)
    }

    /// Found by the fuzz target's restatement of the quantity rules (Tests/Fuzz/Sources/TrueupFuzz/ParserCheck.swift)
    /// on a hand-made input longer than the fuzzer's inputs: the exponent used to stop growing at 100,000, so a
    /// fraction of 100,000 digits cancelled it and sent 10^900000 down the exact fast path as 1.
    @Test func anExponentPast100000IsNotCutShort() {
        let zeros = String(repeating: "0", count: 99_999)
        #expect(parse("0." + zeros + "1e1000000") == nil)
        #expect(parse("0." + zeros + "1e100002") == 100)
    }
}

import TrueupCSV

/// The parser trueup reads forecast and actual quantities with, for callers outside the module.
///
/// The fuzzer in Tests/Fuzz and the reader micro-benchmark call it, as SPI
/// (`@_spi(Measurement) import Trueup`), not API; the rules are `Quantity.parse`'s: an optional
/// sign, digits with at most one decimal point, an optional exponent, surrounding
/// spaces and tabs ignored; `,` is a decimal point too when `decimalComma` is set.
/// Anything else, and any value that is not finite as a Double, is nil.
@_spi(Measurement) public enum QuantityText {
    public static func parse(_ bytes: UncheckedBytes, decimalComma: Bool) -> Double? {
        Quantity.parse(bytes, decimalComma: decimalComma)
    }
}

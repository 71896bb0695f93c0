/// The one way a figure divides.
///
/// A figure whose denominator is 0 is empty (nil: an empty field in CSV, `null` in JSON),
/// never 0, inf or NaN; so is a quotient too large for a Double (a ratio to a tiny actual
/// can overflow). Every ratio in the figures goes through here, so that rule lives in one place.
public enum Ratio {
    /// numerator / denominator, or nil when the denominator is 0 or the quotient is not finite.
    @inline(__always)
    public static func of(_ numerator: Double, _ denominator: Double) -> Double? {
        guard denominator != 0 else { return nil }
        let value = numerator / denominator
        return value.isFinite ? value : nil
    }

    /// 100 · numerator / denominator, or nil as `of`.
    @inline(__always)
    public static func percent(_ numerator: Double, _ denominator: Double) -> Double? {
        of(100 * numerator, denominator)
    }
}

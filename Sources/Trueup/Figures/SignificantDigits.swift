/// Rounding to a number of significant digits, the same on every machine.
///
/// Every figure that is not an exact sum of quantities is written rounded to 10 significant
/// digits: the digits beyond those depend on the order of a reduction, so they are noise
/// that would keep two correct runs from giving the same bytes.
public enum SignificantDigits {
    /// How many significant digits a figure is written with.
    public static let figure = 10

    /// 10^0 ... 10^22, each exact in a Double.
    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// 10^k: exact for |k| ≤ 22; beyond, a product of exact powers taken in a fixed order.
    private static func power(_ k: Int) -> Double {
        if k >= 0 && k <= 22 { return exactPowers[k] }
        if k < 0 && k >= -22 { return 1 / exactPowers[-k] }
        var result = 1.0
        var left = abs(k)
        while left > 22 {
            result *= 1e22
            left -= 22
        }
        result *= exactPowers[left]
        return k < 0 ? 1 / result : result
    }

    /// `value` rounded to `digits` significant digits (halves away from zero), as the Double nearest
    /// that decimal; 0, infinities and NaN as they are.
    ///
    /// With the scaling power of ten exact (values from 10^−13 to 10^31 at 10 digits), the result
    /// is the correct rounding of the value's product with it; beyond, it is within a unit of
    /// the last digit kept. Either way it is IEEE arithmetic only, so every machine gets the same.
    public static func rounded(_ value: Double, digits: Int = figure) -> Double {
        guard value.isFinite, value != 0 else { return value == 0 ? 0 : value }
        let size = abs(value)
        // The decimal exponent e with 10^e ≤ size < 10^(e+1): estimated from the binary one, then corrected.
        var e = Int((Double(size.exponent) * 0.301_029_995_663_981_2).rounded(.down))
        while size >= power(e + 1) { e += 1 }
        while size < power(e) { e -= 1 }
        let k = digits - 1 - e
        let rounded: Double
        if k >= 0 {
            let p = power(k)
            rounded = (size * p).rounded() / p
        } else {
            let p = power(-k)
            rounded = (size / p).rounded() * p
        }
        return value < 0 ? -rounded : rounded
    }
}

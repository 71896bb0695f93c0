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

    /// x · 10^k, one exact power of ten at a time (so no step overflows before the result would).
    private static func scaled(_ x: Double, by k: Int) -> Double {
        var result = x
        var left = k
        while left > 22 {
            result *= 1e22
            left -= 22
        }
        while left < -22 {
            result /= 1e22
            left += 22
        }
        return left >= 0 ? result * exactPowers[left] : result / exactPowers[-left]
    }

    /// `value` rounded to `digits` significant digits (halves away from zero), as the Double nearest
    /// that decimal; 0, infinities and NaN as they are.
    ///
    /// The digits kept are those of value · 10^k rounded to a whole number (one IEEE product for
    /// values from 10^−13 to 10^31, a few beyond), so a value within a rounding of a half can round
    /// the other way than its exact binary value would: the same way on every machine. The result
    /// is the Double nearest to the decimal kept, so its shortest form has at most `digits` digits.
    public static func rounded(_ value: Double, digits: Int = figure) -> Double {
        guard value.isFinite, value != 0 else { return value == 0 ? 0 : value }
        let size = abs(value)
        // The decimal exponent e with 10^e ≤ size < 10^(e+1): estimated from the binary one, then corrected.
        var e = Int((Double(size.exponent) * 0.301_029_995_663_981_2).rounded(.down))
        while size >= power(e + 1) { e += 1 }
        while size < power(e) { e -= 1 }
        let k = digits - 1 - e
        // The digits kept, as a whole number n: value ≈ n · 10^−k.
        let n = scaled(size, by: k).rounded()
        let rounded: Double
        if k >= 0 && k <= 22 {
            rounded = n / exactPowers[k]
        } else if k < 0 && k >= -22 {
            rounded = n * exactPowers[-k]
        } else {
            // No exact power of ten: the Double nearest "ne−k", through the standard library's correctly rounded parse.
            rounded = Double("\(Int64(n))e\(-k)") ?? size
        }
        return value < 0 ? -rounded : rounded
    }
}

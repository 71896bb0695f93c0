/// How the run holds quantities: as whole numbers of the inputs' smallest decimal place, or as plain Doubles.
///
/// While every quantity read has at most `decimals` decimal places and the sum of all their sizes,
/// counted in units of 10^−`decimals`, stays below `limit` (10^15), the panel holds each quantity
/// as that whole number of units in a Double. Every sum of quantities is then exact, whatever the
/// order it is taken in (so OpenBLAS may take it), and its Double is the exact decimal sum
/// rounded once: it has at most 15 significant digits, so its shortest form is that decimal.
///
/// Beyond that (more decimal places than `maximumDecimals`, a number only an exponent writes, or a
/// book too large) the run is *inexact*: quantities are plain Doubles, every sum is taken in a fixed
/// order in Swift, and quantity sums are rounded to 10 significant digits like every other figure.
public struct QuantityScale: Sendable, Equatable, Codable {
    /// Decimal places of the units (0 in an inexact run).
    public private(set) var decimals: Int
    /// Whether sums of quantities are exact.
    public private(set) var exact: Bool

    /// The largest Σ|quantity| in units that keeps every sum exact and at most 15 digits long.
    public static let limit = 1e15
    /// The most decimal places a quantity may have and still be counted in whole units.
    public static let maximumDecimals = 9

    static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    public init(decimals: Int = 0, exact: Bool = true) {
        precondition(decimals >= 0 && decimals <= Self.maximumDecimals, "decimals out of range")
        self.decimals = exact ? decimals : 0
        self.exact = exact
    }

    /// Units per quantity: 10^decimals (1 in an inexact run).
    public var factor: Double { Self.powersOfTen[decimals] }

    /// A quantity (or a sum of them) from units: one division, so an exact sum comes out correctly rounded.
    public func quantity(units: Double) -> Double {
        decimals == 0 ? units : units / factor
    }

    /// A quantity as units: exact for a value with at most `decimals` decimal places.
    @inline(__always)
    func units(_ value: Double) -> Double {
        decimals == 0 ? value : (value * factor).rounded()
    }

    /// A quantity sum as it is reported: as it is when exact, else rounded to 10 significant digits.
    public func reported(units: Double) -> Double {
        let value = quantity(units: units)
        return exact ? value : SignificantDigits.rounded(value)
    }

    /// The same scale with `more` decimals (still exact).
    func widened(to more: Int) -> QuantityScale { QuantityScale(decimals: more, exact: true) }

    /// The inexact scale.
    static let inexact = QuantityScale(decimals: 0, exact: false)
}

/// The fewest decimal places that write a Double exactly, as the value of a decimal number read.
enum DecimalPlaces {
    /// The smallest d ≥ `start` (up to `QuantityScale.maximumDecimals`) such that `value` is the
    /// Double nearest to some whole number / 10^d; nil when there is none.
    ///
    /// A number read from at most 15 significant digits with k decimal places gives k: two such
    /// decimals never share a Double, so no shorter one passes the test.
    @inline(__always)
    static func of(_ value: Double, atLeast start: Int = 0) -> Int? {
        guard value.isFinite else { return nil }
        var d = start
        while d <= QuantityScale.maximumDecimals {
            let p = QuantityScale.powersOfTen[d]
            let units = (value * p).rounded()
            if abs(units) >= QuantityScale.limit { return nil }
            if units / p == value { return d }
            d += 1
        }
        return nil
    }

    /// The decimal places of every value in `values` (the largest), or nil when one has none.
    static func of(_ values: some Sequence<Double>) -> Int? {
        var d = 0
        for value in values {
            // Most values need no more places than those before them: one multiply and divide.
            guard let places = of(value, atLeast: d) else { return nil }
            d = places
        }
        return d
    }
}

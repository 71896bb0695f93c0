import TrueupCSV
import TrueupSystem

/// Parses a forecast or actual quantity from its bytes.
///
/// Accepts an optional sign, digits with at most one decimal point, and an
/// optional exponent, with surrounding spaces. The decimal point is `.`; a `,`
/// is also a decimal point when the file's delimiter is a semicolon (the
/// European export). Anything else (empty, thousands separators, `NaN`, `inf`,
/// currency signs) is not a number. A value too large for a Double is not a number either.
///
/// Up to 15 significant digits and a power of ten within ±22, the value is
/// computed exactly as digits × 10^k in one correctly rounded operation
/// (Clinger's fast path); longer numbers go through `strtod`.
enum Quantity {
    /// 10^0 ... 10^22, each exact in a Double. A literal, so the compiler lays it out at build
    /// time instead of initialising it lazily on the first of millions of calls.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `mantissa` / 10^`fractionDigits`, negated when `negative`: exact for a mantissa of at most
    /// 15 digits (and 0 to 22 fraction digits), as both the general and the plain row parser use it.
    @inline(__always)
    static func exactDecimal(_ mantissa: UInt64, fractionDigits: Int, negative: Bool) -> Double {
        let value = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    static func parse(_ raw: UncheckedBytes, decimalComma: Bool) -> Double? {
        let bytes = raw.trimmingSpaces()
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var digitCount = 0
        var fractionDigits = 0
        var seenPoint = false
        while i < n {
            let byte = bytes[i]
            if byte >= 48 && byte <= 57 {
                digitCount += 1
                if seenPoint { fractionDigits += 1 }
                if mantissa != 0 || byte != 48 {
                    significant += 1
                    if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte - 48) }
                }
            } else if (byte == UInt8(ascii: ".") || (decimalComma && byte == UInt8(ascii: ","))) && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digitCount > 0 else { return nil }
        var exponent = 0
        if i < n {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var exponentNegative = false
            if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponentDigits = 0
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                // Saturate far beyond any Double (10^±400) but far below Int overflow, so the sign of
                // `power` stays right however many digits the mantissa had.
                if exponent < 1_000_000_000 { exponent = exponent * 10 + Int(bytes[i] - 48) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0, i == n else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        let power = exponent - fractionDigits
        if significant <= 15 && power >= -22 && power <= 22 {
            if power <= 0 { return exactDecimal(mantissa, fractionDigits: -power, negative: negative) }
            return negative ? -(Double(mantissa) * powersOfTen[power]) : Double(mantissa) * powersOfTen[power]
        }
        return slowParse(bytes)
    }

    /// The general case, through the C library's correctly rounded `strtod`.
    private static func slowParse(_ bytes: UncheckedBytes) -> Double? {
        var text = [CChar](repeating: 0, count: bytes.count + 1)
        for i in 0..<bytes.count {
            text[i] = bytes[i] == UInt8(ascii: ",") ? CChar(UInt8(ascii: ".")) : CChar(bitPattern: bytes[i])
        }
        let value = Syscalls.parseDouble(text)
        return value.isFinite ? value : nil
    }
}

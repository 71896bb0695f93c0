import Trueup

/// How numbers are written in files: `.` as the decimal point, no thousands separators.
///
/// Sums of quantities (`quantity`) are written exactly, with no more decimal places than the
/// inputs have; every other figure (`figure`) is rounded to 10 significant digits, so the same
/// inputs give the same bytes on any machine; what the user gave (options, policy values) is
/// written as given (`exact`).
public enum NumberText {
    /// A figure, rounded to 10 significant digits (`SignificantDigits`), then written as `exact` writes it:
    /// "10.70402017", "1234", "1.192092896e-07". Empty is an empty field.
    public static func figure(_ value: Double?) -> String {
        value.map { exact(SignificantDigits.rounded($0)) } ?? ""
    }

    /// A sum of quantities, in its shortest form and always positional: "183481.2", "66146",
    /// "0.00005". An exact sum (at most 15 significant digits, `QuantityScale`) is its exact
    /// decimal this way; a sum of an inexact run was already rounded to 10 significant digits.
    public static func quantity(_ value: Double?) -> String {
        guard let value else { return "" }
        let text = exact(value)
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let power = Int(text[text.index(after: e)...]) else {
            return text
        }
        // "d.ddde±k" from Swift's shortest form: the digits, then the point moved k places.
        var mantissa = String(text[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + power
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var result = String(digits.prefix(point))
        let rest = digits.dropFirst(point).reversed().drop(while: { $0 == "0" }).reversed()
        if !rest.isEmpty { result += "." + String(rest) }
        return (negative ? "-" : "") + result
    }

    /// A whole number up to 10^15 is written without a fraction ("1234", not
    /// "1234.0"); anything else in Swift's shortest round-trip form ("0.1",
    /// "1e-05"). Negative zero is "0".
    public static func exact(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// An empty figure is an empty field.
    public static func exact(_ value: Double?) -> String { value.map(exact) ?? "" }

    /// For people: `decimals` places, thousands grouped with commas, "-" for an empty figure.
    public static func readable(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        guard rounded < 9e17 else { return exact(value) }
        let units = Int64(rounded)
        let whole = units / Int64(scale)
        let fraction = units % Int64(scale)
        var digits = Array(String(whole))
        var grouped: [Character] = []
        while digits.count > 3 {
            grouped.insert(contentsOf: [","] + digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        grouped.insert(contentsOf: digits, at: 0)
        var text = String(grouped)
        if decimals > 0 {
            let padded = String(fraction)
            text += "." + String(repeating: "0", count: decimals - padded.count) + padded
        }
        return (value < 0 && units != 0 ? "-" : "") + text
    }
}

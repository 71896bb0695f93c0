/// How numbers are written in files: `.` as the decimal point, no thousands
/// separators, and the fewest digits that read back as the same Double.
public enum NumberText {
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

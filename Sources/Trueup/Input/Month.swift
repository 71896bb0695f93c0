import TrueupCSV

/// A calendar month, the unit every period is bucketed to.
///
/// Stored as `year * 12 + (month - 1)`, so consecutive months differ by one and
/// "t − k" is plain subtraction. Years run from 1000 to 4999: anything else in a
/// planning file is a typo, and the bound keeps a month in 16 bits for key packing.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let index: Int

    public static let validYears = 1000...4999
    /// Every month's `index` is below this (and so fits in 16 bits).
    static let indexLimit = 5000 * 12

    public init?(year: Int, month: Int) {
        // Plain comparisons: a range held in a static would be fetched on every one of millions of calls.
        guard year >= 1000 && year <= 4999, month >= 1 && month <= 12 else { return nil }
        index = year * 12 + month - 1
    }

    init(index: Int) { self.index = index }

    public var year: Int { index / 12 }
    public var month: Int { index % 12 + 1 }

    public static func < (a: Month, b: Month) -> Bool { a.index < b.index }
    public static func + (a: Month, months: Int) -> Month { Month(index: a.index + months) }
    public static func - (a: Month, b: Month) -> Int { a.index - b.index }

    /// `YYYY-MM`.
    public var description: String {
        let y = String(year)
        return month < 10 ? "\(y)-0\(month)" : "\(y)-\(month)"
    }

    /// Parses `YYYY-MM`, `YYYYMM` or a date `YYYY-MM-DD` (with an optional time after
    /// a space or `T`) or `YYYYMMDD`, ignoring surrounding spaces. A date is bucketed to its month;
    /// its day must exist in that month.
    public static func parse(_ text: String) -> Month? {
        var text = text
        return text.withUncheckedBytes { parse($0) }
    }

    @_spi(Measurement) public static func parse(_ raw: UncheckedBytes) -> Month? {
        let bytes = raw.trimmingSpaces()
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let d = Int(bytes[i]) &- 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        switch bytes.count {
        case 6:
            guard let y = digits(0, 4), let m = digits(4, 2) else { return nil }
            return Month(year: y, month: m)
        case 7:
            guard bytes[4] == dash, let y = digits(0, 4), let m = digits(5, 2) else { return nil }
            return Month(year: y, month: m)
        case 8:
            // YYYYMMDD, as ERPs write a date without separators.
            guard let y = digits(0, 4), let m = digits(4, 2), let d = digits(6, 2),
                  let month = Month(year: y, month: m), (1...month.dayCount).contains(d) else { return nil }
            return month
        case 10...:
            guard bytes[4] == dash, bytes[7] == dash,
                  bytes.count == 10 || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
                  let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2),
                  let month = Month(year: y, month: m), (1...month.dayCount).contains(d) else { return nil }
            return month
        default:
            return nil
        }
    }

    /// The day of a date `YYYY-MM-DD` (with an optional time after it) or `YYYYMMDD` that `parse` reads; 0 for a month.
    static func day(_ raw: UncheckedBytes) -> Int {
        let bytes = raw.trimmingSpaces()
        let at: Int
        if bytes.count >= 10, bytes[7] == UInt8(ascii: "-") {
            at = 8
        } else if bytes.count == 8 {
            at = 6
        } else {
            return 0
        }
        let d0 = Int(bytes[at]) &- 48, d1 = Int(bytes[at + 1]) &- 48
        guard d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 else { return 0 }
        return d0 * 10 + d1
    }

    var dayCount: Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

@_spi(Measurement) import Trueup
import TrueupCSV
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks the period and quantity parsers on one field against plain restatements of their rules.
enum ParserCheck {
    static func run(_ field: [UInt8]) {
        field.withUncheckedBytes { raw in
            checkMonth(raw, Array(field))
            for decimalComma in [false, true] {
                let parsed = QuantityText.parse(raw, decimalComma: decimalComma)
                let expected = referenceQuantity(field, decimalComma: decimalComma)
                guard parsed == expected else {
                    fail("quantity \(String(decoding: field.prefix(80), as: UTF8.self).debugDescription) (decimal comma \(decimalComma)) parsed as \(String(describing: parsed)), expected \(String(describing: expected))")
                }
            }
        }
    }

    // MARK: - Periods

    static func checkMonth(_ raw: UncheckedBytes, _ field: [UInt8]) {
        let parsed = Month.parse(raw)
        let expected = referenceMonth(field)
        guard parsed.map({ [$0.year, $0.month] }) == expected.map({ [$0.year, $0.month] }) else {
            fail("period \(String(decoding: field.prefix(80), as: UTF8.self).debugDescription) parsed as \(String(describing: parsed)), expected \(String(describing: expected))")
        }
        if let parsed {
            guard Month.parse(parsed.description) == parsed else { fail("\(parsed) does not read back as itself") }
            guard Month.parse(String(decoding: field, as: UTF8.self)) == parsed else { fail("the String entry point disagrees") }
        }
    }

    /// `YYYYMM`, `YYYY-MM`, `YYYYMMDD`, or `YYYY-MM-DD` optionally followed by a space or `T` and anything,
    /// around spaces and tabs; years 1000 to 4999, and a day that exists in its month.
    static func referenceMonth(_ field: [UInt8]) -> (year: Int, month: Int)? {
        let t = trimmed(field)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= t.count, t[range].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return t[range].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        let dash = UInt8(ascii: "-")
        var year: Int?, month: Int?, day: Int?
        if t.count == 6 {
            (year, month) = (number(0..<4), number(4..<6))
        } else if t.count == 7, t[4] == dash {
            (year, month) = (number(0..<4), number(5..<7))
        } else if t.count == 8 {
            (year, month, day) = (number(0..<4), number(4..<6), number(6..<8))
            guard day != nil else { return nil }
        } else if t.count >= 10, t[4] == dash, t[7] == dash,
                  t.count == 10 || t[10] == UInt8(ascii: " ") || t[10] == UInt8(ascii: "T") {
            (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
            guard day != nil else { return nil }
        } else {
            return nil
        }
        guard let year, let month, (1000...4999).contains(year), (1...12).contains(month) else { return nil }
        if let day {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            guard (1...days).contains(day) else { return nil }
        }
        return (year, month)
    }

    // MARK: - Quantities

    /// [sign] digits with at most one point (`.`, or `,` with a decimal comma) and at least one digit,
    /// then optionally `e` or `E`, [sign], digits; around spaces and tabs. Its value is the C
    /// library's correctly rounded `strtod` of the same text, and nil when that is not finite.
    static func referenceQuantity(_ field: [UInt8], decimalComma: Bool) -> Double? {
        let t = trimmed(field)
        var i = 0
        if i < t.count, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0, points = 0
        while i < t.count {
            if t[i] >= 48 && t[i] <= 57 {
                digits += 1
            } else if points == 0 && (t[i] == UInt8(ascii: ".") || (decimalComma && t[i] == UInt8(ascii: ","))) {
                points += 1
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < t.count {
            guard t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            if i < t.count, t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") { i += 1 }
            let exponentStart = i
            while i < t.count, t[i] >= 48 && t[i] <= 57 { i += 1 }
            guard i > exponentStart, i == t.count else { return nil }
        }
        var text = t.map { $0 == UInt8(ascii: ",") ? CChar(UInt8(ascii: ".")) : CChar(bitPattern: $0) }
        text.append(0)
        let value = strtod(text, nil)
        return value.isFinite ? value : nil
    }

    static func trimmed(_ field: [UInt8]) -> ArraySlice<UInt8> {
        var slice = field[...]
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        return ArraySlice(Array(slice))
    }
}

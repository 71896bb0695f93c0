import TrueupCSV

/// How a cell's value is written as a CSV field.
enum CellText {
    /// Appends `text` as one RFC 4180 field: quoted, with quotes doubled, when it holds a comma,
    /// a quote or a line break; as it is otherwise.
    static func appendField(_ text: UncheckedBytes, to output: inout [UInt8]) {
        var needsQuotes = false
        for byte in text where byte == comma || byte == quote || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            output.append(contentsOf: text)
            return
        }
        output.append(quote)
        for byte in text {
            if byte == quote { output.append(quote) }
            output.append(byte)
        }
        output.append(quote)
    }

    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")

    /// A number cell's value as plain decimal text: the shortest digits that read back as the
    /// same Double, without an exponent from 1e-15 up to 1e21 (`0.1`, `1234567890123456800`,
    /// `-0.000001`); beyond that range with one (`1e+300`). Integers have no `.0`; -0 is `0`.
    /// Nil when the text is not a number.
    static func number(_ raw: UncheckedBytes) -> [UInt8]? {
        let trimmed = raw.trimmingWhitespace
        guard !trimmed.isEmpty else { return nil }
        // Most cells are whole numbers or short decimals, written as they should be read.
        if trimmed.count <= 17, let end = plainDecimalEnd(trimmed) { return Array(trimmed[0..<end]) }
        guard let value = Double(trimmed.text), value.isFinite else { return nil }
        return Array(plain(value).utf8)
    }

    /// How much of `bytes` is the shortest round-trip text of its value, when they are a plain
    /// decimal already: an optional minus, digits without a leading zero (or a single `0`), an
    /// optional fraction, at most 15 significant digits, no exponent. The fraction's trailing zeros
    /// (and a point left alone) are cut. Nil for anything else, which goes through a Double.
    ///
    /// Two decimals of at most 15 significant digits are never the same Double, so no shorter
    /// text reads back as this value: the digits as written are the shortest.
    static func plainDecimalEnd(_ bytes: UncheckedBytes) -> Int? {
        let n = bytes.count
        let zero = UInt8(ascii: "0")
        var k = 0
        if bytes[0] == UInt8(ascii: "-") { k = 1 }
        let integerStart = k
        while k < n && bytes[k] >= 48 && bytes[k] <= 57 { k += 1 }
        let integerDigits = k - integerStart
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != zero else { return nil }
        let isZeroInteger = bytes[integerStart] == zero
        if k == n {
            // "-0" is written "0", by the Double path.
            return integerDigits <= 15 && !(isZeroInteger && integerStart == 1) ? n : nil
        }
        guard bytes[k] == UInt8(ascii: "."), k + 1 < n else { return nil }
        k += 1
        let fractionStart = k
        while k < n && bytes[k] >= 48 && bytes[k] <= 57 { k += 1 }
        guard k == n else { return nil }
        var end = n
        while end > fractionStart && bytes[end - 1] == zero { end -= 1 }
        let significant: Int
        if isZeroInteger {
            // 0.00xyz: the zeros after the point are not significant; 0.000 is zero, written "0" by the Double path.
            var first = fractionStart
            while first < end && bytes[first] == zero { first += 1 }
            guard first < end else { return nil }
            significant = end - first
        } else {
            significant = integerDigits + (end - fractionStart)
        }
        guard significant <= 15 else { return nil }
        return end == fractionStart ? end - 1 : end  // "3.0": the point goes with its zeros
    }

    /// `value` in plain decimal, from Swift's shortest round-trip digits.
    static func plain(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        guard magnitude >= 1e-15 && magnitude < 1e21 else { return "\(value)" }
        // Swift writes the shortest digits that round-trip, as "123.45", "1e-05" or "1.2345e+20".
        let text = "\(magnitude)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(of: "e") {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var pointAt = mantissa.count
        if let dot = mantissa.firstIndex(of: ".") {
            pointAt = mantissa.distance(from: mantissa.startIndex, to: dot)
            digits = String(mantissa[..<dot]) + String(mantissa[mantissa.index(after: dot)...])
        } else {
            digits = String(mantissa)
        }
        pointAt += exponent
        // Leading zeros of the digits ("0.05" gives "005") move the point's place, not the value.
        while digits.count > 1 && digits.first == "0" {
            digits.removeFirst()
            pointAt -= 1
        }
        while digits.count > 1 && digits.last == "0" && digits.count > max(pointAt, 1) { digits.removeLast() }
        var result = value < 0 ? "-" : ""
        if pointAt <= 0 {
            result += "0." + String(repeating: "0", count: -pointAt) + digits
        } else if pointAt >= digits.count {
            result += digits + String(repeating: "0", count: pointAt - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: pointAt)
            result += digits[..<split] + "." + digits[split...]
        }
        return result
    }

    /// The date of a date cell's serial number as `YYYY-MM-DD` (the time of day dropped), or nil
    /// for a serial outside the calendar: before the first day of the date system, or after 9999.
    ///
    /// In the 1900 system 1 is 1900-01-01 and, as in Lotus 1-2-3, 60 is the 29 February 1900
    /// that never was; from 61 on, the days count from 1899-12-30. In the 1904 system 0 is 1904-01-01.
    static func date(serial: Double, system1904: Bool) -> String? {
        guard serial.isFinite, serial > -1, serial < 2_958_466 else { return nil }  // -1e300 would not fit an Int
        let day = Int(serial.rounded(.down))
        let daysFromEpoch: Int  // days from 1970-01-01
        if system1904 {
            guard day >= 0 else { return nil }
            daysFromEpoch = day - 24_107  // 1904-01-01
        } else {
            guard day >= 1 else { return nil }
            if day == 60 { return "1900-02-29" }
            daysFromEpoch = day < 60 ? day - 25_568 : day - 25_569  // 1899-12-31 + day, or 1899-12-30 + day
        }
        let (year, month, dayOfMonth) = civil(daysFromEpoch)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(dayOfMonth))"
    }

    /// Year, month and day of the proleptic Gregorian date `days` after 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    static func civil(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension UncheckedBytes {
    /// The bytes without leading and trailing spaces, tabs and line ends.
    var trimmingWhitespace: UncheckedBytes {
        var start = 0
        var end = count
        while start < end && (self[start] == 0x20 || self[start] == 0x09 || self[start] == 0x0A || self[start] == 0x0D) { start += 1 }
        while end > start && (self[end - 1] == 0x20 || self[end - 1] == 0x09 || self[end - 1] == 0x0A || self[end - 1] == 0x0D) { end -= 1 }
        return self[start..<end]
    }
}

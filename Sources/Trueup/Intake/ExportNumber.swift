/// Quantities as exports write them, rewritten to the plain form `Quantity.parse` reads.
///
/// This layer sits in front of the quantity parse: it only moves characters, so the digits
/// (and the decimal places) reach the parse as written. Thousands separators (`1,234.5`,
/// `1.234,5`, `1 234,5`, `1'234.5`) are read when they group digits by three and are not the
/// file's decimal mark; a trailing minus (`5,000-`) and parentheses (`(123)`) make a negative.
enum ExportNumber {
    /// What a value says about the file's decimal mark: `1.234,5` and `0,5` say comma,
    /// `1,234.5` and `0.25` say point; `1,234` and `1.234` say nothing.
    static func evidence(_ raw: String) -> DecimalMark? {
        if let simple = simpleEvidence(raw) { return simple }
        return generalEvidence(raw)
    }

    /// `evidence` for a value of ASCII digits, points, commas and minus signs, from its bytes;
    /// nil for any other value (`.some(nil)`: such a value that says nothing).
    static func simpleEvidence(_ raw: String) -> DecimalMark?? {
        var points = 0, commas = 0, last: UInt8 = 0, digitsAfterLast = 0
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digitsAfterLast += 1
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if byte == UInt8(ascii: ".") { points += 1 } else { commas += 1 }
                last = byte
                digitsAfterLast = 0
            case UInt8(ascii: "-"): break
            default: return nil
            }
        }
        switch (points, commas) {
        case (0, 0): return .some(nil)
        case (_, 0): return .some(points == 1 && digitsAfterLast != 3 ? .point : nil)
        case (0, _): return .some(commas == 1 && digitsAfterLast != 3 ? .comma : nil)
        default: return .some(last == UInt8(ascii: ".") ? .point : .comma)
        }
    }

    /// The reference `evidence`, for any value.
    static func generalEvidence(_ raw: String) -> DecimalMark? {
        let text = raw.filter { $0 != " " && $0 != "'" && $0 != "\u{A0}" && $0 != "-" && $0 != "(" && $0 != ")" && $0 != "+" }
        let lastPoint = text.lastIndex(of: "."), lastComma = text.lastIndex(of: ",")
        switch (lastPoint, lastComma) {
        case let (p?, c?): return p > c ? .point : .comma
        case (let p?, nil): return decimals(after: p, in: text) ? .point : nil
        case (nil, let c?): return decimals(after: c, in: text) ? .comma : nil
        case (nil, nil): return nil
        }
    }

    /// The mark is a decimal mark for sure: it appears once and isn't followed by exactly three digits.
    private static func decimals(after mark: String.Index, in text: String) -> Bool {
        let markCount = text.filter { $0 == text[mark] }.count
        let following = text[text.index(after: mark)...]
        return markCount == 1 && following.count != 3 && following.allSatisfy(\.isNumber)
    }

    /// The value in plain form (`-1234.5`), or nil when it is not a number in this file's dialect.
    static func plain(_ raw: String, mark: DecimalMark) -> String? {
        if let simple = simplePlain(raw, mark: mark) { return simple }
        return generalPlain(raw, mark: mark)
    }

    /// `plain` for a value that is an optional leading `-`, ASCII digits and at most one decimal
    /// mark, from its bytes (most values of most files); nil for any other value (`.some(nil)`:
    /// such a value that is not a number, as `-` alone).
    static func simplePlain(_ raw: String, mark: DecimalMark) -> String?? {
        let markByte = mark == .point ? UInt8(ascii: ".") : UInt8(ascii: ",")
        var bytes = Substring(raw).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var whole = 0, fraction = 0, marks = 0
        for byte in bytes {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if marks == 0 { whole += 1 } else { fraction += 1 }
            } else if byte == markByte && marks == 0 {
                marks = 1
            } else {
                return nil
            }
        }
        guard whole + fraction > 0 else { return .some(nil) }
        var out = negative ? "-" : ""
        if whole == 0 { out += "0" }
        let text = String(Substring(bytes))
        return .some(out + (mark == .point ? text : text.replacingComma()))
    }

    /// The reference `plain`, for any value.
    static func generalPlain(_ raw: String, mark: DecimalMark) -> String? {
        var text = Substring(raw.trimmingCharacters())
        guard !text.isEmpty else { return nil }
        var negative = false
        if text.first == "(" && text.last == ")" {
            negative = true
            text = text.dropFirst().dropLast()
        } else if text.last == "-" {
            negative = true
            text = text.dropLast()
        }
        text = Substring(String(text).trimmingCharacters())
        if let first = text.first, first == "-" || first == "+" {
            if negative { return nil }
            negative = first == "-"
            text = text.dropFirst()
        }
        // An exponent is left to the quantity parse, as long as nothing needs regrouping.
        if text.contains(where: { $0 == "e" || $0 == "E" }) {
            guard !text.contains(mark.other) else { return nil }
            let body = mark == .comma ? String(text).replacingComma() : String(text)
            return (negative ? "-" : "") + body
        }
        let parts = text.split(separator: mark.character, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), !(whole.isEmpty && fraction.isEmpty) else { return nil }
        guard let digits = grouped(whole, decimalMark: mark) else { return nil }
        var out = negative ? "-" : ""
        out += digits.isEmpty ? "0" : digits
        if parts.count == 2 { out += "." + fraction }
        return out
    }

    /// The digits of a whole part, without its thousands separators: one kind of separator, every
    /// group after the first exactly three digits. Nil when it isn't a grouped or plain whole number.
    private static func grouped(_ whole: Substring, decimalMark: DecimalMark) -> String? {
        if whole.allSatisfy({ $0.isASCII && $0.isNumber }) { return String(whole) }
        let separators: [Character] = [decimalMark.other, " ", "'", "\u{A0}", "\u{202F}"]
        guard let separator = whole.first(where: { !($0.isASCII && $0.isNumber) }), separators.contains(separator) else { return nil }
        let groups = whole.split(separator: separator, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) else { return nil }
        for group in groups {
            guard group.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return groups.joined()
    }
}

private extension String {
    func replacingComma() -> String { String(map { $0 == "," ? "." : $0 }) }
}

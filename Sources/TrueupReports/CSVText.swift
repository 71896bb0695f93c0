/// Writes CSV the way spreadsheets and RFC 4180 read it: the one place every CSV cell trueup writes passes.
public enum CSVText {
    /// The field, formula-neutralised (`neutralized`), as is or quoted (with quotes doubled) when it
    /// holds a comma, quote or line end.
    /// Control characters but tab, line feed and carriage return (which a quoted field holds as
    /// data) are written as escapes such as `\u{1B}`, as in the terminal (`TerminalText`): a NUL
    /// ends the cell in some programs, and an ESC would reach a terminal that shows the file.
    public static func field(_ text: String) -> String {
        let text = neutralized(withoutControls(text))
        // Bytes, not Characters: the four are ASCII, and a UTF-8 byte below 0x80 is always a character of its own.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }

    /// A text cell a spreadsheet would run as a formula, with a leading `'` (OWASP's advice on CSV injection).
    ///
    /// Names come from the customer's own files: `=HYPERLINK(...)` in a name must stay text when
    /// metrics.csv is opened by double-click. A cell starting with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return gets the `'`; a number as trueup writes it (`-12.5`, `-1e-05`) is left as
    /// it is, so figures stay numbers.
    public static func neutralized(_ text: String) -> String {
        guard let first = text.utf8.first, formulaStarts.contains(first), !isNumber(text) else { return text }
        return "'" + text
    }

    /// `text` with its control characters (C0 but tab, LF and CR; DEL; C1) as visible escapes.
    static func withoutControls(_ text: String) -> String {
        // Bytes first: a C1 control is C2 80-9F in UTF-8, so text without C2 or a low byte has none.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u{" + (hex.count < 2 ? "0" : "") + hex + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    private static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// Whether `text` is a number the way `NumberText` writes one: `-?digits(.digits)?(e[+-]digits)?`.
    static func isNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Bool {
            let start = bytes.startIndex
            while let b = bytes.first, b >= 0x30 && b <= 0x39 { bytes.removeFirst() }
            return bytes.startIndex != start
        }
        if bytes.first == 0x2D { bytes.removeFirst() }
        guard digits() else { return false }
        if bytes.first == 0x2E {
            bytes.removeFirst()
            guard digits() else { return false }
        }
        if bytes.first == 0x65 {
            bytes.removeFirst()
            if bytes.first == 0x2B || bytes.first == 0x2D { bytes.removeFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }

    /// One line: fields joined by commas, ended by LF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// One line in `dialect`: fields joined by its delimiter, each quoted when it holds the
    /// delimiter, a quote or a line end; a number written with the dialect's decimal comma
    /// (`-12,5`) is a number, never neutralised.
    static func line(_ fields: [String], dialect: CSVOutputDialect) -> String {
        guard dialect.decimalComma else { return line(fields) }
        let delimiter = dialect.delimiter
        return fields.map { raw in
            let plain = withoutControls(raw)
            let text = isNumber(String(plain.map { $0 == "," ? "." : $0 })) && !plain.contains(".") ? plain : neutralized(plain)
            guard text.utf8.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
            return "\"" + text.replacingQuotes() + "\""
        }.joined(separator: String(UnicodeScalar(delimiter))) + "\n"
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}

/// Writes CSV the way spreadsheets and RFC 4180 read it.
public enum CSVText {
    /// The field as is, or quoted (with quotes doubled) when it holds a comma, quote or line end.
    public static func field(_ text: String) -> String {
        // Bytes, not Characters: the four are ASCII, and a UTF-8 byte below 0x80 is always a character of its own.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }

    /// One line: fields joined by commas, ended by LF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
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

/// Text from input files made safe to show in a terminal: the one escaping function for that medium.
///
/// A name may hold a carriage return (which would move the cursor back and let the rest of
/// the line overwrite a tier), ESC (which starts a terminal control sequence), other control
/// characters, or a bidirectional override (which makes a line read in another order than
/// it is stored). Each such character is shown as a visible escape, `\u{1B}`, so what is
/// printed is exactly what is in the file, one character per character.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value >= 0xF780 && scalar.value <= 0xF7FF {
                // A byte of a file name that is not UTF-8, as the folder listing keeps it.
                out += "\\x{" + String(scalar.value - 0xF700, radix: 16, uppercase: true) + "}"
            } else if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u{" + (hex.count < 2 ? "0" : "") + hex + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines a command prints, each shown through `escaped` as a whole: the one rule for every
    /// message, notice and progress line. A line break inside a line came from a name, and is
    /// shown as `\u{0A}`, so no name can forge a line of its own.
    public static func lines(_ lines: [String]) -> [String] { lines.map(escaped) }

    /// C0 and C1 control characters and DEL; bidirectional marks, embeddings, overrides and isolates;
    /// the line and paragraph separators.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        case 0xF780...0xF7FF: return true
        default: return false
        }
    }

    /// Whether `text` looks like text at all: no control character but a tab, and no byte that was
    /// not UTF-8 (decoded as U+FFFD). A header that isn't is described, never echoed.
    public static func isPlainText(_ text: String) -> Bool {
        !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F || $0.value == 0xFFFD }
    }
}

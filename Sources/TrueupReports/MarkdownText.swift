/// A name made safe to put into Markdown: the one escaping function for that medium.
///
/// A customer's or item's name must read as the name, never as markup: not a link, an
/// image, HTML (an HTML comment could hide the verdict), emphasis, a heading, or a `|`
/// that adds a table cell. Control and bidirectional characters are first made visible
/// as in the terminal (`TerminalText`); then `<`, `>` and `&` become character references
/// and every other ASCII punctuation character gets a backslash (CommonMark's escape, which
/// also works in a table cell); an `@` is followed by U+2060 WORD JOINER, so no e-mail
/// address becomes a `mailto:` link.
public enum MarkdownText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in TerminalText.escaped(text).unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default:
                if scalar.isASCII, punctuation.contains(UInt8(scalar.value)) { out += "\\" }
                out.unicodeScalars.append(scalar)
                // GitHub links `name@domain.tld` whatever its escapes: an invisible word joiner
                // after the `@` keeps it text.
                if scalar == "@" { out += "\u{2060}" }
            }
        }
        return out
    }

    /// Text shown as code (`` `path` ``): a fence of more backticks than the longest run inside,
    /// so no backtick in the text can end it; control characters made visible.
    public static func code(_ text: String) -> String {
        let visible = TerminalText.escaped(text)
        var longest = 0, run = 0
        for character in visible {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = visible.hasPrefix("`") || visible.hasSuffix("`") ? " " : ""
        return fence + pad + visible + pad + fence
    }

    /// CommonMark's escapable ASCII punctuation, less `<`, `>` and `&` (written as references).
    private static let punctuation: Set<UInt8> = Set(##"!"#$%'()*+,-./:;=?@[\]^_`{|}~"##.utf8)
}

/// A piece of HTML or SVG: an element with attributes and children, or text.
///
/// Text and attribute values are escaped when written, so any customer name is safe
/// to put in either. The output is also well-formed XML: attributes are always quoted,
/// the only entities are XML's own, elements without children that HTML leaves
/// unclosed or SVG allows to close themselves are written `<name ... />`, and every
/// other element gets an end tag.
public indirect enum Markup: Sendable {
    case element(name: String, attributes: [(String, String)], children: [Markup])
    case text(String)
    /// Several pieces side by side, with no element around them.
    case group([Markup])

    /// An element; attributes are written in the order given.
    public static func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:],
                               _ children: [Markup] = []) -> Markup {
        .element(name: name, attributes: attributes.map { ($0.key, $0.value) }, children: children)
    }

    /// An element holding only text.
    public static func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) -> Markup {
        .element(name, attributes, [.text(text)])
    }

    /// The same element with one more attribute (nothing changes for text or a group).
    public func adding(_ name: String, _ value: String) -> Markup {
        guard case .element(let element, let attributes, let children) = self else { return self }
        return .element(name: element, attributes: attributes + [(name, value)], children: children)
    }

    /// The markup as text.
    public func rendered() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Elements written `<name />` when they have no children: HTML's void elements and SVG's shapes.
    static let selfClosing: Set<String> = [
        "meta", "br", "hr", "col", "wbr",
        "circle", "ellipse", "line", "path", "polygon", "polyline", "rect", "stop", "use",
    ]

    func write(to out: inout String) {
        switch self {
        case .text(let text):
            Self.escape(text, to: &out, quotes: false)
        case .group(let pieces):
            for piece in pieces { piece.write(to: &out) }
        case .element(let name, let attributes, let children):
            out += "<" + name
            for (key, value) in attributes {
                out += " " + key + "=\""
                Self.escape(value, to: &out, quotes: true)
                out += "\""
            }
            if children.isEmpty && Self.selfClosing.contains(name) {
                out += " />"
                return
            }
            out += ">"
            for child in children { child.write(to: &out) }
            out += "</" + name + ">"
        }
    }

    /// `&`, `<` and `>` as entities, and in attribute values `"` and `'` too; control
    /// characters other than tab and line ends are dropped (XML has no way to write them).
    static func escape(_ text: String, to out: inout String, quotes: Bool) {
        // Most text has nothing to escape or drop: then it goes in whole. 0xEF leads U+FFFE and U+FFFF
        // (and other characters), so text with it takes the careful path.
        if !text.utf8.contains(where: { byte in
            byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D || byte == 0x7F || byte == 0xEF
                || byte == 0x26 || byte == 0x3C || byte == 0x3E || quotes && (byte == 0x22 || byte == 0x27)
        }) {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}

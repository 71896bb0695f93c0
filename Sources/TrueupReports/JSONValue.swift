/// A JSON document with keys kept in the order they were given, so output is stable.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number as given (a count, an option, a setting): its shortest form.
    case number(Double)
    /// A figure: rounded to 10 significant digits (`NumberText.figure`).
    case significant(Double)
    /// A sum of quantities: exact, with no more decimal places than the inputs (`NumberText.quantity`).
    case quantity(Double)
    case integer(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A figure at 10 significant digits; an empty figure is `null`.
    public static func figure(_ value: Double?) -> JSONValue { value.map(JSONValue.significant) ?? .null }

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// The document as text; `pretty` indents by two spaces, one key per line.
    public func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, depth: 0, pretty: pretty)
        return out
    }

    private func write(to out: inout String, depth: Int, pretty: Bool) {
        let indent = pretty ? "\n" + String(repeating: "  ", count: depth + 1) : ""
        let close = pretty ? "\n" + String(repeating: "  ", count: depth) : ""
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += value.isFinite ? NumberText.exact(value) : "null"
        case .significant(let value): out += value.isFinite ? NumberText.figure(value) : "null"
        case .quantity(let value): out += value.isFinite ? NumberText.quantity(value) : "null"
        case .integer(let value): out += String(value)
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            out += "["
            for (i, value) in values.enumerated() {
                out += (i > 0 ? "," : "") + indent
                value.write(to: &out, depth: depth + 1, pretty: pretty)
            }
            out += close + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                out += (i > 0 ? "," : "") + indent
                Self.writeString(key, to: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, depth: depth + 1, pretty: pretty)
            }
            out += close + "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

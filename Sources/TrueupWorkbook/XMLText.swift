import TrueupCSV

/// XML character data to UTF-8 bytes: the five named entities and numeric character references.
enum XMLText {
    /// Appends `raw` with its entities decoded to `output`. An entity trueup doesn't know, or a
    /// reference to no character, is kept as written: the text stays readable in a message.
    static func decode(_ raw: UncheckedBytes, into output: inout [UInt8]) {
        if !raw.contains(UInt8(ascii: "&")) {
            output.append(contentsOf: raw)
            return
        }
        var k = 0
        let n = raw.count
        while k < n {
            let byte = raw[k]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                k += 1
                continue
            }
            var end = k + 1
            while end < n && end - k <= 10 && raw[end] != UInt8(ascii: ";") { end += 1 }
            guard end < n, raw[end] == UInt8(ascii: ";"),
                  let scalar = entity(raw[(k + 1)..<end]) else {
                output.append(byte)
                k += 1
                continue
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
            k = end + 1
        }
    }

    static func string(_ raw: UncheckedBytes) -> String {
        var bytes: [UInt8] = []
        decode(raw, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func entity(_ name: UncheckedBytes) -> Unicode.Scalar? {
        if name.equals("amp") { return "&" }
        if name.equals("lt") { return "<" }
        if name.equals("gt") { return ">" }
        if name.equals("quot") { return "\"" }
        if name.equals("apos") { return "'" }
        guard name.count >= 2, name[0] == UInt8(ascii: "#") else { return nil }
        let hex = name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X")
        let digits = name[(hex ? 2 : 1)..<name.count].text
        guard let code = UInt32(digits, radix: hex ? 16 : 10) else { return nil }
        return Unicode.Scalar(code)
    }
}

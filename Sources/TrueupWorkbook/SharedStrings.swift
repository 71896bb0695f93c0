import TrueupCSV

/// The workbook's shared strings (`xl/sharedStrings.xml`), which `t="s"` cells refer to by index.
///
/// Kept as one byte array and the offsets into it: a sheet of a million rows typically shares a
/// few thousand customer and item names, and a string per entry would cost far more than its bytes.
struct SharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    var count: Int { ends.count }

    /// The UTF-8 text of string `index`, or nil when there is no such string.
    func withString<R>(_ index: Int, _ body: (UncheckedBytes) -> R) -> R? {
        guard index >= 0 && index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUncheckedBytes { body($0[start..<ends[index]]) }
    }

    /// Reads `<si>` entries: the text of their `<t>` elements, plain or in rich-text runs (`<r>`),
    /// without phonetic guides (`<rPh>`), with Excel's `_xHHHH_` escapes decoded.
    struct Reader: XMLHandler {
        var strings = SharedStrings()
        private var inItem = false
        private var inText = false
        private var phoneticDepth = 0
        private var raw: [UInt8] = []

        mutating func start(_ tag: XMLTag) throws(WorkbookError) {
            if tag.name.equals("si") {
                inItem = true
                raw.removeAll(keepingCapacity: true)
            } else if tag.name.equals("rPh") {
                phoneticDepth += 1
            } else if inItem && phoneticDepth == 0 && tag.name.equals("t") {
                inText = true
            }
        }

        mutating func end(_ name: UncheckedBytes) throws(WorkbookError) {
            if name.equals("t") {
                inText = false
            } else if name.equals("rPh") {
                phoneticDepth -= 1
            } else if name.equals("si") {
                inItem = false
                guard strings.ends.count < WorkbookLimits.sharedStrings,
                      strings.bytes.count + raw.count <= WorkbookLimits.sharedStringBytes else {
                    throw .inPart("it holds more than \(WorkbookLimits.sharedStrings) strings or "
                        + WorkbookLimits.mebibytes(WorkbookLimits.sharedStringBytes) + " of text, the most trueup reads")
                }
                OOXMLEscapes.decode(raw, into: &strings.bytes)
                strings.ends.append(strings.bytes.count)
            }
        }

        mutating func text(_ text: UncheckedBytes, isCDATA: Bool) throws(WorkbookError) {
            guard inText else { return }
            if isCDATA { raw.append(contentsOf: text) } else { XMLText.decode(text, into: &raw) }
            guard raw.count <= WorkbookLimits.cellBytes else {
                throw .inPart("string \(strings.ends.count) is longer than \(WorkbookLimits.cellBytes) bytes, "
                    + "more than a cell can hold")
            }
        }
    }
}

/// Excel writes characters XML can't hold (and a literal `_x` sequence) as `_xHHHH_`.
enum OOXMLEscapes {
    static func decode(_ text: [UInt8], into output: inout [UInt8]) {
        var k = 0
        let n = text.count
        while k < n {
            if text[k] == UInt8(ascii: "_"), k + 6 < n, text[k + 1] == UInt8(ascii: "x"), text[k + 6] == UInt8(ascii: "_"),
               let code = UInt32(String(decoding: text[(k + 2)..<(k + 6)], as: UTF8.self), radix: 16),
               let scalar = Unicode.Scalar(code) {
                output.append(contentsOf: String(Character(scalar)).utf8)
                k += 7
            } else {
                output.append(text[k])
                k += 1
            }
        }
    }
}

import TrueupCSV

/// Which cell styles of a workbook show numbers as dates, from `xl/styles.xml`.
///
/// A cell's `s` attribute indexes `cellXfs`; each of those names a number format. A format is a
/// date format when it is one of Excel's built-in date and time formats (ids 14 to 22 and 45 to
/// 47) or a custom format with `d`, `m` or `y` outside quoted text, `[...]` brackets (colours,
/// locales, elapsed time) and escaped characters.
struct DateStyles {
    /// Indexed by style; true for a date style.
    private(set) var isDate: [Bool] = []

    func isDate(style: Int) -> Bool { style >= 0 && style < isDate.count && isDate[style] }

    static func isBuiltinDate(_ id: Int) -> Bool { (14...22).contains(id) || (45...47).contains(id) }

    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
            if inBrackets {
                if character == "]" { inBrackets = false }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "[": inBrackets = true
            case "\\", "_", "*": escaped = true  // \x is literal; _x a space as wide as x; *x fills with x
            case "d", "D", "m", "M", "y", "Y": return true
            default: break
            }
        }
        return false
    }

    /// Reads the styles part's number formats and cell styles.
    struct Reader: XMLHandler {
        var customFormats: [Int: String] = [:]
        var formatOfStyle: [Int] = []
        private var inCellXfs = false

        mutating func start(_ tag: XMLTag) throws(WorkbookError) {
            if tag.name.equals("numFmt"), let id = tag.string("numFmtId").flatMap({ Int($0) }) {
                let code = tag.attribute("formatCode")
                guard customFormats.count < WorkbookLimits.styles, (code?.count ?? 0) <= WorkbookLimits.formatCodeBytes else {
                    throw .inPart("number format \(id) is one of more than \(WorkbookLimits.styles) or longer than "
                        + "\(WorkbookLimits.formatCodeBytes) bytes")
                }
                customFormats[id] = tag.string("formatCode") ?? ""
            } else if tag.name.equals("cellXfs") {
                inCellXfs = true
            } else if inCellXfs && tag.name.equals("xf") {
                guard formatOfStyle.count < WorkbookLimits.styles else {
                    throw .inPart("it has more than \(WorkbookLimits.styles) cell styles")
                }
                formatOfStyle.append(tag.string("numFmtId").flatMap { Int($0) } ?? 0)
            }
        }

        mutating func end(_ name: UncheckedBytes) throws(WorkbookError) {
            if name.equals("cellXfs") { inCellXfs = false }
        }

        mutating func text(_ raw: UncheckedBytes, isCDATA: Bool) throws(WorkbookError) {}

        var styles: DateStyles {
            var result = DateStyles()
            result.isDate = formatOfStyle.map { id in
                if let code = customFormats[id] { return DateStyles.isDateFormat(code) }
                return DateStyles.isBuiltinDate(id)
            }
            return result
        }
    }
}

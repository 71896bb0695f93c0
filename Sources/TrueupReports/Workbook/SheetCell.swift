/// One cell of a worksheet as report.xlsx holds it.
///
/// Text is always a text cell (a code keeps its leading zeros, a name that starts with `=` is
/// never a formula); numbers are numbers, shown by their column's `NumberStyle`.
enum SheetCell: Equatable, Sendable {
    case blank
    case text(String)
    /// `whole`: a count, shown without decimals whatever the column's style.
    case number(Double, whole: Bool)
    case bool(Bool)

    /// About how many characters the cell shows in its column's style: for the column's width.
    func shownWidth(_ style: NumberStyle) -> Int {
        switch self {
        case .blank: return 0
        case .text(let text): return text.unicodeScalars.count
        case .bool(let flag): return flag ? 4 : 5
        case .number(let x, let whole):
            let format = SheetFormat.of(style, whole: whole)
            let magnitude = abs(x).rounded()
            var digits = 1
            var power = 10.0
            while magnitude >= power && digits < 22 {
                digits += 1
                power *= 10
            }
            let groups = format.groupsThousands ? (digits - 1) / 3 : 0
            let sign = x < 0 || format.signed ? 1 : 0
            return sign + digits + groups + (format.decimals > 0 ? format.decimals + 1 : 0) + (format.percentSign ? 1 : 0)
        }
    }
}

/// A number format of report.xlsx, as Excel spells it, with what it shows.
struct SheetFormat: Hashable, Sendable {
    let code: String
    let decimals: Int
    let groupsThousands: Bool
    let signed: Bool
    let percentSign: Bool

    static let count = SheetFormat(code: "#,##0", decimals: 0, groupsThousands: true, signed: false, percentSign: false)
    static let amount = SheetFormat(code: "#,##0.00", decimals: 2, groupsThousands: true, signed: false, percentSign: false)
    /// The value is already in percent (12.5 shows 12.5%): the sign is a literal, not Excel's ×100.
    static let percent = SheetFormat(code: "0.0\"%\"", decimals: 1, groupsThousands: false, signed: false, percentSign: true)
    static let points = SheetFormat(code: "+0.0;-0.0;0.0", decimals: 1, groupsThousands: false, signed: true, percentSign: false)
    static let ratio = SheetFormat(code: "0.00", decimals: 2, groupsThousands: false, signed: false, percentSign: false)
    static let probability = SheetFormat(code: "0.000", decimals: 3, groupsThousands: false, signed: false, percentSign: false)

    /// The format of a number in a column of `style`; a whole count is a count in a standard column.
    static func of(_ style: NumberStyle, whole: Bool) -> SheetFormat {
        switch style {
        case .standard: return whole ? .count : .amount
        case .count: return .count
        case .percent: return .percent
        case .points: return .points
        case .ratio: return .ratio
        case .probability: return .probability
        }
    }
}

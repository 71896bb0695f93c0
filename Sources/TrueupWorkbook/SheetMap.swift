import Foundation

/// Where each line of a sheet's CSV text came from: its sheet row, cell references, error cells.
///
/// Line n is sheet row n (empty rows are written as empty lines) until a cell holds a line
/// break: its quoted field then spans lines, and the rows after it are `shift` lines further
/// down. The map keeps only the lines where the shift changes.
public struct SheetMap: Sendable, Equatable {
    /// The sheet's name as the workbook gives it.
    public let sheet: String
    /// Cells that hold an error value, in line order.
    public private(set) var errors: [CellError] = []
    /// (first line, lines minus rows from that line on), ascending; empty while lines are rows.
    private var shifts: [Shift] = []

    private struct Shift: Sendable, Equatable {
        var line: Int
        var shift: Int
    }

    init(sheet: String) { self.sheet = sheet }

    /// A cell whose value is an error (`#N/A`, `#DIV/0!`, ...) or a formula without a cached value.
    public struct CellError: Sendable, Equatable {
        /// The line of the CSV text, and the field's 0-based index in it.
        public var line: Int
        public var column: Int
        /// `Sheet1!D17`.
        public var reference: String
        /// The error as the sheet shows it, or `no cached value` for a formula never calculated.
        public var value: String

        /// The value of a formula cell the workbook holds no calculated value for.
        public static let uncalculated = "no cached value"
    }

    /// The sheet row of CSV line `line`.
    public func row(line: Int) -> Int {
        var shift = 0
        for entry in shifts {
            if entry.line > line { break }
            shift = entry.shift
        }
        return line - shift
    }

    /// The reference of field `column` (0-based) of line `line`: `Sheet1!D17`.
    public func reference(line: Int, column: Int) -> String {
        "\(qualifiedSheet)!\(Self.columnName(column))\(row(line: line))"
    }

    /// The sheet and row of line `line`: `Sheet1!17:17`, Excel's reference to a whole row.
    public func rowReference(line: Int) -> String {
        let row = row(line: line)
        return "\(qualifiedSheet)!\(row):\(row)"
    }

    /// The error cell at this line and field, if it is one.
    public func error(line: Int, column: Int) -> CellError? {
        errors(line: line).first { $0.column == column }
    }

    /// The error cells of line `line`, left to right.
    public func errors(line: Int) -> ArraySlice<CellError> {
        var low = 0
        var high = errors.count
        while low < high {
            let mid = (low + high) / 2
            if errors[mid].line < line { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < errors.count && errors[end].line == line { end += 1 }
        return errors[low..<end]
    }

    /// The sheet's name as a formula writes it: quoted when it holds anything but letters, digits,
    /// `_` and `.` (`'Q3 plan'!B2`).
    var qualifiedSheet: String {
        let plain = !sheet.isEmpty && sheet.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "."
        }
        return plain ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A, B, ..., Z, AA, AB, ... for 0, 1, ..., 25, 26, 27, ...
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    mutating func recordError(line: Int, column: Int, row: Int, value: String) {
        errors.append(CellError(line: line, column: column, reference: "\(qualifiedSheet)!\(Self.columnName(column))\(row)",
                                value: value))
    }

    /// Notes that line `line` holds sheet row `row`.
    mutating func place(row: Int, at line: Int) {
        let shift = line - row
        if shift != (shifts.last?.shift ?? 0) { shifts.append(Shift(line: line, shift: shift)) }
    }
}

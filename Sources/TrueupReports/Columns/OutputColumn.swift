import Trueup

/// One column of an output file, described once: its header name (also its JSON key), the
/// sentence README.txt says about it, how a row's value is written, and how a spreadsheet shows its numbers.
///
/// Every writer of the file (CSV, JSON, README.txt, report.xlsx) reads the same `ColumnTable`, so a column
/// is added, renamed or explained in one entry.
public struct OutputColumn<Row>: Sendable {
    public let name: String
    /// What README.txt says about the column, in a spreadsheet user's words.
    public let meaning: String
    /// How report.xlsx shows the column's numbers (its text values are text cells whatever the style).
    public let style: NumberStyle
    let value: @Sendable (Row) -> CellValue

    init(_ name: String, _ meaning: String, _ style: NumberStyle = .standard, _ value: @escaping @Sendable (Row) -> CellValue) {
        self.name = name
        self.meaning = meaning
        self.style = style
        self.value = value
    }
}

/// How a spreadsheet shows a column's numbers: only the look, never the value, which is the
/// CSV's (a percentage is 12.5, not 0.125, and shows as 12.5%).
public enum NumberStyle: Sendable {
    /// Thousands grouped: whole numbers as 1,234, other figures with two decimals.
    case standard
    /// A figure in percent: 12.5%.
    case percent
    /// A difference of percentages, signed: +3.2.
    case points
    /// A ratio such as mase or the tracking signal: 0.87.
    case ratio
    /// A probability: 0.031.
    case probability
    /// Whole numbers held as figures (lags, counts that may be empty): 1,234.
    case count
}

/// A value of one output cell, and how each medium writes it.
enum CellValue {
    /// Text; nil is an empty field in CSV and `null` in JSON.
    case text(String?)
    case integer(Int)
    /// A figure, rounded to 10 significant digits (`NumberText.figure`); nil (an empty figure) is an empty field and `null`.
    case figure(Double?)
    /// A sum of input quantities, written exactly with the inputs' decimal places (`NumberText.quantity`).
    case quantity(Double?)
    /// Codes: joined by `;` in CSV, an array in JSON.
    case list([String])
    case bool(Bool)

    var csv: String {
        switch self {
        case .text(let text): return text ?? ""
        case .integer(let n): return String(n)
        case .figure(let x): return NumberText.figure(x)
        case .quantity(let x): return NumberText.quantity(x)
        case .list(let codes): return codes.joined(separator: ";")
        case .bool(let flag): return flag ? "true" : "false"
        }
    }

    /// As `csv`, with a decimal comma in figures and quantities when the dialect has one (`12,5`); text is as it is.
    func csv(_ dialect: CSVOutputDialect) -> String {
        switch self {
        case .figure, .quantity where dialect.decimalComma:
            return String(csv.map { $0 == "." ? "," : $0 })
        default:
            return csv
        }
    }

    /// The value in a spreadsheet cell: figures rounded as the CSV writes them, so the workbook
    /// holds the CSV's numbers; an empty figure or text is a blank cell.
    var sheet: SheetCell {
        switch self {
        case .text(let text): return text.map { .text($0) } ?? .blank
        case .integer(let n): return .number(Double(n), whole: true)
        case .figure(let x): return x.map { .number(SignificantDigits.rounded($0), whole: false) } ?? .blank
        case .quantity(let x): return x.map { .number($0, whole: $0 == $0.rounded()) } ?? .blank
        case .list(let codes): return .text(codes.joined(separator: ";"))
        case .bool(let flag): return .bool(flag)
        }
    }

    var json: JSONValue {
        switch self {
        case .text(let text): return text.map(JSONValue.string) ?? .null
        case .integer(let n): return .integer(n)
        case .figure(let x): return .figure(x)
        case .quantity(let x): return x.map(JSONValue.quantity) ?? .null
        case .list(let codes): return .array(codes.map(JSONValue.string))
        case .bool(let flag): return .bool(flag)
        }
    }
}

/// The columns of one output file, in file order: the CSV header, each row's fields, the JSON
/// objects and README.txt's lines all come from here.
public struct ColumnTable<Row>: Sendable {
    public let columns: [OutputColumn<Row>]

    init(_ columns: [OutputColumn<Row>]) { self.columns = columns }

    public var names: [String] { columns.map(\.name) }

    /// The header line, then one line per row.
    func csv(_ rows: some Sequence<Row>) -> String {
        TextStream.collected { csv(rows, into: $0) }
    }

    /// The header line, then one line per row, in `dialect`'s delimiter and decimal mark (line
    /// ends and byte order mark are `SpreadsheetCSV`'s).
    func csv(_ rows: some Sequence<Row>, dialect: CSVOutputDialect) -> String {
        TextStream.collected { csv(rows, dialect: dialect, into: $0) }
    }

    /// As `csv(_:dialect:)`, each line written to `stream` as it is made.
    func csv(_ rows: some Sequence<Row>, dialect: CSVOutputDialect = .plain, into stream: TextStream) {
        guard dialect.decimalComma else {
            stream.write(CSVText.line(names))
            for row in rows { stream.write(CSVText.line(columns.map { $0.value(row).csv })) }
            return
        }
        stream.write(CSVText.line(names, dialect: dialect))
        for row in rows { stream.write(CSVText.line(columns.map { $0.value(row).csv(dialect) }, dialect: dialect)) }
    }

    /// One JSON object per row, keyed by the column names.
    func json(_ rows: some Sequence<Row>) -> JSONValue {
        .array(rows.map { row in .object(columns.map { ($0.name, $0.value(row).json) }) })
    }

    /// One row's fields as CSV writes them.
    func fields(_ row: Row) -> [String] { columns.map { $0.value(row).csv } }

    static func + (a: ColumnTable, b: ColumnTable) -> ColumnTable { ColumnTable(a.columns + b.columns) }
}

/// One column of an output file, described once: its header name (also its JSON key), the
/// sentence README.txt says about it, and how a row's value is written.
///
/// Every writer of the file (CSV, JSON, README.txt) reads the same `ColumnTable`, so a column
/// is added, renamed or explained in one entry.
public struct OutputColumn<Row>: Sendable {
    public let name: String
    /// What README.txt says about the column, in a spreadsheet user's words.
    public let meaning: String
    let value: @Sendable (Row) -> CellValue

    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (Row) -> CellValue) {
        self.name = name
        self.meaning = meaning
        self.value = value
    }
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
        var out = CSVText.line(names)
        for row in rows { out += CSVText.line(columns.map { $0.value(row).csv }) }
        return out
    }

    /// One JSON object per row, keyed by the column names.
    func json(_ rows: some Sequence<Row>) -> JSONValue {
        .array(rows.map { row in .object(columns.map { ($0.name, $0.value(row).json) }) })
    }

    /// One row's fields as CSV writes them.
    func fields(_ row: Row) -> [String] { columns.map { $0.value(row).csv } }

    static func + (a: ColumnTable, b: ColumnTable) -> ColumnTable { ColumnTable(a.columns + b.columns) }
}

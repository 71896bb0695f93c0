/// Why most of a file's rejected rows were rejected, when one cause covers most of them: then the
/// file, not its rows, is read wrong, and leaving the rows out would leave most of it out
/// (METRICS.md "Data that can't be right", bad rows).
public enum BadRowCause: Sendable, Equatable {
    /// Bytes that are not UTF-8: the file is in another encoding (`--encoding`).
    case encoding(encodings: [String])
    /// Quantities that are not numbers: the decimal mark, or the wrong column (`--decimal-mark`, `--columns`).
    case numberColumn(column: String?)
    /// Rows with another number of fields than the header: the header line or the delimiter (`--header-row`).
    case header
    /// Forecasts that repeat an earlier row's customer, item and period, in a file with no lag or
    /// snapshot column read: one is there and was not found (a merged or blank header cell, a name
    /// trueup doesn't know), not repeated rows (`--columns`, `--header-row`).
    case repeatedKeys

    /// The cause more than half of `problems` share, when it is the file's rather than its rows':
    /// bytes that are not UTF-8 always are (the file's encoding); quantities or field counts only
    /// when the `rejected` rows are more than `TooManyBadRows.defaultLimitPct` of the `read` ones.
    /// Nil when no cause is common (or there are no problems).
    /// Repeated keys count as the file's cause only when `forecastsHaveNoLag` (no lag or snapshot column read).
    public static func common(_ problems: [RowProblem], rejected: Int, read: Int, forecastsHaveNoLag: Bool = false) -> BadRowCause? {
        guard !problems.isEmpty else { return nil }
        let many = 100 * Double(rejected) > TooManyBadRows.defaultLimitPct * Double(max(read, 1))
        var encodings: [String] = [], numbers = 0, fields = 0, encoded = 0, repeated = 0
        var columns: [String?] = []
        for problem in problems {
            switch problem.kind {
            case .notUTF8(_, let names):
                encoded += 1
                if encodings.isEmpty { encodings = names }
            // A number written another way (`12,50`, `1.234,5`), not a word (`NaN`, `lots`).
            case .number(let field, _) where field.text.contains(where: \.isNumber):
                numbers += 1
                columns.append(problem.column)
            case .fieldCount: fields += 1
            case .duplicate: repeated += 1
            default: break
            }
        }
        let most = problems.count / 2 + 1
        if encoded >= most { return .encoding(encodings: encodings) }
        if many && numbers >= most { return .numberColumn(column: columns.first ?? nil) }
        if many && fields >= most { return .header }
        if many && forecastsHaveNoLag && repeated >= most { return .repeatedKeys }
        return nil
    }
}

/// A side whose rejected rows are more than `--skip-bad-rows` leaves out: more than the share
/// allowed (`--max-bad-rows`, 5% by default) of its rows.
public struct TooManyBadRows: Sendable, Equatable {
    /// The default largest share of a side's rows `--skip-bad-rows` leaves out, in percent.
    public static let defaultLimitPct = 5.0

    public var side: String
    public var rejected: Int
    public var read: Int
    public var limitPct: Double
    /// The first few rows rejected, with their lines.
    public var shown: [RowProblem]
    public var cause: BadRowCause?

    public var pct: Double { read > 0 ? 100 * Double(rejected) / Double(read) : 0 }

    /// The side's rejects when they are more than `limitPct` of its rows; nil otherwise.
    init?(side: InputFile, problems: [RowProblem], limitPct: Double) {
        guard side.rowsRead > 0, side.rowsRejected > 0,
              100 * Double(side.rowsRejected) > limitPct * Double(side.rowsRead) else { return nil }
        let names = Set(side.files.map(\.path) + [side.path])
        let own = problems.filter { names.contains($0.file) }
        self.side = side.path
        rejected = side.rowsRejected
        read = side.rowsRead
        self.limitPct = limitPct
        shown = Array(own.prefix(3))
        cause = BadRowCause.common(own, rejected: side.rowsRejected, read: side.rowsRead, forecastsHaveNoLag: side.readsNoLag)
    }
}

/// Customers every row of which on one side was left out by `--skip-bad-rows`: gone from that side
/// without a trace but rejects.csv (an umlaut name in a file read in the wrong encoding).
public struct CustomersLeftOut: Sendable, Equatable {
    public struct Customer: Sendable, Equatable {
        /// The code as the rejected rows spell it.
        public var customer: String
        public var rows: Int
    }

    public var side: String
    public var customers: [Customer]
    /// The first few of their rows, with their lines.
    public var shown: [RowProblem]
    public var cause: BadRowCause?

    /// The customers of `side`'s rejected rows that have no row the side kept in the window
    /// (`present`, compared under `normalization`); nil when there is none. A row's customer is
    /// read from its raw text by the file's delimiter and customer column (a quoted row is skipped).
    init?(side: InputFile, problems: [RowProblem], present: Set<String>, normalization: KeyNormalization) {
        var counts: [String: Int] = [:]
        var order: [String] = []
        var rows: [RowProblem] = []
        for problem in problems {
            guard let file = side.files.first(where: { $0.path == problem.file }) ?? (side.path == problem.file ? side.files.first : nil),
                  let column = file.columns.index[.customer], !problem.raw.contains("\""),
                  let separator = Self.separator(file.delimiter) else { continue }
            let fields = problem.raw.split(separator: separator, omittingEmptySubsequences: false)
            guard column < fields.count else { continue }
            let customer = String(fields[column]).trimmingCharacters()
            guard !customer.isEmpty, !present.contains(normalization.apply(customer)) else { continue }
            if counts[customer] == nil { order.append(customer) }
            counts[customer, default: 0] += 1
            rows.append(problem)
        }
        guard !order.isEmpty else { return nil }
        self.side = side.path
        customers = order.map { Customer(customer: $0, rows: counts[$0] ?? 0) }
        shown = Array(rows.prefix(3))
        cause = BadRowCause.common(rows, rejected: side.rowsRejected, read: side.rowsRead)
    }

    /// The field separator a delimiter's name in run.json stands for.
    static func separator(_ name: String) -> Character? {
        switch name {
        case "comma": return ","
        case "semicolon": return ";"
        case "tab": return "\t"
        case "pipe": return "|"
        default: return nil
        }
    }
}

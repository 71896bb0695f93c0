/// Which record of a source is its header: the first with a non-blank field, unless `--header-row`
/// names its line; when that first record lacks a column the side needs and a later record within
/// the first `searchedLines` lines has them all, that record (a title line, or a few, above the
/// header: "Sales forecast export 2025", "Report: Forecast;;;"), and the lines above it are not read.
///
/// Fed one record at a time, by intake as it reads a source and by the look at the headers before
/// it (`SourceHeader`), so both take the same line. `plan` is the side's: it throws what the
/// header lacks.
struct HeaderRow {
    /// How far down a header is looked for below a first record that lacks the columns.
    static let searchedLines = 10

    /// The line `--header-row` names; nil to find it.
    let given: Int?
    let path: String

    /// The first non-blank record, and why it is no header, while a header is looked for below it.
    private var first: (line: Int, fields: [String], error: InputError)?
    /// The first line below it with more filled fields than it has: where the header likely is.
    private var fuller: Int?
    /// The last line seen, for a `--header-row` past the end.
    private var lastLine = 0

    init(given: Int?, path: String) {
        self.given = given
        self.path = path
    }

    enum Step {
        /// Not the header: a blank record, a line above the one given, or a title while looking below it.
        case skip
        /// The header; `below` is the first line above it that was not read (a title), when it was looked for.
        case header([String], line: Int, below: (line: Int, fields: [String])?)
        /// No header can be taken here.
        case stop(InputError)
    }

    /// Takes one record of the source, on `line`, trimmed or not.
    mutating func offer(_ record: [String], line: Int, plan: ([String], Int) throws(InputError) -> Void) -> Step {
        lastLine = line
        if let given {
            if line < given { return .skip }
            guard line == given, let fields = SourceHeader.fields(record) else {
                return .stop(.noHeaderAtLine(path: path, line: given, lastLine: nil))
            }
            do throws(InputError) {
                try plan(fields, line)
            } catch {
                return .stop(error)
            }
            return .header(fields, line: line, below: nil)
        }
        guard let fields = SourceHeader.fields(record) else { return .skip }
        guard let first else {
            do throws(InputError) {
                try plan(fields, line)
                return .header(fields, line: line, below: nil)
            } catch {
                guard case .missingColumns = error else { return .stop(error) }
                self.first = (line, fields, error)
                return .skip
            }
        }
        guard line <= Self.searchedLines else { return .stop(firstError) }
        if fuller == nil, Self.filled(fields) >= 2, Self.filled(fields) > Self.filled(first.fields) { fuller = line }
        do throws(InputError) {
            try plan(fields, line)
            return .header(fields, line: line, below: (first.line, first.fields))
        } catch {
            return .skip
        }
    }

    /// Why no header was taken when the source ended: the first record's error, a line given past
    /// the end, or an empty source.
    func end() -> InputError {
        if let given { return .noHeaderAtLine(path: path, line: given, lastLine: lastLine) }
        return first == nil ? .emptyFile(path: path) : firstError
    }

    /// The first record's error; when it looks like a title (fewer filled fields than a line below
    /// it, or a single one), with the line `--header-row` would name when one was seen.
    private var firstError: InputError {
        guard let first else { return .emptyFile(path: path) }
        guard fuller != nil || Self.filled(first.fields) <= 1,
              case .missingColumns(let file, let line, let missing, let header, _) = first.error else { return first.error }
        return .missingColumns(file: file, line: line, missing: missing, header: header, hint: .titleAbove(headerLine: fuller))
    }

    private static func filled(_ fields: [String]) -> Int { fields.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }
}

/// What a header that lacks columns suggests, beyond `--columns`.
public enum HeaderHint: Sendable, Equatable {
    /// How far down a header is looked for below a first line that lacks the columns.
    public static var searchedLines: Int { HeaderRow.searchedLines }

    /// The line looks like a title: one filled field, or fewer than `headerLine` below it (`--header-row`).
    case titleAbove(headerLine: Int?)
    /// Month columns (`months`: the first and last) and no column for the customer or item: a
    /// customer's own sheet, whose customer is in its file name (`--name-pattern`).
    case nameInFileName(months: String, unread: [String])
}

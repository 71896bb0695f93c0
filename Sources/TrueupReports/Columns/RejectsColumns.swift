import Trueup

/// The columns of rejects.csv: every row left out under `--skip-bad-rows`, with its original line and text.
public enum RejectsColumns {
    public static let table = ColumnTable<RowProblem>([
        .init("file", "The input file.") { .text($0.file) },
        .init("line", "The line number in that file (the header is line 1).") { .integer($0.line) },
        .init("column", "The column that was wrong, when one was.") { .text($0.column ?? "") },
        .init("reason", "What was wrong.") { .text(RowProblemText.reason($0.kind)) },
        .init("raw", "The row's text as it was in the file.") { .text($0.raw) },
        .init("kind", "What was wrong, as one word: field_count, empty_name, not_utf8, period, lag, snapshot_after_period, "
              + "snapshot_too_early, number, too_large, cell_error, uncalculated_formula or duplicate.") { .text(RowProblemText.word($0.kind)) },
    ])
}

/// rejects.csv: a header, then one line per rejected row, in file order.
public enum RejectsCSV {
    public static func render(_ rejects: [RowProblem], dialect: CSVOutputDialect = .plain) -> String {
        RejectsColumns.table.csv(rejects, dialect: dialect)
    }

    /// The same text, each line written to `stream` as it is made.
    public static func render(_ rejects: [RowProblem], dialect: CSVOutputDialect = .plain, into stream: TextStream) {
        RejectsColumns.table.csv(rejects, dialect: dialect, into: stream)
    }
}

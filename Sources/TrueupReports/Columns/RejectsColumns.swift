import Trueup

/// The columns of rejects.csv: every row left out under `--skip-bad-rows`, with its original line and text.
public enum RejectsColumns {
    public static let table = ColumnTable<RowProblem>([
        .init("file", "The input file.") { .text($0.file) },
        .init("line", "The line number in that file (the header is line 1).") { .integer($0.line) },
        .init("column", "The column that was wrong, when one was.") { .text($0.column ?? "") },
        .init("reason", "What was wrong.") { .text($0.reason) },
        .init("raw", "The row's text as it was in the file.") { .text($0.raw) },
    ])
}

/// rejects.csv: a header, then one line per rejected row, in file order.
public enum RejectsCSV {
    public static func render(_ rejects: [RowProblem]) -> String { RejectsColumns.table.csv(rejects) }
}

import Trueup

/// rejects.csv: every row left out under `--skip-bad-rows`, with its original line and text.
public enum RejectsCSV {
    public static func render(_ rejects: [RowProblem]) -> String {
        var out = CSVText.line(["file", "line", "column", "reason", "raw"])
        for problem in rejects {
            out += CSVText.line([problem.file, String(problem.line), problem.column ?? "", problem.reason, problem.raw])
        }
        return out
    }
}

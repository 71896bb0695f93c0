import Trueup
import TrueupReports

/// What every command says on stderr about its input: a month left open, and rows left out.
enum RunNotices {
    /// `tableSaysRowsLeftOut`: the table on stdout already lists the rows left out, so stderr doesn't repeat them.
    /// `saysMatchedShare`: stdout is one CSV table (`--format csv`), so the join's matched shares, which the
    /// table's footer gives, are said here, first.
    static func write(_ result: ReportResult, rejectsFile: String?, tableSaysRowsLeftOut: Bool = false, saysMatchedShare: Bool = false) {
        var lines: [String] = []
        if saysMatchedShare, let matched = AuditText.matchedShare(result) { lines.append(matched) }
        if let month = AuditText.incompleteMonth(result) { lines.append(month) }
        lines += AuditText.headersBelowTitles(result)
        lines += AuditText.decimalMarksAssumed(result)
        lines += AuditText.runNotes(result)
        lines += LeftOutText.lines(result)
        if !tableSaysRowsLeftOut { lines += AuditText.rowsLeftOut(result, rejectsFile: rejectsFile) }
        guard !lines.isEmpty else { return }
        StandardStreams.writeNotice(lines)
    }

    /// `name` in `directory`, as the user would type it.
    static func path(_ name: String, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

import Trueup

/// The brief's notes on its input: a month left open, and rows left out, each as a Markdown paragraph.
enum BriefNotes {
    static func markdown(_ report: ReportResult) -> String {
        var out = ""
        if let month = AuditText.incompleteMonth(report) { out += "> " + month + "\n\n" }
        for note in AuditText.runNotes(report) { out += "> " + note + "\n\n" }
        let leftOut = report.forecasts.rowsRejected + report.actuals.rowsRejected
        if leftOut > 0 {
            out += "> \(leftOut) input \(leftOut == 1 ? "row was" : "rows were") left out as unreadable (--skip-bad-rows); "
                + "the figures are without \(leftOut == 1 ? "it" : "them").\n\n"
        }
        return out
    }
}

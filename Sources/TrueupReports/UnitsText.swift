import Trueup

/// The sentences on forecasts and actuals in different units (METRICS.md "Data that can't be right",
/// units): the customers listed as unscored, and why a run stopped on a whole file's factor.
public enum UnitsText {
    /// One note on the customers listed as unscored for units, with up to three of them; nil when there are none.
    public static func unscored(_ result: ReportResult) -> String? {
        let listed = result.assessments.filter { $0.reasons.contains(.unitsMismatch) }
        guard !listed.isEmpty else { return nil }
        let shown = listed.prefix(3).compactMap { a in a.unitsFactor.map { "\(a.customer): \(short($0))" } }
        let more = listed.count > 3 ? ", and \(listed.count - 3) more" : ""
        let who = listed.count == 1 ? "1 customer's forecast and actuals look" : "\(listed.count) customers' forecasts and actuals look"
        return "\(who) like different units (\(shown.joined(separator: "; "))\(more)): listed as unscored (units-mismatch), "
            + "not tiered on those figures. Fix the units of one file for them to be judged."
    }

    /// "actuals 12× the forecast in 11 of 12 months"
    static func short(_ factor: UnitsFactor) -> String {
        (factor.actualsLarger ? "actuals \(factor.factor)× the forecast" : "forecast \(factor.factor)× the actuals")
            + " in \(factor.months) of \(factor.periods) months"
    }

    /// Why the run stopped: the factor, how many customers, examples, a decimal mark assumed or given, and the ways out.
    public static func stopped(_ stop: UnitsMismatchStop, quoted: (String) -> String) -> [String] {
        let which = stop.actualsLarger ? "the actuals are \(stop.factor)× the forecast" : "the forecast is \(stop.factor)× the actuals"
        var lines: [String]
        if stop.overWindow {
            lines = ["For \(stop.matching) of \(stop.customers) customers \(which) over the window (between \(stop.factor / 2)× and "
                + "\(stop.factor * 2)×), and a decimal mark was assumed, not read from the values: it was most likely misread, "
                + "and no customer's verdict would mean anything."]
            for example in stop.examples {
                let ratio = example.windowRatio.map { stop.actualsLarger ? $0 : 1 / $0 } ?? Double(stop.factor)
                lines.append("  customer \(quoted(example.customer)): \(NumberText.readable(ratio, decimals: 0))× over \(example.periods) months")
            }
        } else {
            lines = ["For \(stop.matching) of \(stop.customers) customers \(which) in at least \(Int(100 * UnitsFactor.shareOfPeriods))% of "
                + "their months (within \(Int(100 * UnitsFactor.tolerance))%): a whole file is in other units, or its decimal mark was "
                + "misread, and no customer's verdict would mean anything."]
            for example in stop.examples {
                lines.append("  customer \(quoted(example.customer)): \(example.months) of \(example.periods) months")
            }
        }
        if stop.matching > stop.examples.count { lines.append("  ... and \(stop.matching - stop.examples.count) more") }
        for mark in stop.decimalMarks {
            switch mark.choice.evidence {
            case .assumed(let path, let line, let value, let read):
                lines.append("The \(mark.side)' decimal mark was assumed, not read from the values: the \(mark.choice.mark.rawValue), "
                    + "so \"\(value)\" (\(path):\(line)) is read as \(read).")
            case .given:
                lines.append("The \(mark.side)' decimal mark was given: the \(mark.choice.mark.rawValue).")
            }
        }
        lines.append("If a decimal mark was misread, run with --decimal-mark point|comma (or --forecasts-decimal-mark, "
            + "--actuals-decimal-mark for one file); otherwise put both files in the same units and run again.")
        return lines
    }
}

import Trueup
import TrueupReports

/// What to do about rows that can't be read: the common cause's option when one cause covers
/// most of them (never `--skip-bad-rows` then: the file, not its rows, is read wrong).
enum BadRowsMessage {
    /// The advice for `cause`; nil when there is no common cause.
    static func advice(_ cause: BadRowCause?) -> String? {
        switch cause {
        case .encoding(let encodings)?:
            let named = encodings.isEmpty ? "windows-1252" : encodings.joined(separator: " or ")
            return "Most of them have bytes that are not UTF-8: the file is in another encoding (an Excel or SAP export on Windows?). "
                + "Run with --encoding \(named); leaving the rows out would drop every row with such a name."
        case .numberColumn(let column)?:
            return "Most of them have a quantity\(column.map { " (column \($0))" } ?? "") that can't be read as a number: is the decimal mark, "
                + "or the column, right? Run with --decimal-mark point|comma, or name the quantity column with --columns."
        case .header?:
            return "Most of them have another number of fields than the header: is the header line, or the delimiter, right? "
                + "If the header is on another line (below a title, or an older header above it), run with --header-row N to read line N as the header."
        case .repeatedKeys?:
            return "Most of them repeat the customer, item and period of a forecast above them, and the forecasts have no lag or snapshot "
                + "column read to tell them apart: is one there, under a header trueup doesn't know or hidden by a merged or blank header cell? "
                + "Give its header cell a name, or name it with --columns lag=HEADER (or snapshot=HEADER; a blank header cell is "
                + "--columns 'lag=\"\"'), or run with --header-row N if "
                + "the header is on another line; "
                + "leaving the rows out would keep only the first forecast of each month."
        case nil:
            return nil
        }
    }

    /// Rows that stopped a run without `--skip-bad-rows`.
    static func stopped(shown: [RowProblem], total: Int, cause: BadRowCause?) -> [String] {
        var lines = shown.map(RowProblemText.line)
        if total > shown.count { lines.append("... and \(total - shown.count) more.") }
        let count = "\(NumberText.readable(Double(total), decimals: 0)) row\(total == 1 ? "" : "s") can't be read."
        if let advice = advice(cause) {
            lines.append(count + " " + advice)
        } else {
            lines.append(count + (total == 1
                ? " Fix it, or run with --skip-bad-rows to leave it out (it is listed in DIR/rejects.csv)."
                : " Fix them, or run with --skip-bad-rows to leave them out (they are listed in DIR/rejects.csv)."))
        }
        return lines
    }

    /// Customers every row of which on a side `--skip-bad-rows` would leave out.
    static func customersLeftOut(_ gone: CustomersLeftOut) -> [String] {
        let named = gone.customers.prefix(5).map { "\(LookAlikeMessage.quoted($0.customer)) (\($0.rows) row\($0.rows == 1 ? "" : "s"))" }
            .joined(separator: ", ") + (gone.customers.count > 5 ? " and \(gone.customers.count - 5) more" : "")
        var lines = ["\(gone.side): every row of \(gone.customers.count == 1 ? "customer" : "customers") \(named) can't be read: "
            + "--skip-bad-rows would leave \(gone.customers.count == 1 ? "it" : "them") out of this file entirely."]
        lines += gone.shown.map { "  " + RowProblemText.line($0) }
        lines.append(advice(gone.cause) ?? "Fix them, or run with --max-bad-rows 100 to leave them out anyway.")
        return lines
    }

    /// A side whose rejects are more than `--skip-bad-rows` leaves out.
    static func tooMany(_ bad: TooManyBadRows) -> [String] {
        let pct = NumberText.readable(bad.pct, decimals: 1), limit = NumberText.readable(bad.limitPct, decimals: bad.limitPct == bad.limitPct.rounded() ? 0 : 1)
        let rejected = NumberText.readable(Double(bad.rejected), decimals: 0), read = NumberText.readable(Double(bad.read), decimals: 0)
        var lines = ["\(bad.side): \(rejected) of \(read) rows (\(pct)%) can't be read, more than the \(limit)% --skip-bad-rows leaves out."]
        lines += bad.shown.map { "  " + RowProblemText.line($0) }
        if let advice = advice(bad.cause) {
            lines.append(advice)
        } else {
            let allowed = Int((bad.pct).rounded(.up))
            lines.append("Fix them, or run with --max-bad-rows \(allowed) to leave them out anyway.")
        }
        return lines
    }
}

import Trueup
import TrueupReports

/// Why a run stopped on codes that look alike, and the `--normalize-keys` value that joins them.
enum LookAlikeMessage {
    /// A code in quotes, escaped for the terminal.
    static func quoted(_ code: String) -> String { "\"" + TerminalText.escaped(code) + "\"" }

    static func lines(_ lookAlikes: LookAlikes) -> [String] {
        var lines: [String] = []
        let customers = lookAlikes.customers.count, items = lookAlikes.items.count
        lines.append("The two files spell the same codes differently: \(customers) customer \(customers == 1 ? "code" : "codes") and "
            + "\(items) item \(items == 1 ? "code" : "codes") in the forecasts look like a different code in the actuals.")
        lines.append("Joined as spelled, their forecasts would count as never bought and their purchases as never forecast.")
        for pair in lookAlikes.customers.prefix(2) {
            lines.append("  customer \(quoted(pair.inForecasts)) in the forecasts, \(quoted(pair.inActuals)) in the actuals")
        }
        for pair in lookAlikes.items.prefix(2) {
            lines.append("  item \(quoted(pair.inForecasts)) in the forecasts, \(quoted(pair.inActuals)) in the actuals (customer \(quoted(pair.customer ?? "")))")
        }
        lines.append("Run with --normalize-keys \(lookAlikes.joinedBy.optionValue) to join them, "
            + "or --normalize-keys none to keep the codes as they are; --out DIR with none writes DIR/coverage.csv to see them all.")
        return lines
    }
}

import Trueup

/// Why a run stopped on codes that look alike, and the `--normalize-keys` value that joins them.
enum LookAlikeMessage {
    static func text(_ lookAlikes: LookAlikes) -> String {
        var lines: [String] = []
        let customers = lookAlikes.customers.count, items = lookAlikes.items.count
        lines.append("The two files spell the same codes differently: \(customers) customer \(customers == 1 ? "code" : "codes") and "
            + "\(items) item \(items == 1 ? "code" : "codes") in the forecasts look like a different code in the actuals.")
        lines.append("Joined as spelled, their forecasts would count as never bought and their purchases as never forecast.")
        for pair in lookAlikes.customers.prefix(2) {
            lines.append("  customer \(TerminalText.quoted(pair.inForecasts)) in the forecasts, \(TerminalText.quoted(pair.inActuals)) in the actuals")
        }
        for pair in lookAlikes.items.prefix(2) {
            lines.append("  item \(TerminalText.quoted(pair.inForecasts)) in the forecasts, \(TerminalText.quoted(pair.inActuals)) in the actuals (customer \(TerminalText.quoted(pair.customer ?? "")))")
        }
        lines.append("Run with --normalize-keys \(lookAlikes.joinedBy.optionValue) to join them, "
            + "or --normalize-keys none to keep the codes as they are; --out DIR with none writes DIR/coverage.csv to see them all.")
        return lines.joined(separator: "\n")
    }
}

/// Names from the input files, made safe to print in a terminal.
enum TerminalText {
    /// The name in quotes, with control characters (escape sequences, line breaks) shown as `\u{..}`.
    static func quoted(_ name: String) -> String {
        var out = "\""
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || scalar == "\"" || scalar == "\\" {
                out += scalar == "\"" ? "\\\"" : scalar == "\\" ? "\\\\" : "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

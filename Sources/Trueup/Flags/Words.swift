/// Numbers as a planner reads them in a sentence: the explanations, the brief and check use these.
public enum Words {
    /// "31%", "4.5%" below 10, "0.3%" below 1.
    public static func percent(_ value: Double) -> String { number(value) + "%" }

    /// "10 points", "1 point", "0.4 points".
    public static func points(_ value: Double) -> String {
        let text = number(value)
        return text == "1" ? "1 point" : "\(text) points"
    }

    /// "+2.1 points", "−0.4 points".
    public static func signedPoints(_ value: Double) -> String {
        (value < 0 ? "−" : "+") + points(abs(value))
    }

    /// "+2.1%", "−4%", "0%".
    public static func signedPercent(_ value: Double) -> String {
        let text = number(abs(value))
        return (text == "0" ? "" : (value < 0 ? "−" : "+")) + text + "%"
    }

    /// Whole numbers from 10 up, one decimal below.
    public static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 9.95 { return String(Int64(value.rounded())) }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int64(tenths)) : String(tenths)
    }

    /// A quantity with thousands grouped: "12,480".
    public static func quantity(_ value: Double) -> String {
        let whole = Int64(value.rounded())
        var digits = Array(String(abs(whole)))
        var out = ""
        while digits.count > 3 {
            out = "," + String(digits.suffix(3)) + out
            digits.removeLast(3)
        }
        return (whole < 0 ? "-" : "") + String(digits) + out
    }

    /// "p = 0.006", "p < 0.001".
    public static func pValue(_ p: Double) -> String {
        if p < 0.001 { return "p < 0.001" }
        return "p = \((p * 1000).rounded() / 1000)"
    }

    /// "of last month" for 1, "of 3 months before" otherwise.
    public static func monthsBack(_ months: Int) -> String {
        months == 1 ? "of the month before" : "of \(months) months before"
    }

    /// The benchmark in words at lag `lag`: "a naive repeat of the actuals of the month before",
    /// "the same month last year", "the same month 2 years before".
    public static func benchmark(_ benchmark: Benchmark, lag: Int) -> String {
        let back = benchmark.monthsBack(lag: lag)
        switch benchmark {
        case .naive: return "a naive repeat of the actuals \(monthsBack(back))"
        case .seasonalNaive: return back == 12 ? "the same month last year" : "the same month \(back / 12) years before"
        }
    }

    /// Clauses joined into one sentence: capitalised, "; " between, a full stop at the end.
    public static func sentence(_ clauses: [String]) -> String {
        var text = clauses.joined(separator: "; ")
        if let first = text.first { text = first.uppercased() + text.dropFirst() }
        return text + "."
    }
}

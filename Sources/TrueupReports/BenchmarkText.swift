import Trueup

/// A benchmark's names for readers: short in the table, a phrase in a tooltip.
enum BenchmarkText {
    /// "naive" or "seasonal", for the table's `vs` column.
    static func short(_ benchmark: Benchmark) -> String {
        switch benchmark {
        case .naive: return "naive"
        case .seasonalNaive: return "seasonal"
        }
    }

    /// "naive" or "seas.", for the narrow table.
    static func abbreviated(_ benchmark: Benchmark) -> String {
        switch benchmark {
        case .naive: return "naive"
        case .seasonalNaive: return "seas."
        }
    }

    /// "against naive" or "against the same month last year".
    static func against(_ benchmark: Benchmark) -> String {
        switch benchmark {
        case .naive: return "against a naive repeat of past actuals"
        case .seasonalNaive: return "against the same month last year"
        }
    }
}

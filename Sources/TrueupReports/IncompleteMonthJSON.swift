import Trueup

/// run.json's `incomplete_month`: the latest month with actuals, left open because it looked exported part way.
enum IncompleteMonthJSON {
    static func value(_ month: IncompleteMonth?) -> JSONValue {
        guard let month else { return .null }
        return .object([
            ("month", .string(month.month.description)),
            ("rows", .integer(month.rows)),
            ("volume", .number(month.volume)),
            ("median_rows", .number(month.medianRows)),
            ("median_volume", .number(month.medianVolume)),
            ("months_compared", .integer(month.months)),
        ])
    }
}

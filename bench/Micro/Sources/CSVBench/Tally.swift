/// What every reader computes from the same file, so that each does the same work per record:
/// count the records and their fields, add up the byte length of one column, and (with `parse`)
/// parse that column as a Double and add it up. The header record is not counted.
struct Tally: Equatable {
    var rows = 0
    var fields = 0
    var bytes = 0
    var sum = 0.0
}

/// How much each reader does per record.
enum Work: String, CaseIterable {
    /// Count records and fields, add up the byte length of the column.
    case fields
    /// The same, and parse the column with `Double(String)`.
    case parse
    /// TrueupCSV only: parse the column's bytes with trueup's own quantity parser
    /// (`QuantityText`), as `trueup report` does, no String made. Not the same work as
    /// the others', so not compared with them; its sum must equal `parse`'s.
    case number

    /// Whether `reader` can do this work.
    func applies(to reader: String) -> Bool { self != .number || reader == "trueup" }
}

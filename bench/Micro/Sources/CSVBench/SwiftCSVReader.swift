import Foundation
import SwiftCSV

/// SwiftCSV: it parses a String held in memory, so the file is loaded whole first
/// (as its `init(url:)` does, and timed with the rest). Rows are then handed to a
/// closure with `enumerateAsArray`, the README's way for large data, rather than
/// collected into `rows`: the header is parsed on construction (`rowLimit: 0` keeps
/// it from parsing the rest), the body once by `enumerateAsArray`.
func readWithSwiftCSV(path: String, column: Int, work: Work) throws -> Tally {
    let text = try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
    let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
    var tally = Tally()
    try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { row in
        tally.rows += 1
        tally.fields += row.count
        let field = row[column]
        tally.bytes += field.utf8.count
        if work != .fields, let value = Double(field) { tally.sum += value }
    }
    return tally
}

import CSV
import Foundation

/// yaslab/CSV.swift: an InputStream decoded to Unicode scalars, one `[String]` a row.
func readWithYaslabCSV(path: String, column: Int, work: Work) throws -> Tally {
    guard let stream = InputStream(fileAtPath: path) else { throw BenchError("cannot open \(path)") }
    let reader = try CSVReader(stream: stream, hasHeaderRow: true)
    var tally = Tally()
    while let row = reader.next() {
        tally.rows += 1
        tally.fields += row.count
        let field = row[column]
        tally.bytes += field.utf8.count
        if work != .fields, let value = Double(field) { tally.sum += value }
    }
    // On Linux, InputStream.hasBytesAvailable stays true until a read returns 0, so the
    // package reports `cannotReadFile` after the last record of every file. That one is
    // the end of the file; the driver checks that every reader saw the same records.
    if let error = reader.error, !(error is CSVError && "\(error)" == "cannotReadFile") { throw error }
    return tally
}

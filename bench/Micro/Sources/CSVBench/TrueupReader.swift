@_spi(Measurement) import Trueup
import TrueupCSV

/// TrueupCSV's streaming reader: fields are views of its buffer, so for `parse` the
/// column becomes a String only to be parsed, as the other readers' fields already are;
/// `number` parses the bytes as the report does.
func readWithTrueupCSV(path: String, column: Int, work: Work) throws -> Tally {
    var tally = Tally()
    var header = true
    let reader = try CSVReader(path: path)
    try reader.forEachRecord { record in
        if header { header = false; return }
        tally.rows += 1
        tally.fields += record.count
        let field = record.field(column)
        tally.bytes += field.count
        switch work {
        case .fields: break
        case .parse: if let value = Double(field.text) { tally.sum += value }
        case .number: if let value = QuantityText.parse(field, decimalComma: false) { tally.sum += value }
        }
    }
    return tally
}

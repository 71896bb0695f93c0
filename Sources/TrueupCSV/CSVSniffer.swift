/// Guesses a file's delimiter from its first bytes.
///
/// Each candidate (comma, semicolon, tab, pipe) tokenizes up to 50 records of the
/// sample. A candidate that splits the header into one field is out. Among the
/// rest, the one whose records most often have the header's field count wins;
/// on a tie, the one whose records are more often well quoted, then the one with
/// more fields, then the earlier candidate. Well quoted matters when every field
/// is quoted and the quotes hold another candidate (`"id"<TAB>"amount, EUR"`): the wrong
/// delimiter cuts the quoted fields into pieces with quotes in odd places, and
/// can count as consistently as the right one.
public enum CSVSniffer {
    /// How many leading bytes are worth looking at.
    public static let sampleSize = 64 * 1024

    public static func sniff(_ sample: [UInt8], isWholeFile: Bool) -> CSVDialect {
        let sample = UncheckedReadBuffer(copying: sample)
        var best = CSVDialect()
        var bestScore = (consistency: -1.0, wellQuoted: -1.0, fields: 0)
        for delimiter in CSVDialect.candidateDelimiters {
            let dialect = CSVDialect(delimiter: delimiter)
            guard let shapes = recordShapes(sample, dialect: dialect, isWholeFile: isWholeFile),
                  let header = shapes.first?.fields, header > 1 else { continue }
            let matching = shapes.filter { $0.fields == header }.count
            let wellQuoted = shapes.filter { $0.wellQuoted }.count
            let score = (consistency: Double(matching) / Double(shapes.count),
                         wellQuoted: Double(wellQuoted) / Double(shapes.count), fields: header)
            if score > bestScore {
                best = dialect
                bestScore = score
            }
        }
        return best
    }

    /// A record's field count and whether each of its quoted fields is quoted whole.
    private struct Shape {
        var fields: Int
        var wellQuoted: Bool
    }

    private static func recordShapes(_ sample: borrowing UncheckedReadBuffer, dialect: CSVDialect, isWholeFile: Bool) -> [Shape]? {
        guard sample.count > 0 else { return nil }
        var tokenizer = Tokenizer(dialect: dialect)
        var shapes: [Shape] = []
        var position = 0
        while position < sample.count && shapes.count < 50 {
            switch sample.scan(&tokenizer, from: position, atEOF: isWholeFile) {
            case .record(let next, _, _):
                if !tokenizer.lastRecordIsBlank {
                    shapes.append(Shape(fields: tokenizer.spanCount, wellQuoted: isWellQuoted(tokenizer, in: sample)))
                }
                position = next
            case .needMore, .unterminated:
                return shapes.isEmpty ? nil : shapes
            }
        }
        return shapes
    }

    /// Whether every field holding a quote is quoted as RFC 4180 says: it opens
    /// with the quote, doubles the quotes inside, and closes at its last byte.
    private static func isWellQuoted(_ tokenizer: borrowing Tokenizer, in sample: borrowing UncheckedReadBuffer) -> Bool {
        let quote = tokenizer.quote
        for span in tokenizer.fields where span.hasQuote {
            guard sample[span.start] == quote else { return false }
            var i = span.start + 1
            while i < span.end {
                if sample[i] == quote {
                    if i + 1 < span.end && sample[i + 1] == quote { i += 2; continue }
                    if i + 1 < span.end { return false }  // text after the closing quote
                }
                i += 1
            }
        }
        return true
    }
}

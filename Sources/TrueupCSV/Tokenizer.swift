/// The byte state machine that finds one record's fields in a buffer.
///
/// It never copies: it records where each field lies and whether it holds a
/// quote byte (so `CSVRecord.field` knows to unquote it). Ordinary bytes take a
/// fast path through a 256-entry class table. When the buffer ends before the
/// record does, it answers `.needMore` and the caller rescans the record from
/// its start once more bytes are in: records split across reads cost one
/// extra scan of the partial record, and no state survives between calls.
struct Tokenizer {
    enum Outcome {
        /// A whole record: fields are in `spans`; the next record starts at `next`.
        case record(next: Int, contentEnd: Int, newlines: Int)
        /// The buffer ended inside the record and the input goes on.
        case needMore
        /// The input ended inside a quoted field that opened at `quoteAt`.
        case unterminated(quoteAt: Int, newlinesBefore: Int)
    }

    private static let ordinary: UInt8 = 0, delimiterClass: UInt8 = 1, quoteClass: UInt8 = 2, lf: UInt8 = 3, cr: UInt8 = 4
    /// Each byte's class, so that ordinary bytes are skipped with one look-up each.
    private let classes: [UInt8]
    let quote: UInt8
    /// The fields found by the last `.record` outcome.
    private(set) var fields: [FieldSpan] = []

    init(dialect: CSVDialect) {
        var classes = [UInt8](repeating: Self.ordinary, count: 256)
        classes[Int(dialect.delimiter)] = Self.delimiterClass
        classes[Int(dialect.quote)] = Self.quoteClass
        classes[Int(UInt8(ascii: "\n"))] = Self.lf
        classes[Int(UInt8(ascii: "\r"))] = Self.cr
        self.classes = classes
        quote = dialect.quote
        fields.reserveCapacity(16)
    }

    var spanCount: Int { fields.count }

    /// True when the last record was an empty line: one empty, unquoted field.
    var lastRecordIsBlank: Bool {
        fields.count == 1 && fields[0].start == fields[0].end && !fields[0].hasQuote
    }

    /// Scans one record of `bytes[start...]`; `atEOF` says no bytes follow the view's end.
    mutating func scan(_ bytes: UncheckedBytes, from start: Int, atEOF: Bool) -> Outcome {
        fields.removeAll(keepingCapacity: true)
        let classes = self.classes
        return classes.withUncheckedBytes { classes in scan(bytes, from: start, atEOF: atEOF, classes: classes) }
    }

    private mutating func scan(_ p: UncheckedBytes, from start: Int, atEOF: Bool, classes: UncheckedBytes) -> Outcome {
        let end = p.count
        func push(_ start: Int, _ end: Int, _ hasQuote: Bool) {
            fields.append(FieldSpan(start: start, end: end, hasQuote: hasQuote))
        }
        var i = start
        var fieldStart = start
        var hasQuote = false
        var newlines = 0
        let quote = self.quote
        while true {
            while i < end && classes[Int(p[i])] == Self.ordinary { i += 1 }
            if i == end {
                if !atEOF { return .needMore }
                push(fieldStart, end, hasQuote)
                return .record(next: end, contentEnd: end, newlines: newlines)
            }
            switch classes[Int(p[i])] {
            case Self.delimiterClass:
                push(fieldStart, i, hasQuote)
                i += 1
                fieldStart = i
                hasQuote = false
            case Self.quoteClass:
                hasQuote = true
                guard i == fieldStart else { i += 1; continue }  // a quote mid-field is data
                let open = i
                let newlinesBefore = newlines
                i += 1
                while true {
                    while i < end && p[i] != quote {
                        let byte = p[i]
                        if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (i + 1 == end || p[i + 1] != UInt8(ascii: "\n"))) {
                            newlines += 1
                        }
                        i += 1
                    }
                    if i == end {
                        return atEOF ? .unterminated(quoteAt: open, newlinesBefore: newlinesBefore) : .needMore
                    }
                    if i + 1 == end && !atEOF { return .needMore }  // can't tell "" from a closing quote yet
                    if i + 1 < end && p[i + 1] == quote { i += 2; continue }
                    i += 1
                    break
                }
            case Self.lf:
                push(fieldStart, i, hasQuote)
                return .record(next: i + 1, contentEnd: i, newlines: newlines)
            default:  // CR: a line end on its own or as the first half of CRLF
                if i + 1 == end && !atEOF { return .needMore }
                push(fieldStart, i, hasQuote)
                let next = (i + 1 < end && p[i + 1] == UInt8(ascii: "\n")) ? i + 2 : i + 1
                return .record(next: next, contentEnd: i, newlines: newlines)
            }
        }
    }
}

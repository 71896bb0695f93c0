/// The record reader's fast lane: a record of the simplest form, read in one pass over its bytes,
/// each field parsed as its column's kind where it lies.
///
/// A *plain* record is one line, ended by LF or CRLF, with exactly `width` fields, each either
/// unquoted with no quote in it or quoted whole with no quote or line break inside. A column
/// may be read as:
/// - `text`: any such field;
/// - `name`: a non-empty field without spaces or tabs at either end;
/// - `yearMonth`: `YYYY-MM`, or a date `YYYY-MM-DD` whose day exists in its month;
/// - `count`: one or two digits;
/// - `decimal`: an optional minus, digits and one optional decimal mark (`.`, or `,` too with
///   `decimalComma`) with digits after it, 15 digits at most.
///
/// Anything else (a doubled quote, a line break in a field, a time after a date, an exponent,
/// padding around a name, a field count other than `width`) is declined, and the tokenizer reads
/// the record (`CSVReader.records(from:before:firstLine:plain:_:)`). Every record the lane takes,
/// the tokenizer splits into the same fields (`PlainLaneTests`).
public struct PlainLane: Sendable {
    public enum Kind: UInt64, Sendable {
        case text = 0, name = 1, yearMonth = 2, count = 3, decimal = 4
    }

    /// The kind of each column, 4 bits a column (column k at bits 4k..<4k+4).
    @usableFromInline let kinds: UInt64
    public let width: Int
    @usableFromInline let delimiter: UInt8
    @usableFromInline let quote: UInt8
    @usableFromInline let decimalComma: Bool
    /// Whether a record that starts with the bytes of the last one's first two fields (and their
    /// delimiters) is read from its third column (`Fields.repeatsLead`).
    @usableFromInline let remembersLead: Bool

    /// The most columns a lane reads.
    public static let maximumWidth = 16

    /// A lane for records of `kinds.count` columns, or nil for more than `maximumWidth`. Exports list
    /// a customer's and an item's rows together, so most rows start with the same two names; with
    /// `remembersLead` such a row is read from its third column, and its caller knows the names.
    public init?(_ kinds: [Kind], dialect: CSVDialect, decimalComma: Bool, remembersLead: Bool = false) {
        guard !kinds.isEmpty, kinds.count <= Self.maximumWidth else { return nil }
        var packed: UInt64 = 0
        for (column, kind) in kinds.enumerated() { packed |= kind.rawValue << UInt64(4 * column) }
        self.kinds = packed
        width = kinds.count
        delimiter = dialect.delimiter
        quote = dialect.quote
        self.decimalComma = decimalComma
        self.remembersLead = remembersLead && kinds.count > 2
    }

    /// What the lane read from one record; kept by the caller and written over by each read.
    public struct Fields: Sendable {
        /// Where each `text` and `name` column's value starts and ends (inside its quotes): column k's
        /// start in the low and its end in the high 32 bits of the k-th word.
        @usableFromInline var spans = SIMD16<UInt64>()
        /// Bytes taken: the record and its line end.
        public var length = 0
        /// The months of the first and the second `yearMonth` column, as `year * 12 + month - 1`,
        /// with a date's day (1 to 31) above the month's 16 bits (`yearMonth`).
        public var months = (0, 0)
        /// The last `count` column's value.
        public var count = 0
        /// The last `decimal` column: its digits as one integer, how many follow the mark, its sign,
        /// and the mark itself (0 when there is none).
        public var mantissa: UInt64 = 0
        public var fractionDigits = 0
        public var negative = false
        public var mark: UInt8 = 0
        /// Where the third column starts: the first two columns and their delimiters end there.
        public var thirdColumn = 0
        /// Whether the record started with the last record's first two fields, and was read from
        /// its third column: the first two spans are not this record's.
        public var repeatsLead = false
        /// The first two fields of the last record read whole, with their delimiters (`remembersLead`):
        /// eight bytes a word (`UncheckedBytes.word(at:count:)`), the last word's missing bytes zero.
        @usableFromInline var lead = SIMD8<UInt64>()
        /// How many bytes `lead` holds; 0 when there is no record to compare with.
        @usableFromInline var leadCount = 0
        /// The most bytes of a lead remembered.
        @usableFromInline static var leadCapacity: Int { 64 }

        /// Forgets the last record's first fields: the next record is read whole.
        @inlinable public mutating func forgetLead() { leadCount = 0 }

        public init() {}

        /// Whether `bytes` starts with the remembered lead (and goes on after it).
        @inlinable @inline(__always)
        func startsWithLead(_ bytes: UncheckedBytes) -> Bool {
            guard leadCount > 0, bytes.count > leadCount else { return false }
            var i = 0, w = 0
            while i < leadCount {
                guard bytes.word(at: i, count: leadCount - i) == lead[w] else { return false }
                i += 8
                w += 1
            }
            return true
        }

        /// Remembers `bytes` (at most `leadCapacity`) as the lead the next record is compared with.
        @inlinable @inline(__always)
        mutating func rememberLead(_ bytes: UncheckedBytes) {
            var i = 0, w = 0
            while i < bytes.count {
                lead[w] = bytes.word(at: i, count: bytes.count - i)
                i += 8
                w += 1
            }
            leadCount = bytes.count
        }

        /// The span of `text` or `name` column `k`'s value in the last record read (not when it was skipped: `repeatsLead`).
        @inlinable @inline(__always)
        public func span(_ k: Int) -> Range<Int> {
            assert(k >= 0 && k < PlainLane.maximumWidth, "column \(k) is beyond the lane's width")
            let word = spans[k]
            return Int(word & 0xFFFF_FFFF)..<Int(word >> 32)
        }
    }

    /// Reads the plain record at the start of `bytes` into `fields`, from `offset` where column
    /// `firstColumn` begins (0 and 0 for the whole record; a caller that knows the first columns'
    /// bytes repeat the record before skips them), and returns whether it did: not when the record
    /// is not plain or its line end is not in `bytes` (then `fields` holds nothing to use).
    @inlinable @inline(__always)
    public func read(_ bytes: UncheckedBytes, from offset: Int = 0, column firstColumn: Int = 0,
                     into fields: inout Fields) -> Bool {
        let p = bytes, n = bytes.count
        let delimiter = delimiter, quote = quote
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var offset = offset, firstColumn = firstColumn
        // The same first two fields as the record before: read from the third column.
        let repeats = remembersLead && firstColumn == 0 && fields.startsWithLead(bytes)
        if repeats {
            offset = fields.leadCount
            firstColumn = 2
        }
        var months = 0
        var month0 = 0, month1 = 0, count = 0, third = offset
        var mantissa: UInt64 = 0, fractionDigits = 0, negative = false, mark: UInt8 = 0
        var i = offset
        // An empty line is no record: the tokenizer skips it and counts its line.
        if width == 1, i < n, p[i] == lf || p[i] == cr { return false }
        for column in firstColumn..<width {
            let kind = (kinds >> UInt64(4 * column)) & 0xF
            let fieldStart = i
            // A quoted field is read as its value between the quotes (`closingQuote`). No value of a
            // typed column starts with a quote, so each field is read as unquoted first and only one
            // that fails there on a quote is looked at again: a file without quotes pays nothing.
            var closingQuote = -1
            field: while true {
                switch kind {
                case Kind.yearMonth.rawValue:
                    guard let (index, length) = Self.yearMonth(p, at: i) else {
                        if closingQuote < 0, let close = Self.closingQuote(p, at: fieldStart, count: n, quote: quote) {
                            closingQuote = close
                            i = fieldStart + 1
                            continue field
                        }
                        return false
                    }
                    if months == 0 { month0 = index } else { month1 = index }
                    months += 1
                    i += length
                case Kind.count.rawValue:
                    guard i < n, p[i] &- 48 < 10 else {
                        if closingQuote < 0, let close = Self.closingQuote(p, at: fieldStart, count: n, quote: quote) {
                            closingQuote = close
                            i = fieldStart + 1
                            continue field
                        }
                        return false
                    }
                    var value = Int(p[i] &- 48)
                    i += 1
                    if i < n, p[i] &- 48 < 10 {
                        value = value * 10 + Int(p[i] &- 48)
                        i += 1
                    }
                    count = value
                case Kind.decimal.rawValue:
                    negative = false
                    if i < n && p[i] == UInt8(ascii: "-") {
                        negative = true
                        i += 1
                    }
                    mantissa = 0
                    var digits = 0
                    fractionDigits = 0
                    mark = 0
                    while i < n, p[i] &- 48 < 10 {
                        mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                        digits += 1
                        i += 1
                    }
                    if i < n && (p[i] == UInt8(ascii: ".") || (decimalComma && p[i] == UInt8(ascii: ","))) {
                        mark = p[i]
                        i += 1
                        while i < n, p[i] &- 48 < 10 {
                            mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                            fractionDigits += 1
                            i += 1
                        }
                    }
                    guard digits + fractionDigits > 0 else {
                        if closingQuote < 0, let close = Self.closingQuote(p, at: fieldStart, count: n, quote: quote) {
                            closingQuote = close
                            i = fieldStart + 1
                            continue field
                        }
                        return false
                    }
                    guard digits + fractionDigits <= 15 else { return false }
                default:  // text or a name
                    let start = i
                    if closingQuote >= 0 {
                        i = closingQuote
                    } else {
                        while i < n {
                            let byte = p[i]
                            if byte == delimiter || byte == lf || byte == cr || byte == quote { break }
                            i += 1
                        }
                        if i == start, let close = Self.closingQuote(p, at: fieldStart, count: n, quote: quote) {
                            closingQuote = close
                            i = fieldStart + 1
                            continue field
                        }
                    }
                    // An empty or padded name is the tokenizer's, for its reader to trim or reject.
                    if kind == Kind.name.rawValue {
                        guard i > start, !Self.isSpace(p[start]), !Self.isSpace(p[i - 1]) else { return false }
                    }
                    let span = UInt64(truncatingIfNeeded: start) | UInt64(truncatingIfNeeded: i) << 32
                    fields.spans[column] = span
                }
                break
            }
            if closingQuote >= 0 {
                guard i == closingQuote else { return false }
                i += 1
            }
            // The field must end here: at a delimiter, or at the line end after the last column.
            guard i < n else { return false }
            if column + 1 < width {
                guard p[i] == delimiter else { return false }
                i += 1
                if column == 1 { third = i }
            } else if p[i] == lf {
                i += 1
            } else {
                guard p[i] == cr, i + 1 < n, p[i + 1] == lf else { return false }
                i += 2
            }
        }
        fields.length = i
        fields.months = (month0, month1)
        fields.count = count
        fields.mantissa = mantissa
        fields.fractionDigits = fractionDigits
        fields.negative = negative
        fields.mark = mark
        fields.thirdColumn = third
        fields.repeatsLead = repeats
        if remembersLead && !repeats {
            // The next record is compared with these two fields and their delimiters (and quotes).
            if third > 0 && third <= Fields.leadCapacity {
                fields.rememberLead(bytes[0..<third])
            } else {
                fields.leadCount = 0
            }
        }
        return true
    }

    /// Where the quoted field at `p[start]` closes: the index of its closing quote, when it opens
    /// with the quote, closes on this line with no quote doubled inside, and a byte follows it; else nil.
    @inlinable @inline(__always)
    static func closingQuote(_ p: UncheckedBytes, at start: Int, count n: Int, quote: UInt8) -> Int? {
        guard start < n, p[start] == quote else { return nil }
        var j = start + 1
        while j < n {
            let byte = p[j]
            if byte == quote { break }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return nil }
            j += 1
        }
        guard j + 1 < n, p[j + 1] != quote else { return nil }
        return j
    }

    /// `YYYY-MM` (7 bytes) or a date `YYYY-MM-DD` (10 bytes) at `bytes[start]`: the month as
    /// `year * 12 + month - 1`, with a date's day above its 16 bits (every month index is below
    /// 2^16), and the bytes it took; or nil. At least one byte must follow it (its terminator).
    @inlinable @inline(__always)
    static func yearMonth(_ bytes: UncheckedBytes, at start: Int) -> (index: Int, length: Int)? {
        let n = bytes.count - start
        guard n > 7 else { return nil }
        let p = bytes[start..<bytes.count]
        guard p[4] == UInt8(ascii: "-") else { return nil }
        let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
        let m0 = p[5] &- 48, m1 = p[6] &- 48
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10 else { return nil }
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
        let month = Int(m0) * 10 + Int(m1)
        guard month >= 1 && month <= 12 else { return nil }
        let index = year * 12 + month - 1
        guard p[7] == UInt8(ascii: "-") else { return (index, 7) }
        // A date: its day must exist in its month; a time after it is the tokenizer's.
        guard n > 10 else { return nil }
        let d0 = p[8] &- 48, d1 = p[9] &- 48
        guard d0 < 10, d1 < 10 else { return nil }
        let day = Int(d0) * 10 + Int(d1)
        // Every month has 28 days: only a later day needs the month's length.
        guard day >= 1, day <= 28 || day <= Self.days(year: year, month: month) else { return nil }
        return (index | day << 16, 10)
    }

    /// The days of a month of the Gregorian calendar.
    @inlinable
    static func days(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inlinable @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

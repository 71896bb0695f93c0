import TrueupCSV

/// The first two fields of the last row the plain path took, with their delimiters, when they are
/// the customer and the item: exports list a customer's and an item's rows together, so most rows
/// start with the same bytes, and then have the same two names without looking them up.
struct LeadingNames {
    static let capacity = 64
    var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// How many bytes `bytes` holds; 0 when there is no row to compare with.
    var count = 0
    var customerID: Int32 = 0
    var itemID: Int32 = 0
}

/// The fast path for the rows most exports consist of.
///
/// A *plain* row is one line with exactly as many fields as the header, names
/// without padding, the period (and a snapshot) as `YYYY-MM` or a date
/// `YYYY-MM-DD`, the lag as one or two digits and the quantity as an optional
/// minus, digits and an optional decimal point (or, in a semicolon file, a decimal
/// comma), 15 digits at most. Any field may be quoted whole (`"C0001"`), with no
/// quote or line break inside; the line may end in LF or CRLF. Such a row is read
/// in one pass over its bytes, each field parsed where it lies, instead of being
/// split into a record first and its fields parsed one by one. Anything else (an
/// error, a doubled quote, a time after a date, an exponent, padding, a snapshot
/// after its period) is declined before anything is changed, and the general path
/// (`RowParser.parse`) reads it; every row the plain path takes, the general path
/// reads to the same values (`PlainRowTests`).
struct PlainLayout: Sendable {
    /// The role of each column, 4 bits a column (column k at bits 4k..<4k+4).
    let roles: UInt64
    let width: Int
    let delimiter: UInt8
    let quote: UInt8
    /// Whether a `,` is a decimal point too, as `Quantity.parse` reads it in a semicolon file.
    let decimalComma: Bool
    /// Whether the lag is the months from a snapshot column to the period (there is no lag column).
    let lagFromSnapshot: Bool
    /// Whether the first two columns are the customer and the item (in either order), so that a
    /// row that starts with the same bytes as the row before has the same two names.
    let namesLead: Bool

    enum Role {
        static let other: UInt64 = 0, customer: UInt64 = 1, item: UInt64 = 2, period: UInt64 = 3, lag: UInt64 = 4,
                   quantity: UInt64 = 5, snapshot: UInt64 = 6
    }

    /// The layout of `parser`'s rows, or nil when the plain path can't read them: a text encoding
    /// other than UTF-8, or more than 16 columns.
    init?(_ parser: RowParser, dialect: CSVDialect) {
        guard parser.encoding == .utf8, parser.width <= 16 else { return nil }
        // As `RowParser.lagOf`: a lag column wins, and a snapshot column beside it is not read.
        let snapshot = parser.lag < 0 ? parser.snapshot : -1
        var roles: UInt64 = 0
        for (column, role) in [(parser.customer, Role.customer), (parser.item, Role.item), (parser.period, Role.period),
                               (parser.lag, Role.lag), (snapshot, Role.snapshot), (parser.quantity, Role.quantity)] where column >= 0 {
            roles |= role << UInt64(4 * column)
        }
        self.roles = roles
        namesLead = roles & 0xFF == Role.customer | Role.item << 4 || roles & 0xFF == Role.item | Role.customer << 4
        width = parser.width
        delimiter = dialect.delimiter
        quote = dialect.quote
        decimalComma = parser.decimalComma
        lagFromSnapshot = snapshot >= 0
    }
}

extension RowParser {
    /// Reads the plain row at the start of `bytes` into `block` and returns the bytes it took
    /// (through its line end), or returns nil, having changed nothing, for the general path.
    @inline(__always)
    func parsePlain(_ bytes: UnsafeRawBufferPointer, line: Int, layout: PlainLayout, into block: inout ParsedBlock) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        let delimiter = layout.delimiter, quote = layout.quote
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = 0
        var customerStart = 0, customerEnd = 0, itemStart = 0, itemEnd = 0
        var month = 0, snapshot = 0, lagValue = 0, value = 0.0
        // Where the third field starts: the bytes before it are the two names and their delimiters.
        var lead = 0
        var firstColumn = 0
        if layout.namesLead, block.leading.count > 0, n > block.leading.count,
           withUnsafeBytes(of: &block.leading.bytes, { KeyDictionary.equal($0.baseAddress!, base, block.leading.count) }) {
            i = block.leading.count
            firstColumn = 2
        }
        for column in firstColumn..<layout.width {
            let role = (layout.roles >> UInt64(4 * column)) & 0xF
            let fieldStart = i
            // A quoted field is read as its value between the quotes (`closingQuote`). No value
            // starts with a quote, so each field is read as unquoted first and only one that fails
            // there on a quote is looked at again: a file without quotes pays nothing for them.
            var closingQuote = -1
            field: while true {
                switch role {
                case PlainLayout.Role.period, PlainLayout.Role.snapshot:
                    guard let (index, length) = Self.plainMonth(p + i, available: n - i) else {
                        if closingQuote < 0, let close = Self.closingQuote(p, at: fieldStart, count: n, quote: quote) {
                            closingQuote = close
                            i = fieldStart + 1
                            continue field
                        }
                        return nil
                    }
                    if role == PlainLayout.Role.period { month = index } else { snapshot = index }
                    i += length
                case PlainLayout.Role.lag:
                    guard i < n, p[i] &- 48 < 10 else {
                        if closingQuote < 0, let close = Self.closingQuote(p, at: fieldStart, count: n, quote: quote) {
                            closingQuote = close
                            i = fieldStart + 1
                            continue field
                        }
                        return nil
                    }
                    lagValue = Int(p[i] &- 48)
                    i += 1
                    if i < n, p[i] &- 48 < 10 {
                        lagValue = lagValue * 10 + Int(p[i] &- 48)
                        i += 1
                    }
                    guard lagValue <= Panel.maximumLag else { return nil }
                case PlainLayout.Role.quantity:
                    var negative = false
                    if i < n && p[i] == UInt8(ascii: "-") {
                        negative = true
                        i += 1
                    }
                    var mantissa: UInt64 = 0
                    var digits = 0
                    var fractionDigits = 0
                    while i < n, p[i] &- 48 < 10 {
                        mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                        digits += 1
                        i += 1
                    }
                    if i < n && (p[i] == UInt8(ascii: ".") || (layout.decimalComma && p[i] == UInt8(ascii: ","))) {
                        let mark = p[i]
                        i += 1
                        while i < n, p[i] &- 48 < 10 {
                            mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48)
                            fractionDigits += 1
                            i += 1
                        }
                        if layout.decimalComma {
                            // As `DecimalMarks.of`: one point is evidence unless three digits follow it.
                            block.marks.formUnion(mark == UInt8(ascii: ",") ? .comma
                                                  : fractionDigits == 3 ? .point : [.point, .pointEvidence])
                        }
                    }
                    guard digits + fractionDigits > 0 else {
                        if closingQuote < 0, let close = Self.closingQuote(p, at: fieldStart, count: n, quote: quote) {
                            closingQuote = close
                            i = fieldStart + 1
                            continue field
                        }
                        return nil
                    }
                    guard digits + fractionDigits <= 15 else { return nil }
                    value = Quantity.exactDecimal(mantissa, fractionDigits: fractionDigits, negative: negative)
                default:  // a name, or a column trueup doesn't read
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
                    if role != PlainLayout.Role.other {
                        // Empty or padded names go to the general path, which trims or rejects them.
                        guard i > start, !Self.isSpace(p[start]), !Self.isSpace(p[i - 1]) else { return nil }
                        if role == PlainLayout.Role.customer {
                            customerStart = start
                            customerEnd = i
                        } else {
                            itemStart = start
                            itemEnd = i
                        }
                    }
                }
                break
            }
            if closingQuote >= 0 {
                guard i == closingQuote else { return nil }
                i += 1
            }
            // The field must end here: at a delimiter, or at the line end after the last column.
            guard i < n else { return nil }
            if column + 1 < layout.width {
                guard p[i] == delimiter else { return nil }
                i += 1
                if column == 1 { lead = i }
            } else if p[i] == lf {
                i += 1
            } else {
                guard p[i] == cr, i + 1 < n, p[i + 1] == lf else { return nil }
                i += 2
            }
        }
        if layout.lagFromSnapshot {
            // As `RowParser.lagOf`; a snapshot after the period, or too far before it, is the general path's problem.
            lagValue = month - snapshot
            guard lagValue >= 0, lagValue <= Panel.maximumLag else { return nil }
        }
        var customerID = block.leading.customerID, itemID = block.leading.itemID
        if firstColumn != 2 {
            let customerBytes = UnsafeRawBufferPointer(start: p + customerStart, count: customerEnd - customerStart)
            let itemBytes = UnsafeRawBufferPointer(start: p + itemStart, count: itemEnd - itemStart)
            // Names the block has interned were checked when first seen; a new one must be UTF-8.
            let knownCustomer = block.customers.existingID(for: customerBytes)
            if knownCustomer == nil && TextEncoding.firstInvalidUTF8(customerBytes) != nil { return nil }
            let knownItem = block.items.existingID(for: itemBytes)
            if knownItem == nil && TextEncoding.firstInvalidUTF8(itemBytes) != nil { return nil }
            customerID = knownCustomer ?? block.customers.add(customerBytes)
            itemID = knownItem ?? block.items.add(itemBytes)
            // The next row is compared with these two names and their delimiters (and quotes).
            if layout.namesLead && lead <= LeadingNames.capacity {
                withUnsafeMutableBytes(of: &block.leading.bytes) { $0.baseAddress!.copyMemory(from: base, byteCount: lead) }
                block.leading.count = lead
                block.leading.customerID = customerID
                block.leading.itemID = itemID
            } else {
                block.leading.count = 0
            }
        }
        block.rowsRead += 1
        block.rows.append(customer: customerID, item: itemID, month: Int32(month), lag: UInt8(lagValue), value: value,
                          line: Int32(truncatingIfNeeded: line))
        return i
    }

    /// Where the quoted field at `p[start]` closes: the index of its closing quote, when it opens
    /// with the quote, closes on this line with no quote doubled inside, and a byte follows it; else nil.
    @inline(__always)
    static func closingQuote(_ p: UnsafePointer<UInt8>, at start: Int, count n: Int, quote: UInt8) -> Int? {
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

    /// `YYYY-MM` (7 bytes) or a date `YYYY-MM-DD` (10 bytes) at `p`, as `Month.parse` reads them: the
    /// month's index and the bytes it took, or nil. At least one byte must follow it (its terminator).
    @inline(__always)
    static func plainMonth(_ p: UnsafePointer<UInt8>, available n: Int) -> (index: Int, length: Int)? {
        guard n > 7, p[4] == UInt8(ascii: "-") else { return nil }
        let y0 = p[0] &- 48, y1 = p[1] &- 48, y2 = p[2] &- 48, y3 = p[3] &- 48
        let m0 = p[5] &- 48, m1 = p[6] &- 48
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10 else { return nil }
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
        guard let month = Month(year: year, month: Int(m0) * 10 + Int(m1)) else { return nil }
        guard p[7] == UInt8(ascii: "-") else { return (month.index, 7) }
        // A date: its day must exist in its month; a time after it is the general path's.
        guard n > 10 else { return nil }
        let d0 = p[8] &- 48, d1 = p[9] &- 48
        guard d0 < 10, d1 < 10 else { return nil }
        let day = Int(d0) * 10 + Int(d1)
        // Every month has 28 days: only a later day needs the month's length.
        guard day >= 1, day <= 28 || day <= month.dayCount else { return nil }
        return (month.index, 10)
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

import TrueupCSV

/// How the domain reads the rows most exports consist of: through the CSV reader's fast lane.
///
/// A *plain* row is a plain record (`PlainLane`: one line, every field unquoted or quoted whole)
/// with exactly as many fields as the header, names without padding, the period (and a snapshot)
/// as `YYYY-MM` or a date `YYYY-MM-DD`, the lag as one or two digits and the quantity as an
/// optional minus, digits and an optional decimal point (or, in a semicolon file, a decimal
/// comma), 15 digits at most. The lane reads each field where it lies; this side turns the
/// fields into a row of the block. Anything else (an error, a doubled quote, a time after a date,
/// an exponent, padding, a snapshot after its period) is declined before anything is changed,
/// and the general path (`RowParser.parse`) reads it; every row the plain path takes, the
/// general path reads to the same values (`PlainRowTests`).
struct PlainLayout: Sendable {
    let lane: PlainLane
    /// Whether the lag is the months from a snapshot column to the period (there is no lag column).
    let lagFromSnapshot: Bool
    /// Whether the period is the lane's first month (the snapshot, when read, its second).
    let periodFirst: Bool
    let customer: Int
    let item: Int
    /// Whether a `,` is a decimal point too, as `Quantity.parse` reads it in a semicolon file.
    let decimalComma: Bool
    /// What of the lane's period a row keeps: an actual's day with its month (`Panel.latestDays`), a forecast's month alone.
    let keptMonthBits: Int

    /// The layout of `parser`'s rows, or nil when the plain path can't read them: a text encoding
    /// other than UTF-8, or more columns than the lane reads.
    init?(_ parser: RowParser, dialect: CSVDialect) {
        guard parser.encoding == .utf8 else { return nil }
        // As `RowParser.lagOf`: a lag column wins, and a snapshot column beside it is not read.
        let snapshot = parser.lag < 0 ? parser.snapshot : -1
        var kinds = [PlainLane.Kind](repeating: .text, count: parser.width)
        for (column, kind) in [(parser.customer, PlainLane.Kind.name), (parser.item, .name), (parser.period, .yearMonth),
                               (parser.lag, .count), (snapshot, .yearMonth), (parser.quantity, .decimal)] where column >= 0 {
            kinds[column] = kind
        }
        // When the first two columns are the customer and the item (in either order), a row that
        // starts with the same bytes as the row before has the same two names.
        let namesLead = Set([parser.customer, parser.item]) == [0, 1]
        guard let lane = PlainLane(kinds, dialect: dialect, decimalComma: parser.decimalComma, remembersLead: namesLead) else { return nil }
        self.lane = lane
        customer = parser.customer
        item = parser.item
        lagFromSnapshot = snapshot >= 0
        periodFirst = snapshot < 0 || parser.period < snapshot
        decimalComma = parser.decimalComma
        keptMonthBits = parser.kind == .actuals ? ~0 : 0xFFFF
    }
}

extension RowParser {
    /// Takes the plain record the lane read from `bytes` into `block`, or returns false, having
    /// changed nothing, for the general path.
    @inline(__always)
    func takePlain(_ bytes: UncheckedBytes, _ fields: inout PlainLane.Fields, line: Int, layout: PlainLayout,
                   into block: inout ParsedBlock) -> Bool {
        // The lane's months carry a date's day above their 16 bits.
        let firstMonth = fields.months.0, secondMonth = fields.months.1
        let dated = layout.periodFirst ? firstMonth : secondMonth
        let month = dated & 0xFFFF
        guard month >= Self.firstMonthIndex, month <= Self.lastMonthIndex else { return false }
        var lagValue = fields.count
        if layout.lagFromSnapshot {
            let snapshot = (layout.periodFirst ? secondMonth : firstMonth) & 0xFFFF
            guard snapshot >= Self.firstMonthIndex, snapshot <= Self.lastMonthIndex else { return false }
            // As `RowParser.lagOf`; a snapshot after the period, or too far before it, is the general path's problem.
            lagValue = month - snapshot
            guard lagValue >= 0 else { return false }
        }
        guard lagValue <= Panel.maximumLag else { return false }
        // A row that starts with the last plain row's two names has its names (`PlainLane.remembersLead`).
        var customerID = block.leadingIDs.customer, itemID = block.leadingIDs.item
        if !fields.repeatsLead {
            let customerBytes = bytes[fields.span(layout.customer)]
            let itemBytes = bytes[fields.span(layout.item)]
            // Names the block has interned were checked when first seen; a new one must be UTF-8.
            let knownCustomer = block.customers.existingID(for: customerBytes)
            if knownCustomer == nil && TextEncoding.firstInvalidUTF8(customerBytes) != nil { return false }
            let knownItem = block.items.existingID(for: itemBytes)
            if knownItem == nil && TextEncoding.firstInvalidUTF8(itemBytes) != nil { return false }
            customerID = knownCustomer ?? block.customers.add(customerBytes)
            itemID = knownItem ?? block.items.add(itemBytes)
            block.leadingIDs = (customerID, itemID)
        }
        if layout.decimalComma && fields.mark != 0 {
            // As `DecimalMarks.of`: one point is evidence unless three digits follow it.
            block.marks.formUnion(fields.mark == UInt8(ascii: ",") ? .comma
                                  : fields.fractionDigits == 3 ? .point : [.point, .pointEvidence])
        }
        block.rowsRead += 1
        block.rows.append(customer: customerID, item: itemID, month: Int32(truncatingIfNeeded: dated & layout.keptMonthBits),
                          lag: UInt8(lagValue),
                          value: Quantity.exactDecimal(fields.mantissa, fractionDigits: fields.fractionDigits, negative: fields.negative),
                          line: Int32(truncatingIfNeeded: line))
        return true
    }

    /// Reads the plain row at the start of `bytes` into `block` and returns the bytes it took
    /// (through its line end), or returns nil, having changed nothing, for the general path: the
    /// lane and `takePlain` on one row, as the reader runs them (for tests).
    func parsePlain(_ bytes: UncheckedBytes, line: Int, layout: PlainLayout, into block: inout ParsedBlock) -> Int? {
        var fields = PlainLane.Fields()
        guard layout.lane.read(bytes, into: &fields), takePlain(bytes, &fields, line: line, layout: layout, into: &block) else { return nil }
        return fields.length
    }

    /// An actual row's month with its day (0: none) above the month's 16 bits, for the cut-off rule
    /// (`Panel.latestDays`); a forecast row's month alone.
    @inline(__always)
    func datedMonth(_ month: Int, day: Int) -> Int32 {
        Int32(truncatingIfNeeded: kind == .actuals ? month | day << 16 : month)
    }

    /// The months `Month` holds (years 1000 to 4999), as `Month.index`.
    @inline(__always) static var firstMonthIndex: Int { 1000 * 12 }
    @inline(__always) static var lastMonthIndex: Int { 4999 * 12 + 11 }
}

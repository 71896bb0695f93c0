/// Everything the two input files said, dictionary-encoded and columnar.
///
/// A *key* is one (customer, item, month); each gets a dense slot on first
/// sight in either file, and the per-slot arrays hold the summed actual and
/// which lags have a forecast. Forecast rows that parsed are kept as columns
/// (slot, lag, value, line): the join needs them once the window is known.
struct Panel {
    var customers = KeyDictionary()
    var items = KeyDictionary()
    var keys = KeyTable()

    // Per slot.
    var slotKey: [UInt64] = []
    var actual: [Double] = []
    var actualRows: [Int32] = []
    var forecastLags: [UInt64] = []

    // Per forecast row that parsed.
    var rowSlot: [Int32] = []
    var rowLag: [UInt8] = []
    var rowValue: [Double] = []
    var rowLine: [UInt32] = []

    var firstActual: Month?
    var lastClosed: Month?
    var firstMonth: Month?

    /// The largest lag a forecast row may have: lags are bits of a 64-bit mask.
    static let maximumLag = 63
    static let maximumKeys = 1 << 24

    static func pack(customer: Int32, item: Int32, month: Month) -> UInt64 {
        UInt64(customer) << 40 | UInt64(item) << 16 | UInt64(month.index)
    }

    static func customer(of key: UInt64) -> Int32 { Int32(truncatingIfNeeded: key >> 40) }
    static func item(of key: UInt64) -> Int32 { Int32(truncatingIfNeeded: (key >> 16) & 0xFF_FFFF) }
    static func month(of key: UInt64) -> Month { Month(index: Int(key & 0xFFFF)) }

    /// The slot of (customer, item, month), adding it when new.
    mutating func slot(customer: Int32, item: Int32, month: Month) -> Int {
        let (slot, isNew) = keys.insert(Self.pack(customer: customer, item: item, month: month))
        if isNew {
            slotKey.append(Self.pack(customer: customer, item: item, month: month))
            actual.append(0)
            actualRows.append(0)
            forecastLags.append(0)
        }
        return Int(slot)
    }

    /// The summed actual of (customer, item, month); 0 when there is no actual row.
    func actual(customer: Int32, item: Int32, month: Month) -> Double {
        guard let slot = keys.find(Self.pack(customer: customer, item: item, month: month)) else { return 0 }
        return actual[Int(slot)]
    }

    mutating func noteMonth(_ month: Month) {
        if firstMonth.map({ month < $0 }) ?? true { firstMonth = month }
    }
}

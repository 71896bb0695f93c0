/// Everything the two input files said, dictionary-encoded and columnar.
///
/// A *key* is one (customer, item, month); each gets a dense slot on first
/// sight in either file, and the per-slot arrays hold the summed actual and
/// which lags have a forecast. Forecast rows that parsed are kept as columns
/// (slot, lag, value): the join needs them once the window is known.
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

    private var lastSlot = 0

    /// How `actual` and `rowValue` hold quantities: whole units of the inputs' smallest decimal place while exact.
    var scale = QuantityScale()
    /// Σ|units| of every quantity added so far: no sum of quantities can be larger.
    var magnitude = 0.0

    var firstActual: Month?
    var lastClosed: Month?
    var firstMonth: Month?
    /// The latest day of each month's dated actual rows, by `Month.index` (0: no dated row), for
    /// the cut-off rule (`CutOffMonth`); empty until an actual row carries a day.
    var latestDays: [UInt8] = []
    /// The lines of the first few actual rows of the latest month, as the merge saw them (lines of
    /// the file read), for naming a stray month's rows.
    var latestMonthLines: [Int] = []
    /// How many lines `latestMonthLines` keeps.
    static let keptLatestLines = 5

    /// With `--partition`, where each slot was made and each forecast row was read; nil otherwise.
    var positions: PanelPositions?

    /// With `--normalize-keys`, the spelling each normalised code is shown with (empty otherwise).
    var customerSpellings: [Int32: KeySpelling] = [:]
    var itemSpellings: [Int32: KeySpelling] = [:]

    /// The largest lag a forecast row may have: lags are bits of a 64-bit mask.
    static let maximumLag = 63
    static let maximumKeys = 1 << 24

    static func pack(customer: Int32, item: Int32, month: Month) -> UInt64 {
        UInt64(customer) << 40 | UInt64(item) << 16 | UInt64(month.index)
    }

    static func customer(of key: UInt64) -> Int32 { Int32(truncatingIfNeeded: key >> 40) }
    static func item(of key: UInt64) -> Int32 { Int32(truncatingIfNeeded: (key >> 16) & 0xFF_FFFF) }
    static func month(of key: UInt64) -> Month { Month(index: Int(key & 0xFFFF)) }

    /// Makes room for about `keys` more keys without regrowing; with `prefault`, the room's pages
    /// are faulted in on a thread of their own (`Prefault`).
    mutating func reserve(keys count: Int, prefault: Bool = false) {
        keys.reserve(keys.count + count, keys: slotKey)
        slotKey.reserveCapacity(slotKey.count + count)
        actual.reserveCapacity(actual.count + count)
        actualRows.reserveCapacity(actualRows.count + count)
        forecastLags.reserveCapacity(forecastLags.count + count)
        if prefault {
            Prefault.start([slotKey.unusedCapacityPages, actual.unusedCapacityPages, actualRows.unusedCapacityPages,
                            forecastLags.unusedCapacityPages])
        }
    }

    /// Makes room for about `rows` forecast rows without regrowing; with `prefault`, as `reserve(keys:prefault:)`.
    mutating func reserve(forecastRows rows: Int, prefault: Bool = false) {
        rowSlot.reserveCapacity(rowSlot.count + rows)
        rowLag.reserveCapacity(rowLag.count + rows)
        rowValue.reserveCapacity(rowValue.count + rows)
        if prefault { Prefault.start([rowSlot.unusedCapacityPages, rowLag.unusedCapacityPages, rowValue.unusedCapacityPages]) }
    }

    /// The slot of (customer, item, month), adding it when new.
    ///
    /// Forecast exports list the lags of one key on consecutive rows, and list
    /// keys in the order the actuals made their slots, so the last slot found and
    /// the one after it are tried before the hash table.
    mutating func slot(customer: Int32, item: Int32, month: Month) -> Int {
        let key = Self.pack(customer: customer, item: item, month: month)
        if let last = slotKey.indices.last {
            if slotKey[lastSlot] == key { return lastSlot }
            if lastSlot < last && slotKey[lastSlot + 1] == key {
                lastSlot += 1
                return lastSlot
            }
            if slotKey[last] == key { return last }
        }
        let (slot, isNew) = keys.insert(key, keys: slotKey)
        lastSlot = Int(slot)
        if isNew {
            slotKey.append(Self.pack(customer: customer, item: item, month: month))
            actual.append(0)
            actualRows.append(0)
            forecastLags.append(0)
        }
        return Int(slot)
    }

    /// The slot of (customer, item, month), or nil; `near` is a slot to try first.
    ///
    /// Sorted exports create slots in (customer, item, month) order, so the slot
    /// k months back is usually k slots back: checking the guess skips the hash.
    func find(customer: Int32, item: Int32, month: Month, near guess: Int) -> Int? {
        let key = Self.pack(customer: customer, item: item, month: month)
        if guess >= 0 && guess < slotKey.count && slotKey[guess] == key { return guess }
        return keys.find(key, keys: slotKey).map(Int.init)
    }

    /// The summed actual of (customer, item, month); 0 when there is no actual row.
    func actual(customer: Int32, item: Int32, month: Month, near guess: Int) -> Double {
        find(customer: customer, item: item, month: month, near: guess).map { actual[$0] } ?? 0
    }

    mutating func noteMonth(_ month: Month) {
        if firstMonth.map({ month < $0 }) ?? true { firstMonth = month }
    }
}

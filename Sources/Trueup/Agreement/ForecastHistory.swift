/// Every customer's item-months in the window, with the forecast at each lag beside the actual.
///
/// What stability and agreement compliance are computed from: unlike the scored
/// cells (one lag at a time), an entry holds every lag's forecast of one
/// (customer, item, month), so revisions between lags can be read off it.
/// Only customers with a forecast in the window are here. Entries are ordered by
/// customer name, then month, then item name: every sum over them runs in an
/// order the data fixes, not the order of the files' rows.
struct ForecastHistory {
    struct Entry {
        /// The summed actual (0 without an actual row).
        var actual: Double
        /// The lags with a forecast row, as bits.
        var lags: UInt64
        var item: Int32
        /// Where this entry's forecasts start in `values`, one per set bit of `lags`, by lag.
        var first: Int32
        private var monthIndex: Int32
        var hasActual: Bool

        var month: Month { Month(index: Int(monthIndex)) }

        init(month: Month, item: Int32, actual: Double, hasActual: Bool, lags: UInt64, first: Int32) {
            self.actual = actual
            self.lags = lags
            self.item = item
            self.first = first
            monthIndex = Int32(month.index)
            self.hasActual = hasActual
        }
    }

    struct Customer {
        var name: String
        var entries: Range<Int>
        /// Every lag the customer forecasts at in the window, as bits.
        var lags: UInt64
    }

    /// Every entry, read from the panel's slots as it is asked for: the history holds which slot
    /// each entry is and where its forecasts start, not a copy of the slots (a copy was 32 bytes an
    /// entry of memory the system had to clear first, most of the time this history took).
    struct Entries: RandomAccessCollection {
        /// The slot of each entry, in the history's order.
        let order: [Int32]
        /// By slot: where the slot's forecasts start in `values` (-1: not in the history).
        let valueStart: [Int32]
        let slotKey: [UInt64]
        let actual: [Double]
        let actualRows: [Int32]
        let forecastLags: [UInt64]

        var startIndex: Int { 0 }
        var endIndex: Int { order.count }

        subscript(k: Int) -> Entry {
            let slot = Int(order[k])
            let key = slotKey[slot]
            return Entry(month: Panel.month(of: key), item: Panel.item(of: key), actual: actual[slot], hasActual: actualRows[slot] > 0,
                         lags: forecastLags[slot], first: valueStart[slot])
        }
    }

    var customers: [Customer] = []
    var entries = Entries(order: [], valueStart: [], slotKey: [], actual: [], actualRows: [], forecastLags: [])
    /// Forecasts and actuals are in the panel's units (whole units of the inputs' smallest decimal place
    /// while the run is exact): sums of them are exact, and `scale` turns them back into quantities.
    var values: [Double] = []
    var scale: QuantityScale
    /// With `--prices`, each entry's unit price (NaN: the item has no price for the customer); see `price(_:itemNames:)`.
    var prices: [Double]?

    /// The forecast of `entry` at `lag`, or nil when there is no forecast row.
    func forecast(_ entry: Entry, lag: Int) -> Double? {
        let bit = UInt64(1) << UInt64(lag)
        guard entry.lags & bit != 0 else { return nil }
        return values[Int(entry.first) + (entry.lags & (bit - 1)).nonzeroBitCount]
    }

    func customer(named name: String) -> Customer? { customers.first { $0.name == name } }

    /// Lags as a sorted list.
    static func lags(_ mask: UInt64) -> [Int] { (0...Panel.maximumLag).filter { mask & (UInt64(1) << UInt64($0)) != 0 } }

    /// The history of `panel` over `window`, on up to `threads` threads (each with at least `rowsPerThread` forecast rows).
    init(panel: Panel, series: SeriesIndex, window: Window, strategy: HistoryOrder.Strategy = .automatic, threads: Int = 1,
         rowsPerThread: Int = 100_000, leftOut: Set<Month> = []) {
        scale = panel.scale
        let slotCount = panel.slotKey.count
        let order = HistoryOrder.slots(panel: panel, series: series, window: window, strategy: strategy, leftOut: leftOut)
        // Each entry's forecasts sit together, by lag: one value per bit of the slot's lags.
        var valueStart = [Int32](repeating: -1, count: slotCount)
        var valueCount = 0
        for slot in order {
            valueStart[Int(slot)] = Int32(valueCount)
            valueCount += panel.forecastLags[Int(slot)].nonzeroBitCount
        }
        // Each (slot, lag) has one row and one place (a bit of the slot's lags is set by the one
        // forecast row the panel keeps for it): the threads write disjoint places, and every
        // place once, so none is cleared first (the system clears the memory as the threads first
        // touch it, on every thread, instead of on one). The count of places written is checked.
        let parts = max(1, min(threads, panel.rowSlot.count / max(1, rowsPerThread)))
        var written: [Int] = []
        values = [Double](uncheckedCount: valueCount) { values in
            written = UncheckedParallel.map(parts) { p in
                let rows = panel.rowSlot.count
                var count = 0
                for row in (p * rows / parts)..<((p + 1) * rows / parts) {
                    let slot = Int(panel.rowSlot[row])
                    let start = valueStart[slot]
                    guard start >= 0 else { continue }
                    let below = panel.forecastLags[slot] & ((UInt64(1) << UInt64(panel.rowLag[row])) - 1)
                    values[Int(start) + below.nonzeroBitCount] = panel.rowValue[row]
                    count += 1
                }
                return count
            }
        }
        precondition(written.reduce(0, +) == valueCount, "the forecast history wrote \(written.reduce(0, +)) of \(valueCount) forecasts")
        entries = Entries(order: order, valueStart: valueStart, slotKey: panel.slotKey, actual: panel.actual,
                          actualRows: panel.actualRows, forecastLags: panel.forecastLags)
        // Each thread takes a run of the entries and lists the customers it met, with their lags.
        let customerNames = panel.customers.names
        let runs = UncheckedParallel.map(parts) { p in
            var met: [(id: Int32, customer: Customer)] = []
            var lastCustomer: Int32 = -1
            let range = (p * order.count / parts)..<((p + 1) * order.count / parts)
            for k in range {
                let slot = Int(order[k])
                let customer = Panel.customer(of: panel.slotKey[slot])
                if customer != lastCustomer {
                    if !met.isEmpty { met[met.count - 1].customer.entries = met[met.count - 1].customer.entries.lowerBound..<k }
                    met.append((customer, Customer(name: customerNames[Int(customer)], entries: k..<k, lags: 0)))
                    lastCustomer = customer
                }
                met[met.count - 1].customer.lags |= panel.forecastLags[slot]
            }
            if !met.isEmpty {
                met[met.count - 1].customer.entries = met[met.count - 1].customer.entries.lowerBound..<range.upperBound
            }
            return met
        }
        // A customer whose entries a cut between two runs split is one customer (the same id, not
        // merely an equal name: two codes can be equal as Swift strings and differ in bytes).
        var lastID: Int32 = -1
        for run in runs {
            for (id, customer) in run {
                if id == lastID, let last = customers.last {
                    customers[customers.count - 1].entries = last.entries.lowerBound..<customer.entries.upperBound
                    customers[customers.count - 1].lags |= customer.lags
                } else {
                    customers.append(customer)
                }
                lastID = id
            }
        }
    }
}

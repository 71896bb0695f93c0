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
        var month: Month
        var item: Int32
        /// The summed actual (0 without an actual row).
        var actual: Double
        var hasActual: Bool
        /// The lags with a forecast row, as bits.
        var lags: UInt64
        /// Where this entry's forecasts start in `values`, one per set bit of `lags`, by lag.
        var first: Int32
    }

    struct Customer {
        var name: String
        var entries: Range<Int>
        /// Every lag the customer forecasts at in the window, as bits.
        var lags: UInt64
    }

    var customers: [Customer] = []
    var entries: [Entry] = []
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

    init(panel: Panel, window: Window) {
        scale = panel.scale
        let slotCount = panel.slotKey.count
        func inWindow(_ slot: Int) -> Bool {
            let month = Panel.month(of: panel.slotKey[slot])
            return month >= window.first && month <= window.last
        }
        // Forecast rows per slot, by a counting sort.
        var start = [Int32](repeating: 0, count: slotCount + 1)
        for row in panel.rowSlot.indices where inWindow(Int(panel.rowSlot[row])) { start[Int(panel.rowSlot[row]) + 1] += 1 }
        for k in 0..<slotCount { start[k + 1] += start[k] }
        var cursor = start
        var rows = [Int32](repeating: 0, count: Int(start[slotCount]))
        for row in panel.rowSlot.indices where inWindow(Int(panel.rowSlot[row])) {
            let slot = Int(panel.rowSlot[row])
            rows[Int(cursor[slot])] = Int32(row)
            cursor[slot] += 1
        }
        // Customers with a forecast in the window, and the rank of each name.
        var forecasts = [Bool](repeating: false, count: panel.customers.count)
        for slot in 0..<slotCount where start[slot + 1] > start[slot] { forecasts[Int(Panel.customer(of: panel.slotKey[slot]))] = true }
        let customerRank = Self.ranks(panel.customers.names)
        let itemRank = Self.ranks(panel.items.names)
        // Slots of those customers in the window with a forecast or an actual row, in (customer, month, item) order.
        var order: [(key: UInt64, slot: Int32)] = []
        for slot in 0..<slotCount where inWindow(slot) {
            let key = panel.slotKey[slot]
            let customer = Int(Panel.customer(of: key))
            guard forecasts[customer], start[slot + 1] > start[slot] || panel.actualRows[slot] > 0 else { continue }
            let sortKey = UInt64(customerRank[customer]) << 40 | UInt64(Panel.month(of: key).index & 0xFFFF) << 24
                | UInt64(itemRank[Int(Panel.item(of: key))])
            order.append((sortKey, Int32(slot)))
        }
        order.sort { $0.key < $1.key }
        entries.reserveCapacity(order.count)
        values.reserveCapacity(rows.count)
        let customerNames = panel.customers.names
        var lastCustomer: Int32 = -1
        // One buffer for every slot's forecasts, not an array each.
        var byLag: [(lag: UInt8, value: Double)] = []
        byLag.reserveCapacity(Panel.maximumLag + 1)
        for (_, slot32) in order {
            let slot = Int(slot32)
            let key = panel.slotKey[slot]
            let customer = Panel.customer(of: key)
            if customer != lastCustomer {
                if var previous = customers.last {
                    previous.entries = previous.entries.lowerBound..<entries.count
                    customers[customers.count - 1] = previous
                }
                customers.append(Customer(name: customerNames[Int(customer)], entries: entries.count..<entries.count, lags: 0))
                lastCustomer = customer
            }
            byLag.removeAll(keepingCapacity: true)
            for k in Int(start[slot])..<Int(start[slot + 1]) {
                let row = Int(rows[k])
                byLag.append((panel.rowLag[row], panel.rowValue[row]))
            }
            if byLag.count > 1 { byLag.sort { $0.lag < $1.lag } }
            var mask: UInt64 = 0
            let first = Int32(values.count)
            for (lag, value) in byLag {
                mask |= UInt64(1) << UInt64(lag)
                values.append(value)
            }
            customers[customers.count - 1].lags |= mask
            entries.append(Entry(month: Panel.month(of: key), item: Panel.item(of: key), actual: panel.actual[slot],
                                 hasActual: panel.actualRows[slot] > 0, lags: mask, first: first))
        }
        if var last = customers.last {
            last.entries = last.entries.lowerBound..<entries.count
            customers[customers.count - 1] = last
        }
    }

    /// The rank of each name in byte order.
    private static func ranks(_ names: [String]) -> [Int] {
        let sorted = names.indices.sorted { Array(names[$0].utf8).lexicographicallyPrecedes(Array(names[$1].utf8)) }
        var rank = [Int](repeating: 0, count: names.count)
        for (r, k) in sorted.enumerated() { rank[k] = r }
        return rank
    }
}

/// The join audit (METRICS.md, "Coverage"): per customer, what was forecast and bought, what
/// only one side has, and the code in the other file it looks like.
public struct Coverage: Sendable, Equatable {
    public var rows: [CoverageRow]
    /// ΣA over the (customer, item) pairs both forecast (any lag) and bought, ÷ ΣA; nil when ΣA is 0.
    public var matchedActualShare: Double?
    /// ΣF at the report lag over those pairs, ÷ ΣF at the report lag; nil when ΣF is 0.
    public var matchedForecastShare: Double?
    public var lookAlikes: LookAlikes
}

/// One customer's line of coverage.csv.
public struct CoverageRow: Sendable, Equatable {
    /// The code as in the forecasts, or as in the actuals when only they have it.
    public var customer: String
    public var inForecasts: Bool
    public var inActuals: Bool
    public var forecastItems: Int
    public var actualItems: Int
    public var matchedItems: Int
    /// ΣF at the report lag.
    public var forecastUnits: Double
    /// ΣF at the report lag over items this customer never bought in the window.
    public var unboughtForecastUnits: Double
    public var actualUnits: Double
    /// ΣA over items this customer never forecast (at any lag) in the window.
    public var unforecastActualUnits: Double
    /// A code in the other file that is this one under every normalisation; nil when none.
    public var lookAlike: String?
}

/// Codes spelled differently in the two files that are the same under `KeyNormalization.all`.
public struct LookAlikes: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        /// The customer the item belongs to (nil for a pair of customers), as in the forecasts.
        public var customer: String?
        public var inForecasts: String
        public var inActuals: String
    }

    /// One pair per customer code of the forecasts that has a look-alike in the actuals.
    public var customers: [Pair] = []
    /// One pair per (customer, item) of the forecasts whose item code has a look-alike in the actuals.
    public var items: [Pair] = []
    /// The `--normalize-keys` set that joins every pair (including what was already applied).
    public var joinedBy: KeyNormalization = []

    public var isEmpty: Bool { customers.isEmpty && items.isEmpty }
}

extension Coverage {
    /// The audit of `panel` over `window`, with forecast units at `reportLag`; `series` numbers the
    /// panel's (customer, item) pairs; the months `leftOut` (`--allow-gaps`) are not in the window.
    init(panel: Panel, series: SeriesIndex, window: Window, reportLag: Int?, applied: KeyNormalization, leftOut: Set<Month> = []) {
        // Which (customer, item) pairs each file has in the window: one flag per series.
        var pairs = PairPresence(count: series.count)
        // Months left out, by their place in the window; empty when there is none.
        let first = window.first, last = window.last
        let leftOutAt = leftOut.isEmpty ? [] : (0...max(0, last - first)).map { leftOut.contains(first + $0) }
        let hasLeftOut = !leftOutAt.isEmpty
        @inline(__always) func inWindow(_ key: UInt64) -> Bool {
            let month = Panel.month(of: key)
            return month >= first && month <= last && !(hasLeftOut && leftOutAt[month - first])
        }
        for slot in panel.slotKey.indices where inWindow(panel.slotKey[slot]) {
            let pair = Int(series.ofSlot[slot])
            if panel.forecastLags[slot] != 0 { pairs.forecast[pair] = true }
            if panel.actualRows[slot] > 0 { pairs.actual[pair] = true }
        }
        let customerCount = panel.customers.count
        var rows = (0..<customerCount).map { id in
            CoverageRow(customer: panel.customerName(Int32(id)), inForecasts: false, inActuals: false, forecastItems: 0,
                        actualItems: 0, matchedItems: 0, forecastUnits: 0, unboughtForecastUnits: 0, actualUnits: 0,
                        unforecastActualUnits: 0, lookAlike: nil)
        }
        for pair in 0..<series.count {
            let c = Int(series.customer[pair])
            let forecast = pairs.forecast[pair], actual = pairs.actual[pair]
            if forecast { rows[c].inForecasts = true; rows[c].forecastItems += 1 }
            if actual { rows[c].inActuals = true; rows[c].actualItems += 1 }
            if forecast && actual { rows[c].matchedItems += 1 }
        }
        // Units, summed in slot and row order: the order the data fixes.
        for slot in panel.slotKey.indices where panel.actualRows[slot] > 0 && inWindow(panel.slotKey[slot]) {
            let c = Int(Panel.customer(of: panel.slotKey[slot]))
            rows[c].actualUnits += panel.actual[slot]
            if !pairs.forecast[Int(series.ofSlot[slot])] { rows[c].unforecastActualUnits += panel.actual[slot] }
        }
        if let reportLag {
            let lag = UInt8(reportLag)
            for row in panel.rowSlot.indices where panel.rowLag[row] == lag {
                let slot = Int(panel.rowSlot[row])
                let key = panel.slotKey[slot]
                guard inWindow(key) else { continue }
                let c = Int(Panel.customer(of: key))
                rows[c].forecastUnits += panel.rowValue[row]
                if !pairs.actual[Int(series.ofSlot[slot])] { rows[c].unboughtForecastUnits += panel.rowValue[row] }
            }
        }
        // The panel holds quantities as units of its scale; sums leave it as quantities.
        let scale = panel.scale
        for c in rows.indices {
            rows[c].forecastUnits = scale.reported(units: rows[c].forecastUnits)
            rows[c].unboughtForecastUnits = scale.reported(units: rows[c].unboughtForecastUnits)
            rows[c].actualUnits = scale.reported(units: rows[c].actualUnits)
            rows[c].unforecastActualUnits = scale.reported(units: rows[c].unforecastActualUnits)
        }
        lookAlikes = LookAlikes(panel: panel, series: series, pairs: pairs, rows: &rows, applied: applied)
        let listed = rows.filter { $0.inForecasts || $0.inActuals }
        self.rows = listed.sorted { $0.customer.precedesInByteOrder($1.customer) }
        let actual = listed.reduce(0.0) { $0 + $1.actualUnits }
        let unforecast = listed.reduce(0.0) { $0 + $1.unforecastActualUnits }
        let forecast = listed.reduce(0.0) { $0 + $1.forecastUnits }
        let unbought = listed.reduce(0.0) { $0 + $1.unboughtForecastUnits }
        matchedActualShare = actual != 0 ? (actual - unforecast) / actual : nil
        matchedForecastShare = forecast != 0 ? (forecast - unbought) / forecast : nil
    }
}

/// Whether each (customer, item) series has a forecast row, and an actual row, in the window.
struct PairPresence {
    var forecast: [Bool]
    var actual: [Bool]

    init(count: Int) {
        forecast = [Bool](repeating: false, count: count)
        actual = forecast
    }
}

extension LookAlikes {
    /// Finds the look-alike customers and items among the panel's codes in the window, and writes
    /// each customer's look-alike into `rows` (indexed by customer id).
    init(panel: Panel, series: SeriesIndex, pairs: PairPresence, rows: inout [CoverageRow], applied: KeyNormalization) {
        let all = KeyNormalization.all
        // Customers: by normalised code, the ids seen in each file, in id order.
        var customerCode = [Int](repeating: -1, count: rows.count)
        var byCode: [String: Int] = [:]
        var groups: [(forecasts: [Int], actuals: [Int])] = []
        for (id, row) in rows.enumerated() where row.inForecasts || row.inActuals {
            let code = all.apply(row.customer)
            let group = byCode[code] ?? groups.count
            if group == groups.count { byCode[code] = group; groups.append(([], [])) }
            customerCode[id] = group
            if row.inForecasts { groups[group].forecasts.append(id) }
            if row.inActuals { groups[group].actuals.append(id) }
        }
        var joinedBy = applied
        for ids in groups {
            for f in ids.forecasts {
                if let a = ids.actuals.first(where: { $0 != f }) {
                    customers.append(Pair(customer: nil, inForecasts: rows[f].customer, inActuals: rows[a].customer))
                    rows[f].lookAlike = rows[a].customer
                    joinedBy.formUnion(KeyNormalization.joining(rows[f].customer, rows[a].customer) ?? all)
                }
            }
            for a in ids.actuals where rows[a].lookAlike == nil {
                if let f = ids.forecasts.first(where: { $0 != a }) { rows[a].lookAlike = rows[f].customer }
            }
        }
        // Items: within one normalised customer, item codes that differ but normalise alike. Only an
        // item whose normalised code another item shares can be one, so the pairs of the others are skipped.
        var itemCode = [Int](repeating: -1, count: panel.items.count)
        var itemCodes: [String: Int] = [:]
        var spellings: [Int] = []
        for i in itemCode.indices {
            let code = all.apply(panel.itemName(Int32(i)))
            let group = itemCodes[code] ?? spellings.count
            if group == spellings.count { itemCodes[code] = group; spellings.append(0) }
            itemCode[i] = group
            spellings[group] += 1
        }
        var candidates: [Int] = []
        for pair in 0..<series.count where spellings[itemCode[Int(series.item[pair])]] > 1
            && (pairs.forecast[pair] || pairs.actual[pair]) {
            candidates.append(pair)
        }
        candidates.sort { (series.customer[$0], series.item[$0]) < (series.customer[$1], series.item[$1]) }
        var itemsByCode: [UInt64: Int] = [:]
        var itemGroups: [(forecasts: [(c: Int, i: Int)], actuals: [(c: Int, i: Int)])] = []
        for pair in candidates {
            let c = Int(series.customer[pair]), i = Int(series.item[pair])
            let code = UInt64(customerCode[c]) << 32 | UInt64(itemCode[i])
            let group = itemsByCode[code] ?? itemGroups.count
            if group == itemGroups.count { itemsByCode[code] = group; itemGroups.append(([], [])) }
            if pairs.forecast[pair] { itemGroups[group].forecasts.append((c, i)) }
            if pairs.actual[pair] { itemGroups[group].actuals.append((c, i)) }
        }
        for ids in itemGroups {
            for f in ids.forecasts {
                guard let a = ids.actuals.first(where: { $0.i != f.i }) else { continue }
                let forecastItem = panel.itemName(Int32(f.i)), actualItem = panel.itemName(Int32(a.i))
                items.append(Pair(customer: rows[f.c].customer, inForecasts: forecastItem, inActuals: actualItem))
                joinedBy.formUnion(KeyNormalization.joining(forecastItem, actualItem) ?? all)
            }
        }
        self.joinedBy = joinedBy
    }
}

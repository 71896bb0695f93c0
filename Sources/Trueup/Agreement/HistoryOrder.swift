/// The order of the forecast history's entries: the window's slots of the customers
/// with a forecast in it, by customer name, then month, then item name.
///
/// Two ways to the same order. When the window's (series, month) grid is not much
/// larger than the slots, each slot is dropped into its grid cell and the grid is
/// read out customer by customer, month by month, series by series: no sort of the
/// slots at all. Otherwise (a long window of short-lived series) each slot's place
/// is one number, (customer rank · months + month) · items + item rank, and the
/// numbers are radix-sorted.
enum HistoryOrder {
    enum Strategy { case automatic, grid, radix }

    /// The months `leftOut` (`--allow-gaps`) are not in the window.
    static func slots(panel: Panel, series: SeriesIndex, window: Window, strategy: Strategy = .automatic,
                      leftOut: Set<Month> = []) -> [Int32] {
        let slotCount = panel.slotKey.count
        let months = max(0, window.last - window.first + 1)
        let hasLeftOut = !leftOut.isEmpty
        func monthOffset(_ key: UInt64) -> Int? {
            let month = Panel.month(of: key)
            if hasLeftOut && leftOut.contains(month) { return nil }
            return month >= window.first && month <= window.last ? month - window.first : nil
        }
        // The customers with a forecast in the window.
        var forecasts = [Bool](repeating: false, count: panel.customers.count)
        for slot in 0..<slotCount where panel.forecastLags[slot] != 0 && monthOffset(panel.slotKey[slot]) != nil {
            forecasts[Int(Panel.customer(of: panel.slotKey[slot]))] = true
        }
        func listed(_ slot: Int) -> Int? {
            let key = panel.slotKey[slot]
            guard forecasts[Int(Panel.customer(of: key))], panel.forecastLags[slot] != 0 || panel.actualRows[slot] > 0 else { return nil }
            return monthOffset(key)
        }
        let customerRank = ranks(panel.customers.names)
        let itemRank = ranks(panel.items.names)
        let useGrid = switch strategy {
        case .automatic: series.count * months <= 2 * slotCount + (1 << 20)
        case .grid: true
        case .radix: false
        }
        if useGrid {
            var grid = [Int32](repeating: -1, count: series.count * months)
            for slot in 0..<slotCount {
                guard let month = listed(slot) else { continue }
                grid[Int(series.ofSlot[slot]) * months + month] = Int32(slot)
            }
            // The series of the listed customers, by customer rank, then item rank.
            func rank(_ s: Int) -> Int { customerRank[Int(series.customer[s])] << 24 | itemRank[Int(series.item[s])] }
            let ordered = (0..<series.count).filter { forecasts[Int(series.customer[$0])] }.sorted { rank($0) < rank($1) }
            var order: [Int32] = []
            order.reserveCapacity(slotCount)
            var start = 0
            while start < ordered.count {
                let customer = series.customer[ordered[start]]
                var end = start
                while end < ordered.count && series.customer[ordered[end]] == customer { end += 1 }
                for month in 0..<months {
                    for s in ordered[start..<end] where grid[s * months + month] >= 0 { order.append(grid[s * months + month]) }
                }
                start = end
            }
            return order
        }
        // Ranks and items are below 2^24 and months below 2^16, so the place fits in 64 bits.
        let itemCount = UInt64(max(1, itemRank.count))
        var keyed: [(key: UInt64, slot: Int32)] = []
        keyed.reserveCapacity(slotCount)
        for slot in 0..<slotCount {
            guard let month = listed(slot) else { continue }
            let key = panel.slotKey[slot]
            let place = (UInt64(customerRank[Int(Panel.customer(of: key))]) * UInt64(months) + UInt64(month)) * itemCount
                + UInt64(itemRank[Int(Panel.item(of: key))])
            keyed.append((place, Int32(slot)))
        }
        RadixSort.sort(&keyed)
        return keyed.map(\.slot)
    }

    /// The rank of each name in byte order.
    static func ranks(_ names: [String]) -> [Int] {
        let sorted = names.indices.sorted { names[$0].precedesInByteOrder(names[$1]) }
        var rank = [Int](repeating: 0, count: names.count)
        for (r, k) in sorted.enumerated() { rank[k] = r }
        return rank
    }
}

/// How a parsed block's rows enter the panel, in file order, on the merging thread.
extension Panel {
    /// Adds the actual rows `rows` of `block`: each one's value is summed into its key's slot.
    mutating func addActuals(_ rows: Range<Int>, of block: Ingest.MergeBlock) {
        guard !rows.isEmpty else { return }
        var first = firstActual?.index ?? .max
        var last = lastClosed?.index ?? .min
        for r in rows {
            // An actual row's month carries its day above the month's 16 bits (`RowParser.datedMonth`).
            let dated = Int(block.month[r])
            let month = dated & 0xFFFF
            let slot = slot(customer: block.customers[Int(block.customer[r])], item: block.items[Int(block.item[r])],
                            month: Month(index: month))
            if positions != nil { notePosition(slot: slot, side: 0, line: block.line[r] + block.lineShift) }
            let units = units(block.value[r])
            actual[slot] += units
            actualRows[slot] += 1
            first = min(first, month)
            if month >= last {
                if month > last {
                    last = month
                    latestMonthLines.removeAll(keepingCapacity: true)
                }
                if latestMonthLines.count < Self.keptLatestLines { latestMonthLines.append(Int(block.line[r] + block.lineShift)) }
            }
            let day = UInt8(truncatingIfNeeded: dated >> 16)
            if day != 0 { noteDay(day, month: month) }
        }
        firstActual = Month(index: first)
        lastClosed = Month(index: last)
        noteMonth(Month(index: first))
    }

    /// Notes where a slot was made, when it is new (`--partition`: the merge puts the slots of
    /// every partition back in the order one run makes them).
    @inline(__always)
    private mutating func notePosition(slot: Int, side: UInt64, line: Int32) {
        if slot == positions?.slot.count { positions?.slot.append(PanelPositions.position(side: side, line: line)) }
    }

    /// Keeps `day` as `month`'s latest day when it is later than the one kept.
    @inline(__always)
    private mutating func noteDay(_ day: UInt8, month: Int) {
        if latestDays.isEmpty { latestDays = [UInt8](repeating: 0, count: Month.indexLimit) }
        if day > latestDays[month] { latestDays[month] = day }
    }

    /// Adds the forecast rows `rows` of `block` as forecast rows of the panel, except those
    /// whose key already has a forecast at their lag: those are returned, in order, with their
    /// slot, for the caller to report as duplicates.
    mutating func addForecasts(_ rows: Range<Int>, of block: Ingest.MergeBlock) -> [(row: Int, slot: Int)] {
        guard !rows.isEmpty else { return [] }
        var duplicates: [(row: Int, slot: Int)] = []
        var first = firstMonth?.index ?? .max
        var kept = rows.lowerBound  // rows before this one are added or duplicates
        let firstValue = rowValue.count
        func keep(_ range: Range<Int>) {
            rowLag.append(contentsOf: block.lag[range])
            rowValue.append(contentsOf: block.value[range])
        }
        for r in rows {
            let month = Int(block.month[r])
            let slot = slot(customer: block.customers[Int(block.customer[r])], item: block.items[Int(block.item[r])],
                            month: Month(index: month))
            if positions != nil { notePosition(slot: slot, side: 1, line: block.line[r] + block.lineShift) }
            let bit = UInt64(1) << UInt64(block.lag[r])
            if forecastLags[slot] & bit != 0 {
                keep(kept..<r)
                kept = r + 1
                duplicates.append((r, slot))
                continue
            }
            forecastLags[slot] |= bit
            rowSlot.append(Int32(slot))
            positions?.row.append(PanelPositions.position(side: 1, line: block.line[r] + block.lineShift))
            first = min(first, month)
        }
        keep(kept..<rows.upperBound)
        convertForecastValues(from: firstValue)
        if first != .max { firstMonth = Month(index: first) }
        return duplicates
    }
}

/// How many actual rows each month has, from the first month with actuals to the latest.
///
/// The evidence behind the rules of METRICS.md "Data that can't be right" that look at the
/// months themselves: gap months (a month with no actual row at all) and stray months (a last
/// month far after the others, with almost no rows).
struct ActualMonths {
    /// The first month with an actual row.
    let first: Month
    /// `rows[k]`: the actual rows of month `first + k`, up to the latest month with actuals.
    private(set) var rows: [Int]
    /// `volume[k]`: Σ|A| of month `first + k` over its (customer, item) actuals, each the sum of its
    /// rows, in the panel's units; summed in slot order.
    private(set) var volume: [Double]

    init(_ panel: Panel, first: Month, latest: Month) {
        self.first = first
        let count = max(0, latest - first) + 1
        var rows = [Int](repeating: 0, count: count)
        var volume = [Double](repeating: 0, count: count)
        // One pass over every slot of the panel, through unchecked columns (the pass the incomplete-month rule took before).
        rows.withUncheckedMutableColumn { rows in volume.withUncheckedMutableColumn { volume in
        panel.slotKey.withUncheckedColumn { keys in panel.actualRows.withUncheckedColumn { actualRows in
        panel.actual.withUncheckedColumn { actual in
            for slot in 0..<keys.count where actualRows[slot] > 0 {
                let k = Panel.month(of: keys[slot]) - first
                guard k >= 0 && k < count else { continue }
                rows[k] += Int(actualRows[slot])
                volume[k] += abs(actual[slot])
            }
        }}}}}
        self.rows = rows
        self.volume = volume
    }

    /// The actual rows of `month` (0 outside the months counted).
    func rows(in month: Month) -> Int {
        let k = month - first
        return k >= 0 && k < rows.count ? rows[k] : 0
    }

    /// The volume of `month` in the panel's units (0 outside the months counted).
    func volume(in month: Month) -> Double {
        let k = month - first
        return k >= 0 && k < volume.count ? volume[k] : 0
    }

    /// The months from the first month with actuals through `last` with no actual row, in order.
    func gaps(through last: Month) -> [Month] {
        guard last >= first else { return [] }
        return (0...(last - first)).compactMap { k in rows(in: first + k) == 0 ? first + k : nil }
    }

    /// The latest month with a row before `month`, or nil when there is none.
    func monthWithRows(before month: Month) -> Month? {
        var k = min(month - first, rows.count) - 1
        while k >= 0 {
            if rows[k] > 0 { return first + k }
            k -= 1
        }
        return nil
    }

    /// The stray months at the end of the actuals, latest first: each a last month with rows under
    /// `StrayMonth.share` of the median row count of the months with rows before it, and more
    /// than one month after the month before it with rows. Once a month is found stray, the month
    /// before it with rows is judged the same way.
    func strayMonths(latest: Month) -> [StrayMonth] {
        var found: [StrayMonth] = []
        var month = latest
        while let previous = monthWithRows(before: month), month - previous > 1 {
            let before = (0...(previous - first)).map { rows(in: first + $0) }.filter { $0 > 0 }.map(Double.init)
            let medianRows = ClosedPeriods.median(before)
            let count = rows(in: month)
            guard Double(count) < medianRows * StrayMonth.share else { break }
            found.append(StrayMonth(month: month, rows: count, medianRows: medianRows, previous: previous))
            month = previous
        }
        return found
    }
}

/// A last month of the actuals that is a stray or mistyped date, not a closed period
/// (METRICS.md "Data that can't be right", stray months).
///
/// Its rows are under 1% of the median row count of the months with rows before it, and it is
/// more than one month after the month before it with rows. Its rows are counted as open in the
/// row accounting, like the rows of any month after the last closed period.
public struct StrayMonth: Sendable, Equatable {
    public var month: Month
    public var rows: Int
    /// The median row count of the months with rows before it.
    public var medianRows: Double
    /// The month before it with rows.
    public var previous: Month

    /// A month's rows under this share of the median month's are few enough to be a stray.
    static let share = 0.01
}

/// Where one input row is: its file and line (or, for a workbook, the row's reference).
public struct RowPlace: Sendable, Equatable, CustomStringConvertible, Codable {
    public var file: String
    public var line: Int
    /// A workbook row's reference (`Sheet1!7:7`), shown instead of the line.
    public var reference: String?

    public init(file: String, line: Int, reference: String? = nil) {
        self.file = file
        self.line = line
        self.reference = reference
    }

    /// `file:line`, or `file (reference)` for a workbook row.
    public var description: String { reference.map { "\(file) (\($0))" } ?? "\(file):\(line)" }
}

/// The second stage of a run: the window, its periods and series, where every row went, and the
/// figures of any grouping of the cells.
///
/// Every figure is computed here (through `GroupFigures`), never by a writer. `figures(by:lagMask:)`
/// may be asked several times of one scoring, for one grouping after another, without reading
/// the files again.
struct Scoring {
    let panel: Panel
    let window: Window
    let lastClosed: Month
    let firstActual: Month
    let accounting: RowAccounting
    /// Every lag with a forecast in the window.
    let lags: [Int]
    let threads: Int
    private let join: Join
    private let presence: Join.Presence
    private let series: SeriesIndex
    /// Each series' price and cost, with `--prices`.
    private let prices: SeriesPrices?

    init(_ intake: Intake, from: Month?, to: Month?, threads: Int, actualsPath: String) throws(ReportError) {
        let panel = intake.panel
        guard let lastClosed = panel.lastClosed, let firstActual = panel.firstActual, let firstMonth = panel.firstMonth else {
            throw .input(.noActuals(path: actualsPath))
        }
        let window = Window(first: from ?? firstMonth, last: min(to ?? lastClosed, lastClosed))
        guard window.first <= window.last else {
            throw .emptyWindow(from: window.first, to: to ?? lastClosed, lastClosed: lastClosed)
        }
        let join = Join(panel: panel, window: window, lastClosed: lastClosed, firstActual: firstActual)
        // The series don't depend on the presence: with two threads or more both are worked out at once.
        var presence = Join.Presence()
        var series = SeriesIndex(ofSlot: [], customer: [], item: [], totalVariation: [], pairs: 0)
        inParallel(threads > 1 ? 2 : 1) { part in
            if part == 0 { presence = join.presence(threads: threads) }
            if part == 1 || threads == 1 { series = join.series() }
        }
        var accounting = RowAccounting()
        accounting.forecasts = presence.forecasts
        accounting.forecasts.read = intake.forecasts.rowsRead
        accounting.forecasts.rejected = intake.forecasts.rowsRejected
        accounting.actuals = join.actualAccounting(presence)
        accounting.actuals.read = intake.actuals.rowsRead
        accounting.actuals.rejected = intake.actuals.rowsRejected

        let allLags = presence.lags.reduce(UInt64(0), |)
        self.panel = panel
        self.window = window
        self.lastClosed = lastClosed
        self.firstActual = firstActual
        self.accounting = accounting
        self.lags = (0...Panel.maximumLag).filter { allLags & (UInt64(1) << UInt64($0)) != 0 }
        self.threads = threads
        self.join = join
        self.presence = presence
        self.series = series
        prices = intake.prices.map { SeriesPrices($0, series: series, panel: panel) }
    }

    /// The mask of `lag`, or of every lag present when nil; throws when `lag` has no forecast.
    func lagMask(_ lag: Int?) throws(ReportError) -> UInt64 {
        guard let lag else { return lags.reduce(UInt64(0)) { $0 | UInt64(1) << UInt64($1) } }
        guard lags.contains(lag) else { throw .lagNotFound(lag: lag, available: lags) }
        return UInt64(1) << UInt64(lag)
    }

    /// The figures of every group of `grouping` at the lags of `lagMask`, sorted by the group key
    /// (byte order of the names), then lag. With `customer`, only that customer's groups.
    func figures(by grouping: Grouping, lagMask: UInt64, customer: String? = nil,
                 stopwatch: inout Stopwatch) -> (rows: [MetricsRow], unpriced: Unpriced?) {
        var only: Int32?
        if let customer {
            guard let id = panel.customers.existingID(customer) else { return ([], nil) }
            only = id
        }
        let cells = join.cells(presence, series: series, grouping: grouping, lagMask: lagMask, threads: threads, customer: only)
        stopwatch.lap("join")
        var groupFigures = GroupFigures(cells: cells, panel: panel, series: series, firstActual: firstActual, itemCount: panel.items.count)
        groupFigures.prices = prices
        let computed = groupFigures.compute(threads: threads)
            .map { (group: $0.group, lag: cells.lags[$0.lag], sums: $0.sums) }
        let rows = Self.orderedRows(computed, grouping: grouping, panel: panel, series: series, seriesOfGroup: cells.seriesOfGroup)
        return (rows, prices.map { Unpriced(cells: cells, panel: panel, series: series, prices: $0) })
    }

    /// Rows sorted by the group key (byte order of the names), then lag.
    private static func orderedRows(_ computed: [(group: Int, lag: Int, sums: CellSums)], grouping: Grouping,
                                    panel: Panel, series: SeriesIndex, seriesOfGroup: [Int32]?) -> [MetricsRow] {
        let customers = panel.customers.names
        let items = panel.items.names
        func key(_ group: Int) -> (customer: String?, item: String?) {
            switch grouping {
            case .customer: return (customers[group], nil)
            case .item: return (nil, items[group])
            case .customerItem:
                let s = Int(seriesOfGroup?[group] ?? Int32(group))
                return (customers[Int(series.customer[s])], items[Int(series.item[s])])
            }
        }
        let scale = panel.scale
        let rows = computed.map { entry -> MetricsRow in
            let (customer, item) = key(entry.group)
            return MetricsRow(customer: customer, item: item, lag: entry.lag, figures: Figures(entry.sums, scale: scale),
                              absoluteError: scale.quantity(units: entry.sums.sumAbsoluteError),
                              periods: entry.sums.periodTotals.map { $0.inQuantities(scale) })
        }
        return rows.sorted { a, b in
            let ka = [Array((a.customer ?? "").utf8), Array((a.item ?? "").utf8)]
            let kb = [Array((b.customer ?? "").utf8), Array((b.item ?? "").utf8)]
            if ka[0] != kb[0] { return ka[0].lexicographicallyPrecedes(kb[0]) }
            if ka[1] != kb[1] { return ka[1].lexicographicallyPrecedes(kb[1]) }
            return a.lag < b.lag
        }
    }
}

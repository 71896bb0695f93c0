import TrueupSystem

/// `trueup report`: two files in, every group's figures out.
public enum Report {
    public static func run(_ request: ReportRequest) throws(ReportError) -> ReportResult {
        try scored(request).result
    }

    /// Reads the actuals, then the forecasts. A semicolon file read straight whose quantities intake
    /// would read otherwise (`DecimalMarks`: rare, and only known once it is read) is read again
    /// through intake, and the sides from the start, so that the panel is built once.
    static func readSides(_ request: ReportRequest, files: InputFiles, stopwatch: inout Stopwatch)
        throws(InputError) -> (ingest: Ingest, actuals: InputFile, forecasts: InputFile) {
        var throughIntake: Set<RowParser.Kind> = []
        while true {
            var ingest = Ingest(overrides: request.columns, keepAllProblems: request.skipBadRows, threads: request.threads,
                                blockSize: request.readBlockSize, encoding: request.encoding, progress: request.progress, files: files)
            ingest.normalization = request.normalizeKeys
            if let partition = request.partition {
                ingest.partition = PartitionFilter(partition, byItem: request.grouping == .item)
                ingest.partition?.givenOwnRows = request.givenOwnRows
            }
            var actualsSide = request.side(.actuals), forecastsSide = request.side(.forecasts)
            actualsSide.throughIntake = throughIntake.contains(.actuals)
            forecastsSide.throughIntake = throughIntake.contains(.forecasts)
            let read: InputFile?
            do throws(InputError) {
                read = try ingest.readSide(actualsSide)
            } catch .missingColumns(let file, let line, let missing, let header, let hint) {
                let actualsError = InputError.missingColumns(file: file, line: line, missing: missing, header: header, hint: hint)
                // When the forecasts lack columns too, one message says so for both: their headers tell, not their rows.
                if let forecastsError = forecastsSide.headerError(files: files), case .missingColumns = forecastsError {
                    throw .missingColumnsInBoth(forecasts: forecastsError, actuals: actualsError)
                }
                throw actualsError
            }
            guard let actuals = read else {
                throughIntake.insert(.actuals)
                stopwatch.lap("straight read discarded")
                continue
            }
            stopwatch.lap("read actuals")
            guard let forecasts = try ingest.readSide(forecastsSide) else {
                throughIntake.insert(.forecasts)
                stopwatch.lap("straight read discarded")
                continue
            }
            stopwatch.lap("read forecasts")
            return (ingest, actuals, forecasts)
        }
    }

    /// The run, and the panel it scored: another grouping of the same files is scored from that.
    static func scored(_ request: ReportRequest) throws(ReportError) -> (result: ReportResult, panel: ScoredPanel) {
        try score(read(request), request)
    }

    /// Reads the book a request names (with `--partition`, only the partition's groups).
    static func read(_ request: ReportRequest) throws(ReportError) -> ReadBook {
        // Files are checked before anything is read: a FIFO or a device named as a file is refused
        // (a folder is read as its files, `-` as standard input).
        // Each plain file is opened here, once, and read through that descriptor to the end of the run.
        let files = InputFiles()
        for path in request.forecastInputs + request.actualInputs where path != "-" && !SideSource.isFolder(path) {
            do {
                _ = try files.open(path)
            } catch {
                throw .input(error)
            }
        }
        // A plain file is hashed from the start, in the time the work below leaves idle; other
        // sources are hashed as intake reads them.
        func digest(_ arguments: [String]) -> FileDigest? {
            guard request.hashesInputs, arguments.count == 1, let path = arguments.first, path != "-",
                  !SideSource.isWorkbook(path), !SideSource.isFolder(path), let source = try? files.open(path) else { return nil }
            return FileDigest(source)
        }
        // Read first: a small file, and a bad price stops the run before the large files are read.
        let priceList: PriceList?
        do {
            priceList = try request.prices.map { path throws(PriceError) in
                try PriceList.read(path: path, overrides: request.columns, encoding: request.encoding)
            }
        } catch {
            throw .prices(error)
        }
        // A --columns name no header has is found before any row is read, from every source's header;
        // when a header can't be found before the read (the read says why), once the sides are read, below.
        if !request.columns.isEmpty, let forecastsHeaders = request.side(.forecasts).sourceHeaders(files: files),
           let actualsHeaders = request.side(.actuals).sourceHeaders(files: files) {
            try checkOverrides(request.columns,
                               headers: (forecastsHeaders + actualsHeaders).flatMap(\.header.fields) + (priceList?.columns?.header ?? []))
        }
        let digests = (forecasts: digest(request.forecastInputs), actuals: digest(request.actualInputs))
        var stopwatch = Stopwatch()
        let ingest: Ingest
        let actuals: InputFile
        let forecasts: InputFile
        do {
            (ingest, actuals, forecasts) = try readSides(request, files: files, stopwatch: &stopwatch)
        } catch {
            throw .input(error)
        }
        files.releaseStandardInput()
        try checkOverrides(request.columns, headers: (forecasts.files + actuals.files).flatMap(\.columns.header) + (priceList?.columns?.header ?? []))
        return ReadBook(panel: ingest.panel, problems: ingest.problems, forecasts: forecasts, actuals: actuals, priceList: priceList,
                        digests: digests, stopwatch: stopwatch)
    }

    /// Scores a book read (or merged from partials): every decision from here on is the whole book's.
    static func score(_ book: ReadBook, _ request: ReportRequest) throws(ReportError) -> (result: ReportResult, panel: ScoredPanel) {
        var stopwatch = book.stopwatch
        let (forecasts, actuals, priceList, digests) = (book.forecasts, book.actuals, book.priceList, book.digests)
        let problems = book.problems
        if problems.total > 0 && !request.skipBadRows {
            let cause = BadRowCause.common(problems.kept, rejected: problems.total,
                                           read: forecasts.rowsRead + actuals.rowsRead, forecastsHaveNoLag: forecasts.readsNoLag)
            throw .input(.badRows(shown: problems.kept, total: problems.total, cause: cause))
        }
        if request.skipBadRows {
            let limit = request.maxBadRowsPct ?? TooManyBadRows.defaultLimitPct
            for side in [forecasts, actuals] {
                if let tooMany = TooManyBadRows(side: side, problems: problems.kept, limitPct: limit) {
                    throw .tooManyBadRows(tooMany)
                }
            }
        }
        let panel = book.panel
        guard let latestActual = panel.lastClosed, let firstActual = panel.firstActual, let firstMonth = panel.firstMonth else {
            let names = Set(actuals.files.map(\.path) + [actuals.path])
            let cause = actuals.rowsRejected > 0
                ? BadRowCause.common(problems.kept.filter { names.contains($0.file) }, rejected: actuals.rowsRejected, read: actuals.rowsRead)
                : nil
            throw .input(.noActuals(path: actuals.path, cause: cause))
        }
        if let asOf = request.asOf, asOf > latestActual || asOf < firstActual {
            throw .asOfOutsideActuals(asOf: asOf, firstActual: firstActual, latestActual: latestActual)
        }
        let months = ActualMonths(panel, first: firstActual, latest: latestActual)
        let closing = ClosedPeriods(panel, months: months, latest: latestActual, firstActual: firstActual, asOf: request.asOf)
        let lastClosed = closing.lastClosed
        let gapMonths = months.gaps(through: lastClosed)
        if !gapMonths.isEmpty && !request.allowsGaps {
            throw .gapMonths(gapMonths, firstActual: firstActual, lastClosed: lastClosed)
        }
        let window = Window(first: request.from ?? firstMonth, last: min(request.to ?? lastClosed, lastClosed))
        guard window.first <= window.last else {
            throw .emptyWindow(from: window.first, to: request.to ?? lastClosed, lastClosed: lastClosed)
        }

        var join = Join(panel: panel, window: window, lastClosed: lastClosed, firstActual: firstActual)
        join.leaveOut(gapMonths)
        // The series don't depend on the presence: with two threads or more both are worked out at once.
        let (presence, series) = UncheckedParallel.both(together: request.threads > 1,
                                                        { join.presence(threads: request.threads) }, { join.series() })
        var accounting = RowAccounting()
        accounting.forecasts = presence.forecasts
        accounting.forecasts.read = forecasts.rowsRead
        accounting.forecasts.rejected = forecasts.rowsRejected
        accounting.forecasts.totals = forecasts.totalsRows
        accounting.actuals = join.actualAccounting(presence)
        accounting.actuals.read = actuals.rowsRead
        accounting.actuals.rejected = actuals.rowsRejected
        accounting.actuals.totals = actuals.totalsRows

        let allLags = presence.lags.reduce(UInt64(0), |)
        let lagsPresent = (0...Panel.maximumLag).filter { allLags & (UInt64(1) << UInt64($0)) != 0 }
        var lagMask = allLags
        if let lag = request.lag {
            guard lagsPresent.contains(lag) else { throw .lagNotFound(lag: lag, available: lagsPresent) }
            lagMask = UInt64(1) << UInt64(lag)
        }

        let reportLag = request.lag ?? (lagsPresent.contains(1) ? 1 : lagsPresent.first)
        stopwatch.lap("join")
        let coverage = Coverage(panel: panel, series: series, window: window, reportLag: reportLag, applied: request.normalizeKeys,
                                leftOut: join.leftOut)
        if request.skipBadRows && request.maxBadRowsPct == nil {
            let kept = (forecasts: Set(coverage.rows.filter(\.inForecasts).map { request.normalizeKeys.apply($0.customer) }),
                        actuals: Set(coverage.rows.filter(\.inActuals).map { request.normalizeKeys.apply($0.customer) }))
            for (side, present) in [(forecasts, kept.forecasts), (actuals, kept.actuals)] {
                if let gone = CustomersLeftOut(side: side, problems: problems.kept, present: present,
                                               normalization: request.normalizeKeys) {
                    throw .customersLeftOut(gone)
                }
            }
        }
        if !coverage.lookAlikes.isEmpty && !request.acceptsLookAlikes {
            throw .lookAlikes(coverage.lookAlikes)
        }
        let lowCoverage = LowCoverage(coverage, lag: reportLag)
        if let lowCoverage, !request.allowsLowCoverage {
            throw .lowCoverage(lowCoverage)
        }
        stopwatch.lap("join audit")

        let cells = join.cells(presence, series: series, grouping: request.grouping, lagMask: lagMask, threads: request.threads)
        stopwatch.lap("cells")
        let seriesPrices = priceList.map { SeriesPrices($0, series: series, panel: panel) }
        var groupFigures = GroupFigures(cells: cells, panel: panel, series: series, firstActual: firstActual, itemCount: panel.items.count)
        groupFigures.prices = seriesPrices
        groupFigures.leftOut = join.leftOut
        let computed = groupFigures.compute(threads: request.threads)
            .map { (group: $0.group, lag: cells.lags[$0.lag], sums: $0.sums) }

        let rows = orderedRows(computed, grouping: request.grouping, panel: panel, series: series)
        // Forecast and actuals in different units: those customers are not tiered on their figures, and
        // when most customers show one factor the file is wrong, not the customers (METRICS.md, units).
        var units = UnitsMismatch([], lag: 0)
        if request.grouping == .customer, let reportLag {
            units = UnitsMismatch(rows, lag: reportLag)
            let marks = [("forecasts", forecasts.decimalMark), ("actuals", actuals.decimalMark)]
                .compactMap { side, choice in choice.map { (side: side, choice: $0) } }
            if let stop = units.stop(decimalMarks: marks) { throw .unitsMismatch(stop) }
        }
        var result = ReportResult(request: request, rows: rows, forecasts: forecasts, actuals: actuals, accounting: accounting,
                                  firstActual: firstActual, lastClosed: lastClosed, window: window, lags: lagsPresent,
                                  rejects: request.skipBadRows ? problems.kept : [], reportLag: reportLag,
                                  scale: panel.scale)
        result.customerNames = actuals.customerNames.merging(forecasts.customerNames) { _, forecast in forecast }
        if !result.customerNames.isEmpty {
            for k in result.rows.indices {
                result.rows[k].customerName = result.rows[k].customer.flatMap { result.customerNames[$0] }
            }
        }
        if let reportLag, rows.contains(where: { $0.lag == reportLag }) {
            result.book = BookTotals(rows, lag: reportLag, scale: panel.scale)
            let first = max(window.first, window.last + (1 - BookTrend.maximumMonths))
            result.trend = BookTrend(rows, lag: reportLag, from: first, through: window.last, scale: panel.scale, keepsGroups: false)
        }
        result.prices = priceList
        result.unpriced = seriesPrices.map { Unpriced(cells: cells, panel: panel, series: series, prices: $0) }
        stopwatch.lap("figures")
        let measuresStability = lagsPresent.count > 1 && request.measuresStability
        if measuresStability || request.agreements != nil || request.proposalCoverage != nil {
            var history = ForecastHistory(panel: panel, series: series, window: window, threads: request.threads, leftOut: join.leftOut)
            stopwatch.lap("forecasts by lag")
            if let priceList { history.price(priceList, itemNames: panel.items.names) }
            if let terms = request.agreements {
                do {
                    try history.validate(terms, knownCustomers: Set(panel.customers.names))
                } catch {
                    throw .agreements(error)
                }
                result.agreement = history.compliance(terms)
            }
            if measuresStability {
                result.stability = history.stability(threads: request.threads)
                result.waterfalls = history.waterfalls(threads: request.threads)
            }
            if let coverage = request.proposalCoverage {
                result.proposals = history.proposals(coverage: coverage, lag: request.lag)
            }
            stopwatch.lap("stability and agreements")
        }
        if request.grouping == .customer, let reportLag {
            let mismatched = units.mismatched
            let tiered = mismatched.isEmpty ? rows : rows.filter { $0.lag != reportLag || !mismatched.contains($0.customer ?? "") }
            result.assessments = NoForecastAtLag.inserted(NoForecastAtLag.assessments(presence, lag: reportLag, panel: panel),
                                                          into: request.policy.assess(tiered, lag: reportLag, agreement: result.agreement))
            let unscored = UnitsMismatch.ordered(units.assessments + NeverForecast.assessments(coverage, lag: reportLag))
            if !unscored.isEmpty { result.assessments.append(contentsOf: unscored) }
            for k in result.assessments.indices {
                result.assessments[k].customerName = result.customerNames[result.assessments[k].customer]
            }
        }
        stopwatch.lap("tiers")
        result.coverage = coverage
        result.lowCoverage = lowCoverage
        result.incompleteMonth = closing.incomplete
        result.cutOffMonth = closing.cutOff
        result.strayMonths = closing.stray
        if let latest = closing.stray.first, latest.month == latestActual { result.strayRows = actuals.latestMonthRows }
        result.gapMonths = gapMonths
        result.latestActual = latestActual
        do {
            if let digest = digests.forecasts {
                result.forecasts.sha256 = try digest.hex(matching: forecasts.readStatus)
                result.forecasts.files[0].sha256 = result.forecasts.sha256
            }
            if let digest = digests.actuals {
                result.actuals.sha256 = try digest.hex(matching: actuals.readStatus)
                result.actuals.files[0].sha256 = result.actuals.sha256
            }
        } catch {
            throw .input(error)
        }
        // What the hashing of a plain file, begun at the start, still had left.
        stopwatch.lap("hashes")
        result.timings = stopwatch.laps
        return (result, ScoredPanel(join: join, presence: presence, series: series, prices: seriesPrices, threads: request.threads))
    }

    /// Every `--columns` name is one of `headers`, or the run stops naming the first that isn't.
    private static func checkOverrides(_ overrides: [Column: String], headers: [String]) throws(ReportError) {
        let known = Set(headers.map(Column.normalize))
        for (column, name) in overrides.sorted(by: { $0.key < $1.key }) where !known.contains(Column.normalize(name)) {
            throw .input(.unknownColumnOverride(column: column, name: name))
        }
    }

    /// Rows sorted by the group key (byte order of the names), then lag.
    static func orderedRows(_ computed: [(group: Int, lag: Int, sums: CellSums)], grouping: Grouping,
                                    panel: Panel, series: SeriesIndex) -> [MetricsRow] {
        let customers = panel.customerNames
        let items = panel.itemNames
        func key(_ group: Int) -> (customer: String?, item: String?) {
            switch grouping {
            case .customer: return (customers[group], nil)
            case .item: return (nil, items[group])
            case .customerItem: return (customers[Int(series.customer[group])], items[Int(series.item[group])])
            }
        }
        let scale = panel.scale
        // The entries are ordered by their keys before any row is made: sorting a million finished rows
        // took a second copy of them all.
        let keys = computed.map { key($0.group) }
        let order = computed.indices.sorted { a, b in
            let customerA = keys[a].customer ?? "", customerB = keys[b].customer ?? ""
            if !customerA.utf8.elementsEqual(customerB.utf8) { return customerA.precedesInByteOrder(customerB) }
            let itemA = keys[a].item ?? "", itemB = keys[b].item ?? ""
            if !itemA.utf8.elementsEqual(itemB.utf8) { return itemA.precedesInByteOrder(itemB) }
            return computed[a].lag < computed[b].lag
        }
        return order.map { k -> MetricsRow in
            let entry = computed[k]
            return MetricsRow(customer: keys[k].customer, item: keys[k].item, lag: entry.lag, figures: Figures(entry.sums, scale: scale),
                              absoluteError: scale.quantity(units: entry.sums.sumAbsoluteError),
                              periods: entry.sums.periodTotals.map { $0.inQuantities(scale) })
        }
    }
}

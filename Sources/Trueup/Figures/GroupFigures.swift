/// Computes `CellSums` for every group and lag of `Cells` with the kernels, in the panel's units.
struct GroupFigures {
    let cells: Cells
    let panel: Panel
    let series: SeriesIndex
    let firstActual: Month
    let itemCount: Int
    /// Each series' price and cost, with `--prices`: the value figures are summed too.
    var prices: SeriesPrices? = nil
    /// Months left out of every figure (`--allow-gaps`): a cell whose naive forecast would be
    /// such a month's actual has no naive forecast, as one before the first actual month.
    var leftOut: Set<Month> = []

    /// One group's cells at one lag, gathered from the panel: F, A, the two benchmarks' forecasts and the series.
    struct Gathered {
        let forecast: UncheckedMutableColumn<Double>
        let actual: UncheckedMutableColumn<Double>
        let naive: UncheckedMutableColumn<Double>
        let seasonal: UncheckedMutableColumn<Double>
        let series: UncheckedMutableColumn<Int32>
    }

    /// Fills `into` with the values of the cells of (group, lag index `l`), in cell order.
    ///
    /// The naive forecast is A(i, t − max(L, 1)), the seasonal naive A(i, t − 12·⌈max(L, 1)/12⌉); each
    /// is 0 when its month is before the first actual month.
    private func gather(group g: Int, lag l: Int, into values: Gathered) {
        let first = cells.range(group: g, lag: l).lowerBound
        let steps = Benchmark.naive.monthsBack(lag: cells.lags[l])
        let seasonalSteps = Benchmark.seasonalNaive.monthsBack(lag: cells.lags[l])
        cells.source.withUncheckedColumn { source in
            for p in 0..<cells.periodCount {
                let segment = cells.range(group: g, lag: l, period: p)
                guard !segment.isEmpty else { continue }
                let back = cells.periods[p] + -steps
                let seasonalBack = cells.periods[p] + -seasonalSteps
                for k in segment {
                    let from = Int(source[k])
                    let isRow = from < cells.forecastRows
                    let slot = isRow ? Int(panel.rowSlot[from]) : from - cells.forecastRows
                    let key = panel.slotKey[slot]
                    values.forecast[k - first] = isRow ? panel.rowValue[from] : 0
                    values.actual[k - first] = panel.actual[slot]
                    values.naive[k - first] = back >= firstActual
                        ? panel.actual(customer: Panel.customer(of: key), item: Panel.item(of: key), month: back, near: slot - steps) : 0
                    values.seasonal[k - first] = seasonalBack >= firstActual
                        ? panel.actual(customer: Panel.customer(of: key), item: Panel.item(of: key), month: seasonalBack,
                                       near: slot - seasonalSteps) : 0
                    values.series[k - first] = series.ofSlot[slot]
                }
            }
        }
    }

    /// The sums of every (group, lag) that has cells, in group then lag order, worked out on
    /// `threads` threads that each take a contiguous run of groups; every sum is the same for any count.
    func compute(threads: Int = 1) -> [(group: Int, lag: Int, sums: CellSums)] {
        let parts = max(1, min(threads, cells.groupCount / 64))
        return UncheckedParallel.runs(cells.groupCount, parts: parts) { groups in
            var results: [(group: Int, lag: Int, sums: CellSums)] = []
            compute(groups) { results.append(($0, $1, $2)) }
            return results
        }
    }

    /// The sums of the groups in `groups`, in their order, each group's lags in order.
    func compute(_ groups: some Collection<Int>, _ body: (_ group: Int, _ lag: Int, CellSums) -> Void) {
        var largest = 0
        for g in groups {
            for l in 0..<cells.lagCount { largest = max(largest, cells.range(group: g, lag: l).count) }
        }
        // Seven Double columns of `largest` cells: ones, F, A, the naive forecast, e, a benchmark's
        // error (the naive's, then the seasonal naive's) and the seasonal naive forecast.
        var doubles = [Double](repeating: 0, count: 7 * largest)
        var seriesOfCells = [Int32](repeating: 0, count: largest)
        var itemStamp = [Int32](repeating: -1, count: itemCount)
        var seriesStamp = [Int32](repeating: -1, count: series.count)
        var stamp: Int32 = 0
        // Quantities in whole units: BLAS sums are exact in any order. Else every sum is taken in cell order.
        let exact = panel.scale.exact

        doubles.withUncheckedMutableColumn { doubles in seriesOfCells.withUncheckedMutableColumn { seriesOfCells in
            func column(_ k: Int) -> UncheckedMutableColumn<Double> { doubles[(k * largest)..<((k + 1) * largest)] }
            let gathered = Gathered(forecast: column(1), actual: column(2), naive: column(3), seasonal: column(6),
                                    series: seriesOfCells)
            column(0).update(repeating: 1)
            let ones = column(0).readOnly
            let error = column(4)
            let naiveError = column(5)
            let forecast = gathered.forecast.readOnly
            let actual = gathered.actual.readOnly
            let naive = gathered.naive.readOnly
            let seasonal = gathered.seasonal.readOnly
            /// Σ|B − A|, Σ|e| and Σ|A| over `ranges` of the gathered cells for a benchmark's forecast B,
            /// and how many cells (the error column is filled by then; a benchmark's error goes to scratch).
            func benchmarkSums(_ forecast: UncheckedColumn<Double>, over ranges: [Range<Int>])
                -> (error: Double, forecastError: Double, actual: Double, cells: Int) {
                var sums = (error: 0.0, forecastError: 0.0, actual: 0.0, cells: 0)
                for cells in ranges where !cells.isEmpty {
                    let d = naiveError[cells]
                    Kernels.error(forecast: forecast[cells], actual: actual[cells], into: d)
                    sums.error += Kernels.absoluteSum(d.readOnly, exact: exact)
                    sums.forecastError += Kernels.absoluteSum(error.readOnly[cells], exact: exact)
                    sums.actual += Kernels.absoluteSum(actual[cells], exact: exact)
                    sums.cells += cells.count
                }
                return sums
            }
            for g in groups {
                for l in 0..<cells.lagCount {
                    // The group's cells at this lag, as positions in the gathered buffers.
                    let cellRange = cells.range(group: g, lag: l)
                    guard !cellRange.isEmpty else { continue }
                    gather(group: g, lag: l, into: gathered)
                    let offset = cellRange.lowerBound
                    let range = 0..<cellRange.count
                    let f = forecast[range]
                    let a = actual[range]
                    let e = error[range]
                    Kernels.error(forecast: f, actual: a, into: e)
                    let ev = e.readOnly
                    var s = CellSums()
                    s.cells = range.count
                    s.sumForecast = Kernels.sum(f, ones: ones, exact: exact)
                    s.sumActual = Kernels.sum(a, ones: ones, exact: exact)
                    s.sumError = Kernels.sum(ev, ones: ones, exact: exact)
                    s.sumAbsoluteError = Kernels.absoluteSum(ev, exact: exact)
                    s.sumAbsoluteActual = Kernels.absoluteSum(a, exact: exact)
                    s.sumSquaredError = Kernels.sumOfSquares(ev, absoluteSum: s.sumAbsoluteError, exact: exact)
                    (s.sumRelativeError, s.relativeCells) = Kernels.relativeErrorSum(error: ev, actual: a)
                    s.sumSymmetricError = Kernels.symmetricErrorSum(error: ev, forecast: f, actual: a)

                    // Eₜ: each period's cells are one contiguous segment.
                    let back = Benchmark.naive.monthsBack(lag: cells.lags[l])
                    let seasonalBack = Benchmark.seasonalNaive.monthsBack(lag: cells.lags[l])
                    var naiveStart = range.upperBound
                    var seasonalStart = range.upperBound
                    // With months left out, each benchmark's cells are the segments whose benchmark month is not one of them.
                    var naiveSegments: [Range<Int>] = [], seasonalSegments: [Range<Int>] = []
                    for p in 0..<cells.periodCount {
                        let cellSegment = cells.range(group: g, lag: l, period: p)
                        guard !cellSegment.isEmpty else { continue }
                        let segment = (cellSegment.lowerBound - offset)..<(cellSegment.upperBound - offset)
                        let local = (segment.lowerBound - range.lowerBound)..<(segment.upperBound - range.lowerBound)
                        let segmentError = ev[local]
                        let segmentActual = actual[segment]
                        s.periodErrors.append(Kernels.sum(segmentError, ones: ones, exact: exact))
                        let signs = Kernels.signCounts(segmentError)
                        s.periodTotals.append(PeriodTotals(
                            month: cells.periods[p],
                            actual: Kernels.sum(segmentActual, ones: ones, exact: exact),
                            forecast: Kernels.sum(forecast[segment], ones: ones, exact: exact),
                            absoluteError: Kernels.absoluteSum(segmentError, exact: exact),
                            absoluteActual: Kernels.absoluteSum(segmentActual, exact: exact),
                            cells: segment.count, overCells: signs.over, underCells: signs.under))
                        let naiveMonth = cells.periods[p] + -back
                        if naiveMonth >= firstActual && !leftOut.contains(naiveMonth) { s.naivePeriods += 1 }
                        if leftOut.isEmpty {
                            if naiveStart == range.upperBound && naiveMonth >= firstActual { naiveStart = segment.lowerBound }
                        } else if naiveMonth >= firstActual && !leftOut.contains(naiveMonth) {
                            naiveSegments.append(segment)
                        }
                        let seasonalMonth = cells.periods[p] + -seasonalBack
                        if seasonalMonth >= firstActual && !leftOut.contains(seasonalMonth) { s.seasonalPeriods += 1 }
                        if leftOut.isEmpty {
                            if seasonalStart == range.upperBound && seasonalMonth >= firstActual { seasonalStart = segment.lowerBound }
                        } else if seasonalMonth >= firstActual && !leftOut.contains(seasonalMonth) {
                            seasonalSegments.append(segment)
                        }
                    }
                    // Without months left out, each benchmark's eligibility rises with the period, so its cells are a suffix.
                    let naiveRanges = leftOut.isEmpty ? [naiveStart..<range.upperBound] : naiveSegments
                    let seasonalRanges = leftOut.isEmpty ? [seasonalStart..<range.upperBound] : seasonalSegments
                    (s.naiveAbsoluteError, s.naiveForecastAbsoluteError, s.naiveAbsoluteActual, s.naiveCells) =
                        benchmarkSums(naive, over: naiveRanges)
                    (s.seasonalAbsoluteError, s.seasonalForecastAbsoluteError, s.seasonalAbsoluteActual, s.seasonalCells) =
                        benchmarkSums(seasonal, over: seasonalRanges)

                    if let prices {
                        s.value = leftOut.isEmpty
                            ? valueSums(range, isNaive: { $0 >= naiveStart }, gathered, prices)
                            : valueSums(range, isNaive: { k in naiveSegments.contains { $0.contains(k) } }, gathered, prices)
                    }

                    // Distinct items and series, by stamping each with this group's number.
                    for k in range {
                        let sr = Int(gathered.series[k])
                        if seriesStamp[sr] != stamp {
                            seriesStamp[sr] = stamp
                            s.seriesCount += 1
                            s.seriesVariation += series.totalVariation[sr]
                            let item = Int(series.item[sr])
                            if itemStamp[item] != stamp {
                                itemStamp[item] = stamp
                                s.items += 1
                            }
                        }
                    }
                    s.pairs = series.pairs
                    stamp += 1
                    body(g, l, s)
                }
            }
        } }
    }

    /// The value sums over the priced cells among `range` of the gathered buffers, in cell order
    /// (a fixed-order loop: products with prices are not integers, so BLAS's order would show).
    private func valueSums(_ range: Range<Int>, isNaive: (Int) -> Bool, _ values: Gathered, _ prices: SeriesPrices) -> ValueSums {
        var v = ValueSums()
        for k in range {
            let series = Int(values.series[k])
            guard prices.isPriced(series) else { continue }
            let (f, a, p) = (values.forecast[k], values.actual[k], prices.price[series])
            v.add(forecast: f, actual: a, price: p, cost: prices.cost[series])
            if isNaive(k) { v.addNaive(forecast: f, actual: a, naive: values.naive[k], price: p) }
        }
        return v
    }
}

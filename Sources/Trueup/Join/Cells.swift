/// Every scored cell, laid out contiguously by (group, lag, period).
///
/// Bucket b = (group × lagCount + lag) × periodCount + period holds the cells
/// of one group, lag and period; `bucketStart[b]..<bucketStart[b + 1]` is its
/// range. A group's cells at one lag are therefore one contiguous run ordered
/// by period. Each cell is only where its figures come from (4 bytes, not the
/// 28 of its values): the figures gather one group's values at a time into
/// buffers that stay in cache while the BLAS kernels run over them.
struct Cells {
    /// A forecast row's index, or `forecastRows + slot` for an actual with no forecast at the cell's lag (F = 0).
    let source: [Int32]
    let forecastRows: Int
    let bucketStart: [Int32]

    let groupCount: Int
    /// Lag values, by lag index.
    let lags: [Int]
    /// The window's months that have at least one forecast, by period index.
    let periods: [Month]

    init(source: [Int32], bucketStart: [Int32], groupCount: Int, lags: [Int], periods: [Month], forecastRows: Int) {
        self.source = source
        self.forecastRows = forecastRows
        self.bucketStart = bucketStart
        self.groupCount = groupCount
        self.lags = lags
        self.periods = periods
    }

    var lagCount: Int { lags.count }
    var periodCount: Int { periods.count }

    func bucket(group: Int, lag: Int, period: Int) -> Int {
        (group * lagCount + lag) * periodCount + period
    }

    /// The cells of one group at one lag.
    func range(group: Int, lag: Int) -> Range<Int> {
        let first = bucket(group: group, lag: lag, period: 0)
        return Int(bucketStart[first])..<Int(bucketStart[first + periodCount])
    }

    func range(group: Int, lag: Int, period: Int) -> Range<Int> {
        let b = bucket(group: group, lag: lag, period: period)
        return Int(bucketStart[b])..<Int(bucketStart[b + 1])
    }
}

/// The (customer, item) pairs of the panel, and the actuals' month-to-month movement of each.
struct SeriesIndex {
    var ofSlot: [Int32]
    var customer: [Int32]
    var item: [Int32]
    /// Σ|A(t) − A(t−1)| over consecutive months from the first actual month to the window's last.
    var totalVariation: [Double]
    /// How many consecutive-month pairs that sum runs over.
    var pairs: Int

    var count: Int { customer.count }
}


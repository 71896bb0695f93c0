/// Where every data row of each input file went (METRICS.md, "Row accounting").
public struct RowAccounting: Sendable, Equatable {
    public struct Forecasts: Sendable, Equatable {
        public var read = 0
        /// Contributes to at least one cell.
        public var used = 0
        /// Target period after the last closed period.
        public var open = 0
        public var outsideWindow = 0
        public var rejected = 0
        /// Totals rows of customers' sheets (`Total`, `Summe`, ...): not data.
        public var totals = 0
        public var addsUp: Bool { read == used + open + outsideWindow + rejected + totals }
    }

    public struct Actuals: Sendable, Equatable {
        public var read = 0
        public var used = 0
        /// In a month after the last closed period (an incomplete month, or after `--as-of`).
        public var open = 0
        public var outsideWindow = 0
        /// No forecast at any lag from that customer for that period, so never scored.
        public var unmatched = 0
        public var rejected = 0
        /// Totals rows of customers' sheets (`Total`, `Summe`, ...): not data.
        public var totals = 0
        public var addsUp: Bool { read == used + open + outsideWindow + unmatched + rejected + totals }
    }

    public var forecasts = Forecasts()
    public var actuals = Actuals()
}

import Foundation

/// One customer's demand: the expected quantity of each item and month, and what was bought.
///
/// Demand moves from month to month the way real demand does, so that a naive
/// "repeat an earlier month" forecast has a real error to beat:
///
/// - level: log-normal per customer and per item, kept between 20 and 2,000 units a month;
/// - seasonality: `1 + a · sin(2π (month + phase) / 12)` with `a` in 25–35%, the
///   phase shared by the customer's items with about a month of jitter each;
/// - trend: linear, −1% to +1.5% of the level per month, held within 0.5–2× of it;
/// - noise: actuals are the expected level times `1 + σ·z`, σ in 10–15% per item,
///   rounded to whole units and never negative;
/// - intermittency: some item-months have no purchase at all, more often for
///   small items (`p = min(0.08, 0.055 · √(100 / level))`: 8% at 20 units a
///   month, 5.5% at 100, 1.2% at 2,000; about 5% of all item-months). The cap
///   keeps a customer of only small items forecastable.
///
/// The *expected* quantity is the mean of the actual, zero months included
/// (typical × (1 − p)): that is what a well-informed forecaster aims for.
struct SyntheticDemand {
    /// Month index of the first entry in the series: `-lags`, so a forecast that
    /// copies the actual `lags` months before the first history month has one.
    let firstMonth: Int
    /// History months (entries with actuals start at `firstMonth` and end at `months - 1`).
    let months: Int
    /// Target months with forecasts, open ones included.
    let targetMonths: Int

    private let customerLevel: Double
    private let customerPhase: Double
    /// Calendar month (0–11) of every series entry.
    private let calendarMonth: [Int]

    /// Draws the customer-wide parameters from `random`.
    init(config: GeneratorConfig, random: inout SyntheticRandom) {
        firstMonth = -config.lags
        months = config.months
        targetMonths = config.targetMonths
        calendarMonth = (firstMonth..<config.targetMonths).map { index in
            ((config.startMonth - 1 + index) % 12 + 12) % 12
        }
        customerLevel = random.logNormal(mu: 5.0, sigma: 0.8)
        customerPhase = random.uniform(0, 12)
    }

    /// Number of entries in an expected series: pre-history, history and open months.
    var expectedCount: Int { targetMonths - firstMonth }
    /// Number of entries in an actual series: pre-history and history months.
    var actualCount: Int { months - firstMonth }

    /// Draws one item and fills its series; entry `k` is month `firstMonth + k`.
    ///
    /// `expected` gets `expectedCount` entries and `actual` gets `actualCount`;
    /// both arrays are overwritten, so one pair can be reused for every item.
    func drawItem(random: inout SyntheticRandom, expected: inout [Double], actual: inout [Double]) {
        let level = min(max(customerLevel * random.logNormal(mu: 0, sigma: 0.7), 20), 2000)
        let amplitude = random.uniform(0.25, 0.35)
        let phase = customerPhase + random.normal()
        let trend = random.uniform(-0.01, 0.015)
        let noise = random.uniform(0.10, 0.15)
        let zeroChance = Self.zeroChance(level: level)
        let keep = 1 - zeroChance

        expected.removeAll(keepingCapacity: true)
        actual.removeAll(keepingCapacity: true)
        for entry in 0..<expectedCount {
            let month = firstMonth + entry
            let season = 1 + amplitude * sin(2 * Double.pi * (Double(calendarMonth[entry]) + phase) / 12)
            let growth = min(max(1 + trend * Double(month), 0.5), 2.0)
            let typical = level * season * growth
            expected.append(typical * keep)
            guard month < months else { continue }
            let bought = typical * (1 + noise * random.normal())
            let isZero = random.chance(zeroChance)
            actual.append(isZero ? 0 : max(0, bought.rounded()))
        }
    }

    /// The chance that an item with this typical level has no purchase in a month.
    static func zeroChance(level: Double) -> Double {
        min(0.08, 0.055 * (100 / level).squareRoot())
    }
}

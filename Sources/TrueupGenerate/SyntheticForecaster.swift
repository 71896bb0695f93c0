import Foundation

/// How one customer turns expected demand into forecasts, following its behaviour.
///
/// Every behaviour except `copying` starts from the expected quantity of the
/// target month (the mean a well-informed forecaster would aim for) and adds a
/// multiplicative error of 5–8%, a little wider at longer lags. On top of that:
///
/// - `reliable`: a personal bias of at most ±2%;
/// - `inflating`: × 1.25–1.45, drawn once per customer;
/// - `sandbagging`: × 0.60–0.75, drawn once per customer;
/// - `noisy`: × a log-normal factor with mean 1 and σ of 0.85–1.0 instead of the small error;
/// - `copying`: the actual of `max(lag, 1)` months earlier × (1 ± 2%), the naive forecast;
/// - `drifting`: like `reliable` without the personal bias until the last 4–5
///   history months, when the multiplier climbs to 1.35–1.50. It gets there by
///   the third-last history month, so the last three months (the policy's
///   "recent" window) are fully drifted and the months before them nearly
///   clean; open months keep the full drift.
/// - `revisingLate`: like `reliable` a month ahead or less; two months ahead or
///   more, × 1.30–1.50, drawn once per customer: the cut comes at the last revision.
///
/// Forecasts are never negative.
struct SyntheticForecaster {
    let behaviour: Behaviour
    private let bias: Double
    private let spread: Double
    private let noiseSigma: Double
    private let driftStart: Int
    private let driftMonths: Int
    private let driftTarget: Double
    private let lateInflation: Double

    /// The first history month (0-based) whose forecasts are drifted, for a `drifting` customer;
    /// nil for every other behaviour. truth.csv names it (`drift_from`).
    var driftFrom: Int? { behaviour == .drifting ? driftStart : nil }

    /// Draws the customer's parameters; every behaviour draws the same number of values.
    init(behaviour: Behaviour, months: Int, random: inout SyntheticRandom) {
        self.behaviour = behaviour
        spread = random.uniform(0.05, 0.08)
        let personal = random.uniform(-0.02, 0.02)
        let inflation = random.uniform(1.25, 1.45)
        let deflation = random.uniform(0.60, 0.75)
        noiseSigma = random.uniform(0.85, 1.0)
        let drift = min(4 + random.below(2), max(1, months / 3))
        driftTarget = random.uniform(1.35, 1.50)
        driftMonths = drift
        driftStart = months - drift
        lateInflation = random.uniform(1.30, 1.50)
        switch behaviour {
        case .inflating: bias = inflation
        case .sandbagging: bias = deflation
        case .reliable, .revisingLate: bias = 1 + personal
        case .noisy, .copying, .drifting: bias = 1
        }
    }

    /// The forecast for target month `month` made `lag` months ahead.
    ///
    /// `expected` is the target month's expected quantity; `earlierActual` is the
    /// actual of month `month - max(lag, 1)` (used only by `copying`).
    func forecast(month: Int, lag: Int, expected: Double, earlierActual: Double,
                  random: inout SyntheticRandom) -> Double {
        let error = random.normal()
        let value: Double
        switch behaviour {
        case .copying:
            value = earlierActual * (1 + 0.02 * error)
        case .noisy:
            value = expected * exp(noiseSigma * error - noiseSigma * noiseSigma / 2)
        case .reliable, .inflating, .sandbagging, .drifting, .revisingLate:
            let widened = spread * (1 + 0.15 * Double(lag - 1))
            let early = behaviour == .revisingLate && lag >= 2 ? lateInflation : 1
            value = expected * bias * early * driftMultiplier(month: month) * (1 + widened * error)
        }
        return max(0, value)
    }

    /// 1 before the drift starts; then rising linearly to `driftTarget`, reached at
    /// the third-last history month (at once when the drift is three months or shorter).
    private func driftMultiplier(month: Int) -> Double {
        guard behaviour == .drifting, month >= driftStart else { return 1 }
        let rampMonths = max(1, driftMonths - 2)
        let step = min(month - driftStart + 1, rampMonths)
        return 1 + (driftTarget - 1) * Double(step) / Double(rampMonths)
    }
}

/// How a synthetic customer forecasts: the pattern the generator plants in its data.
///
/// Each case is built so that the default flag policy (PRODUCT.md) puts the
/// customer in a known tier, which is what makes the generated data useful for
/// testing the whole pipeline end to end:
///
/// - `reliable`: knows its seasonal demand and misses by a few percent; trusted.
/// - `inflating`: forecasts 25–45% above expected demand every month; unreliable.
/// - `sandbagging`: forecasts 25–40% below expected demand every month; unreliable.
/// - `noisy`: unbiased on average but with log-normal noise so large that
///   wmape is well above 50; unreliable.
/// - `copying`: repeats the actual of `max(lag, 1)` months earlier (the naive
///   forecast) with tiny noise, so it adds no value over naive; at least watch.
/// - `drifting`: reliable until the last four or five closed months, then
///   drifts steadily to 30–50% above expected demand; at least watch.
/// - `revisingLate`: forecasts 30–50% above expected demand two months ahead or
///   more, then cuts them close to the truth a month ahead. At lag 1 it looks
///   reliable; stability.csv shows the late cut, and an agreement measured at a
///   longer lag puts it outside the band (`outside-agreement`).
public enum Behaviour: String, CaseIterable, Sendable {
    case reliable
    case inflating
    case sandbagging
    case noisy
    case copying = "copying-last-month"
    case drifting
    case revisingLate = "revising-late"
}

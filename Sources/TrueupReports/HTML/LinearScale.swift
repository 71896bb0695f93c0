/// Maps a range of values onto a range of pixels, and picks round tick values for an axis.
public struct LinearScale: Sendable {
    public var domain: ClosedRange<Double>
    public var range: ClosedRange<Double>
    /// True when larger values map to smaller pixels (a y axis).
    public var flipped: Bool

    public init(domain: ClosedRange<Double>, range: ClosedRange<Double>, flipped: Bool = false) {
        self.domain = domain.lowerBound < domain.upperBound ? domain : domain.lowerBound...(domain.lowerBound + 1)
        self.range = range
        self.flipped = flipped
    }

    /// The pixel of `value`; values outside the domain land outside the range.
    public func callAsFunction(_ value: Double) -> Double {
        let share = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        let span = range.upperBound - range.lowerBound
        return flipped ? range.upperBound - share * span : range.lowerBound + share * span
    }

    /// Whether `value` lies inside the domain.
    public func contains(_ value: Double) -> Bool { domain.contains(value) }

    /// The value clamped into the domain.
    public func clamp(_ value: Double) -> Double { min(max(value, domain.lowerBound), domain.upperBound) }

    /// Multiples of a round step (1, 2 or 5 times a power of ten) inside the domain, about `count` of them.
    public func ticks(_ count: Int = 5) -> [Double] {
        let step = Self.step(domain.upperBound - domain.lowerBound, count: count)
        var value = (domain.lowerBound / step).rounded(.up) * step
        var ticks: [Double] = []
        while value <= domain.upperBound + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// A round step that cuts `span` into about `count` parts.
    public static func step(_ span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= raw { return factor * power }
        return 10 * power
    }

    /// `value` rounded up to a multiple of a round step for `span`.
    public static func roundedUp(_ value: Double, span: Double, count: Int = 5) -> Double {
        let step = step(span, count: count)
        return (value / step).rounded(.up) * step
    }
}

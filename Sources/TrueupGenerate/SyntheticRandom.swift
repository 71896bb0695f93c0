import Foundation

/// A small, fast, seeded random stream: xoshiro256** seeded through SplitMix64.
///
/// The generator promises byte-identical files for a seed, so it cannot use the
/// system generator, and Swift's own `shuffle(using:)` and `random(in:using:)`
/// are not promised to consume random bits the same way across releases. Every
/// draw here is spelled out. Normals come from Box–Muller, two at a time.
///
/// Identical output is promised on one platform; the math library's `log`,
/// `sin` and `cos` may differ in the last bit between platforms.
struct SyntheticRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    private var spareNormal = 0.0
    private var hasSpareNormal = false

    /// A stream for `seed`; different `stream` numbers give independent streams,
    /// so each customer can be drawn on its own (and in any order).
    init(seed: UInt64, stream: UInt64 = 0) {
        var state = Self.splitMix(seed) ^ Self.splitMix(stream &+ 0x6A09_E667_F3BC_C909)
        s0 = Self.nextSplitMix(&state)
        s1 = Self.nextSplitMix(&state)
        s2 = Self.nextSplitMix(&state)
        s3 = Self.nextSplitMix(&state)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = Self.rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotate(s3, 45)
        return result
    }

    /// A uniform double in [0, 1), with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// A uniform integer in 0..<bound, without modulo bias (Lemire's method).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A standard normal draw (mean 0, standard deviation 1).
    mutating func normal() -> Double {
        if hasSpareNormal {
            hasSpareNormal = false
            return spareNormal
        }
        // 1 - unit() lies in (0, 1], so the logarithm is finite.
        let radius = sqrt(-2 * log(1 - unit()))
        let angle = 2 * Double.pi * unit()
        spareNormal = radius * sin(angle)
        hasSpareNormal = true
        return radius * cos(angle)
    }

    /// A log-normal draw: `exp(mu + sigma · z)`.
    mutating func logNormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * normal())
    }

    /// Rotates left by `count` bits (0 < count < 64).
    private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    private static func nextSplitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    private static func splitMix(_ value: UInt64) -> UInt64 {
        mix(value &+ 0x9E37_79B9_7F4A_7C15)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

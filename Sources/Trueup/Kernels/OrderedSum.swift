/// Sums taken one element after another, first to last: the order is the data's, so the result
/// is the same on every CPU, SIMD width and thread count (Swift neither reassociates nor
/// contracts floating point, so the compiler keeps this order too).
enum OrderedSum {
    static func sum(_ x: UncheckedColumn<Double>) -> Double {
        var sum = 0.0
        for value in x { sum += value }
        return sum
    }

    static func absoluteSum(_ x: UncheckedColumn<Double>) -> Double {
        var sum = 0.0
        for value in x { sum += abs(value) }
        return sum
    }

    static func sumOfSquares(_ x: UncheckedColumn<Double>) -> Double {
        var sum = 0.0
        for value in x { sum += value * value }
        return sum
    }

    /// max|xᵢ|, 0 for no element.
    static func largestSize(_ x: UncheckedColumn<Double>) -> Double {
        var largest = 0.0
        for value in x { largest = max(largest, abs(value)) }
        return largest
    }
}

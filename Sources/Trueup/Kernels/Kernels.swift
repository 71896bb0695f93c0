/// The reductions behind every figure, over one group's contiguous cells.
///
/// Each kernel works on buffers of equal length and returns plain sums; the
/// figures divide them in `Figures`. The BLAS calls do the bulk; the two ratios
/// that have no BLAS routine (|e|/|A| for MAPE and 2|e|/(|F|+|A|) for sMAPE) are
/// one scalar pass each. The tests keep a scalar reference of every kernel.
enum Kernels {
    /// e ← F − A.
    static func error(forecast f: UnsafeBufferPointer<Double>, actual a: UnsafeBufferPointer<Double>,
                      into e: UnsafeMutableBufferPointer<Double>) {
        BLAS.copy(f, e)
        BLAS.axpy(-1, a, e)
    }

    /// Σx, as x · 1 with a buffer of ones at least as long as x.
    static func sum(_ x: UnsafeBufferPointer<Double>, ones: UnsafeBufferPointer<Double>) -> Double {
        BLAS.dot(x, UnsafeBufferPointer(rebasing: ones[0..<x.count]))
    }

    /// Σ|x|.
    static func absoluteSum(_ x: UnsafeBufferPointer<Double>) -> Double { BLAS.absoluteSum(x) }

    /// Σx².
    static func sumOfSquares(_ x: UnsafeBufferPointer<Double>) -> Double { BLAS.dot(x, x) }

    /// Σ|eᵢ|/|Aᵢ| over the cells with Aᵢ ≠ 0, and how many there are.
    static func relativeErrorSum(error e: UnsafeBufferPointer<Double>, actual a: UnsafeBufferPointer<Double>) -> (sum: Double, count: Int) {
        var sum = 0.0
        var count = 0
        for i in 0..<a.count where a[i] != 0 {
            sum += abs(e[i]) / abs(a[i])
            count += 1
        }
        return (sum, count)
    }

    /// Σ 2|eᵢ|/(|Fᵢ|+|Aᵢ|), a cell with F = A = 0 counting 0.
    static func symmetricErrorSum(error e: UnsafeBufferPointer<Double>, forecast f: UnsafeBufferPointer<Double>,
                                  actual a: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for i in 0..<e.count {
            let scale = abs(f[i]) + abs(a[i])
            if scale != 0 { sum += 2 * abs(e[i]) / scale }
        }
        return sum
    }
}

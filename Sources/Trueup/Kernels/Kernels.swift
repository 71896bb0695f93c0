/// The reductions behind every figure, over one group's contiguous cells.
///
/// Each kernel works on columns of equal length and returns plain sums; the
/// figures divide them in `Figures`. Every result is the same on every CPU and
/// thread count: with `exact` (the panel holds quantities as whole units, whose
/// sums below 2^53 are exact in any order) the BLAS routines do the bulk; without
/// it, or where a sum could leave the exact range (Σe²), a plain loop in Swift adds
/// in cell order (Swift neither reassociates nor contracts floating point). The
/// two ratios that have no BLAS routine (|e|/|A| for MAPE and 2|e|/(|F|+|A|) for
/// sMAPE) are one scalar pass each. The tests keep a scalar reference of every kernel.
enum Kernels {
    /// Integer-valued Doubles add exactly while every partial sum stays below this.
    static let exactIntegers = 9_007_199_254_740_992.0  // 2^53

    /// e ← F − A (each element one rounding, so the same on any kernel).
    static func error(forecast f: UncheckedColumn<Double>, actual a: UncheckedColumn<Double>,
                      into e: UncheckedMutableColumn<Double>) {
        BLAS.copy(f, e)
        BLAS.axpy(-1, a, e)
    }

    /// Σx: as x · 1 with a buffer of ones at least as long as x when `exact`, else in order.
    static func sum(_ x: UncheckedColumn<Double>, ones: UncheckedColumn<Double>, exact: Bool) -> Double {
        exact ? BLAS.dot(x, ones.prefix(x.count)) : OrderedSum.sum(x)
    }

    /// Σ|x|: `dasum` when `exact`, else in order.
    static func absoluteSum(_ x: UncheckedColumn<Double>, exact: Bool) -> Double {
        exact ? BLAS.absoluteSum(x) : OrderedSum.absoluteSum(x)
    }

    /// Σx², given Σ|x| (`absoluteSum`): `ddot(x, x)` when every term and partial sum is a whole
    /// number below 2^53 (whole x with max|x| · Σ|x| < 2^53), else in order.
    static func sumOfSquares(_ x: UncheckedColumn<Double>, absoluteSum: Double, exact: Bool) -> Double {
        if exact, OrderedSum.largestSize(x) * absoluteSum < exactIntegers { return BLAS.dot(x, x) }
        return OrderedSum.sumOfSquares(x)
    }

    /// How many cells have eᵢ > 0 (over-forecast) and eᵢ < 0 (under-forecast): four at a time
    /// (the scalar loop took 6 ns a cell, its compares feeding one counter each; the vector ones 1).
    static func signCounts(_ e: UncheckedColumn<Double>) -> (over: Int, under: Int) {
        var overs = SIMD4<Int64>(), unders = SIMD4<Int64>()
        let one = SIMD4<Int64>(repeating: 1), none = SIMD4<Int64>(), zero = SIMD4<Double>()
        var i = 0
        while i + 4 <= e.count {
            let v = SIMD4<Double>(e[i], e[i + 1], e[i + 2], e[i + 3])
            overs &+= none.replacing(with: one, where: v .> zero)
            unders &+= none.replacing(with: one, where: v .< zero)
            i += 4
        }
        var over = Int(overs.wrappedSum()), under = Int(unders.wrappedSum())
        while i < e.count {
            over &+= e[i] > 0 ? 1 : 0
            under &+= e[i] < 0 ? 1 : 0
            i += 1
        }
        return (over, under)
    }

    /// Σ|eᵢ|/|Aᵢ| over the cells with Aᵢ ≠ 0, and how many there are.
    static func relativeErrorSum(error e: UncheckedColumn<Double>, actual a: UncheckedColumn<Double>) -> (sum: Double, count: Int) {
        var sum = 0.0
        var count = 0
        for i in 0..<a.count where a[i] != 0 {
            sum += abs(e[i]) / abs(a[i])
            count += 1
        }
        return (sum, count)
    }

    /// Σ 2|eᵢ|/(|Fᵢ|+|Aᵢ|), a cell with F = A = 0 counting 0.
    static func symmetricErrorSum(error e: UncheckedColumn<Double>, forecast f: UncheckedColumn<Double>,
                                  actual a: UncheckedColumn<Double>) -> Double {
        var sum = 0.0
        for i in 0..<e.count {
            let scale = abs(f[i]) + abs(a[i])
            if scale != 0 { sum += 2 * abs(e[i]) / scale }
        }
        return sum
    }

    /// The banded window matrix W (months × months, row-major): W[s, t] = 1 when t − width < s ≤ t, else 0.
    ///
    /// Column t of W picks the `width` months ending at t (fewer at the start), so M·W holds
    /// every row's trailing sums.
    static func windowMatrix(months: Int, width: Int) -> [Double] {
        precondition(width >= 1, "a trailing window spans at least one month")
        var w = [Double](repeating: 0, count: months * months)
        for t in 0..<months {
            for s in max(0, t - width + 1)...t { w[s * months + t] = 1 }
        }
        return w
    }

    /// Every row's trailing sums over `width` months at once: T ← M·W (`dgemm` when `exact`,
    /// whole numbers whose sums stay below 2^53; else each sum in month order).
    ///
    /// M is row-major, rows × months; T[r, t] = Σ M[r, s] over max(0, t − width + 1) ≤ s ≤ t.
    static func trailingSums(_ m: UncheckedColumn<Double>, rows: Int, months: Int, width: Int, exact: Bool,
                             into t: UncheckedMutableColumn<Double>) {
        guard exact else {
            precondition(m.count == rows * months && t.count == rows * months, "trailing sums of a matrix of another shape")
            for r in 0..<rows {
                for column in 0..<months {
                    var sum = 0.0
                    for s in max(0, column - width + 1)...column { sum += m[r * months + s] }
                    t[r * months + column] = sum
                }
            }
            return
        }
        let w = windowMatrix(months: months, width: width)
        w.withUncheckedColumn { w in BLAS.multiply(m, w, into: t, m: rows, k: months, n: months) }
    }

    /// The sum of each column of a row-major rows × columns matrix: 1ᵀ·M (`dgemm` with one row
    /// when `exact`; else each column in row order).
    static func columnSums(_ m: UncheckedColumn<Double>, rows: Int, columns: Int, exact: Bool,
                           into sums: UncheckedMutableColumn<Double>) {
        guard exact else {
            precondition(m.count == rows * columns && sums.count == columns, "column sums of a matrix of another shape")
            for c in 0..<columns {
                var sum = 0.0
                for r in 0..<rows { sum += m[r * columns + c] }
                sums[c] = sum
            }
            return
        }
        let ones = [Double](repeating: 1, count: rows)
        ones.withUncheckedColumn { ones in BLAS.multiply(ones, m, into: sums, m: 1, k: rows, n: columns) }
    }
}

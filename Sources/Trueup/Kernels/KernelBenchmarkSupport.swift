/// The reductions of `Kernels`, reachable from outside the module.
///
/// `Kernels` and `BLAS` stay internal: nothing in the report needs them from
/// outside. This thin facade exists for the kernel micro-benchmark
/// (`bench/Micro`, a separate package), so that it times exactly the code the
/// report runs. Every function forwards to the internal kernel of the same name
/// and has its contract. It is SPI (`@_spi(Measurement) import Trueup`), not API.
/// It keeps the benchmark's buffer parameters (the benchmark times raw loops over
/// the same buffers beside these) and hands them on as `UncheckedColumn` views.
@_spi(Measurement) public enum KernelEntryPoints {
    /// e ← F − A (`dcopy` then `daxpy`).
    public static func error(forecast f: UnsafeBufferPointer<Double>, actual a: UnsafeBufferPointer<Double>,
                             into e: UnsafeMutableBufferPointer<Double>) {
        Kernels.error(forecast: UncheckedColumn(unchecked: f), actual: UncheckedColumn(unchecked: a),
                      into: UncheckedMutableColumn(unchecked: e))
    }

    /// Σx, as x · 1 (`ddot`) with a buffer of ones at least as long as x; in order when not `exact`.
    public static func sum(_ x: UnsafeBufferPointer<Double>, ones: UnsafeBufferPointer<Double>, exact: Bool = true) -> Double {
        Kernels.sum(UncheckedColumn(unchecked: x), ones: UncheckedColumn(unchecked: ones), exact: exact)
    }

    /// Σ|x| (`dasum`); in order when not `exact`.
    public static func absoluteSum(_ x: UnsafeBufferPointer<Double>, exact: Bool = true) -> Double {
        Kernels.absoluteSum(UncheckedColumn(unchecked: x), exact: exact)
    }

    /// Σx² (`ddot` of x with itself while exact, else in order).
    public static func sumOfSquares(_ x: UnsafeBufferPointer<Double>, exact: Bool = true) -> Double {
        let x = UncheckedColumn(unchecked: x)
        return Kernels.sumOfSquares(x, absoluteSum: Kernels.absoluteSum(x, exact: exact), exact: exact)
    }

    /// Σ|eᵢ|/|Aᵢ| over the cells with Aᵢ ≠ 0, and how many there are (a Swift loop).
    public static func relativeErrorSum(error e: UnsafeBufferPointer<Double>,
                                        actual a: UnsafeBufferPointer<Double>) -> (sum: Double, count: Int) {
        Kernels.relativeErrorSum(error: UncheckedColumn(unchecked: e), actual: UncheckedColumn(unchecked: a))
    }

    /// Σ 2|eᵢ|/(|Fᵢ|+|Aᵢ|), a cell with F = A = 0 counting 0 (a Swift loop).
    public static func symmetricErrorSum(error e: UnsafeBufferPointer<Double>, forecast f: UnsafeBufferPointer<Double>,
                                         actual a: UnsafeBufferPointer<Double>) -> Double {
        Kernels.symmetricErrorSum(error: UncheckedColumn(unchecked: e), forecast: UncheckedColumn(unchecked: f),
                                  actual: UncheckedColumn(unchecked: a))
    }
}

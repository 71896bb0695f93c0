import CBLAS

/// The only door to OpenBLAS.
///
/// Each function takes whole columns, checks their shapes once, and calls one
/// CBLAS routine with unit stride on the columns' buffers (the only place outside
/// the `Unchecked` rooms that sees them). Empty columns never reach the C side
/// (their base address may be nil), and return the empty sum, 0.
enum BLAS {
    /// Every routine runs on its caller's thread. trueup runs its own threads (`--threads`) and
    /// hands OpenBLAS one group's cells at a time; OpenBLAS's pool of threads beside them would
    /// only wait by spinning (about a tenth of a second of a core after each call it splits, in
    /// the middle of trueup's own parallel work). The sums are the same either way: the kernels
    /// use BLAS only where any order of adding gives the same result (`Kernels`). Set once, by
    /// `length`, which every call passes through before OpenBLAS is called.
    private static let onCallersThread: Void = openblas_set_num_threads(1)

    @inline(__always)
    private static func length(_ count: Int) -> Int32 {
        precondition(count <= Int(Int32.max), "a BLAS vector is limited to 2^31 - 1 elements")
        _ = onCallersThread
        return Int32(count)
    }

    /// x · y (`ddot`).
    static func dot(_ x: UncheckedColumn<Double>, _ y: UncheckedColumn<Double>) -> Double {
        precondition(x.count == y.count, "dot of vectors of different lengths")
        let (x, y) = (x.unsafeBuffer, y.unsafeBuffer)
        guard let px = x.baseAddress, let py = y.baseAddress, !x.isEmpty else { return 0 }
        return cblas_ddot(length(x.count), px, 1, py, 1)
    }

    /// Σ|xᵢ| (`dasum`).
    static func absoluteSum(_ x: UncheckedColumn<Double>) -> Double {
        let x = x.unsafeBuffer
        guard let px = x.baseAddress, !x.isEmpty else { return 0 }
        return cblas_dasum(length(x.count), px, 1)
    }

    /// y ← αx + y (`daxpy`).
    static func axpy(_ alpha: Double, _ x: UncheckedColumn<Double>, _ y: UncheckedMutableColumn<Double>) {
        precondition(x.count == y.count, "axpy of vectors of different lengths")
        let (x, y) = (x.unsafeBuffer, y.unsafeBuffer)
        guard let px = x.baseAddress, let py = y.baseAddress, !x.isEmpty else { return }
        cblas_daxpy(length(x.count), alpha, px, 1, py, 1)
    }

    /// y ← x (`dcopy`).
    static func copy(_ x: UncheckedColumn<Double>, _ y: UncheckedMutableColumn<Double>) {
        precondition(x.count == y.count, "copy between vectors of different lengths")
        let (x, y) = (x.unsafeBuffer, y.unsafeBuffer)
        guard let px = x.baseAddress, let py = y.baseAddress, !x.isEmpty else { return }
        cblas_dcopy(length(x.count), px, 1, py, 1)
    }

    /// C ← A·B for row-major A (m × k), B (k × n) and C (m × n) (`dgemm`).
    ///
    /// With m or n of 0 there is nothing to write; with k of 0 every entry of C is the empty sum, 0.
    static func multiply(_ a: UncheckedColumn<Double>, _ b: UncheckedColumn<Double>,
                         into c: UncheckedMutableColumn<Double>, m: Int, k: Int, n: Int) {
        precondition(m >= 0 && k >= 0 && n >= 0, "a matrix dimension is negative")
        precondition(a.count == m * k, "A holds \(a.count) values, not \(m) × \(k)")
        precondition(b.count == k * n, "B holds \(b.count) values, not \(k) × \(n)")
        precondition(c.count == m * n, "C holds \(c.count) values, not \(m) × \(n)")
        guard m > 0, n > 0, let pc = c.unsafeBuffer.baseAddress else { return }
        guard k > 0, let pa = a.unsafeBuffer.baseAddress, let pb = b.unsafeBuffer.baseAddress else {
            c.update(repeating: 0)
            return
        }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, length(m), length(n), length(k),
                    1, pa, length(k), pb, length(n), 0, pc, length(n))
    }
}

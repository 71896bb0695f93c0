import CBLAS

/// The only door to OpenBLAS.
///
/// Each function takes whole buffers, checks their shapes once, and calls one
/// CBLAS routine with unit stride. Empty buffers never reach the C side (their
/// base address may be nil), and return the empty sum, 0.
enum BLAS {
    @inline(__always)
    private static func length(_ count: Int) -> Int32 {
        precondition(count <= Int(Int32.max), "a BLAS vector is limited to 2^31 - 1 elements")
        return Int32(count)
    }

    /// x · y (`ddot`).
    static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        precondition(x.count == y.count, "dot of vectors of different lengths")
        guard let px = x.baseAddress, let py = y.baseAddress, !x.isEmpty else { return 0 }
        return cblas_ddot(length(x.count), px, 1, py, 1)
    }

    /// Σ|xᵢ| (`dasum`).
    static func absoluteSum(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard let px = x.baseAddress, !x.isEmpty else { return 0 }
        return cblas_dasum(length(x.count), px, 1)
    }

    /// y ← αx + y (`daxpy`).
    static func axpy(_ alpha: Double, _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        precondition(x.count == y.count, "axpy of vectors of different lengths")
        guard let px = x.baseAddress, let py = y.baseAddress, !x.isEmpty else { return }
        cblas_daxpy(length(x.count), alpha, px, 1, py, 1)
    }

    /// y ← x (`dcopy`).
    static func copy(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
        precondition(x.count == y.count, "copy between vectors of different lengths")
        guard let px = x.baseAddress, let py = y.baseAddress, !x.isEmpty else { return }
        cblas_dcopy(length(x.count), px, 1, py, 1)
    }
}

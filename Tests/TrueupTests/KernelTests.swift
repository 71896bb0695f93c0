import Testing
@testable import Trueup

/// Each BLAS-backed kernel against a plain scalar loop, to 1e-9 relative.
@Suite struct KernelTests {
    /// Lengths that cover the empty vector, one element, and sizes around BLAS unrolling.
    static let lengths = [0, 1, 2, 3, 7, 8, 31, 64, 1000, 4099]

    /// A seeded generator, so a failure can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Quantities as planners have them: mostly positive, some zeros and returns.
        mutating func quantity() -> Double {
            let u = next()
            if u < 0.1 { return 0 }
            if u < 0.15 { return -next() * 50 }
            return (next() * 1000).rounded() / 4
        }
    }

    static func vectors(_ n: Int, seed: UInt64) -> (f: [Double], a: [Double]) {
        var random = Random(state: seed)
        return ((0..<n).map { _ in random.quantity() }, (0..<n).map { _ in random.quantity() })
    }

    func agree(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    @Test(arguments: lengths)
    func signCountsAreTheScalarCounts(n: Int) {
        let (f, a) = Self.vectors(n, seed: UInt64(n) + 7)
        let e = zip(f, a).map { $0 - $1 } + [0, -0.0, .nan]
        let counts = e.withUncheckedColumn { Kernels.signCounts($0) }
        #expect(counts.over == e.filter { $0 > 0 }.count && counts.under == e.filter { $0 < 0 }.count)
    }

    @Test(arguments: lengths)
    func errorIsForecastMinusActual(n: Int) {
        let (f, a) = Self.vectors(n, seed: UInt64(n) + 1)
        var e = [Double](repeating: .nan, count: n)
        f.withUncheckedColumn { f in a.withUncheckedColumn { a in e.withUncheckedMutableColumn { e in
            Kernels.error(forecast: f, actual: a, into: e)
        } } }
        #expect(e == zip(f, a).map { $0 - $1 })
    }

    /// The BLAS path (`exact`) within 1e-9 of the scalar loop on any data and bit for bit on whole
    /// numbers (the units of an exact run); the ordered path bit for bit on any data.
    @Test(arguments: lengths, [true, false])
    func reductionsMatchScalarLoops(n: Int, exact: Bool) {
        for whole in [false, true] {
            var (f, a) = Self.vectors(n, seed: UInt64(n) + 100)
            if whole { (f, a) = (f.map { ($0 * 4).rounded() }, a.map { ($0 * 4).rounded() }) }
            let e = zip(f, a).map { $0 - $1 }
            let ones = [Double](repeating: 1, count: max(n, 1))
            let bitForBit = whole || !exact
            func same(_ x: Double, _ y: Double) -> Bool { bitForBit ? x == y : agree(x, y) }
            e.withUncheckedColumn { ev in ones.withUncheckedColumn { ones in
                var sum = 0.0, absolute = 0.0, squares = 0.0
                for x in e { sum += x; absolute += abs(x); squares += x * x }
                #expect(same(Kernels.sum(ev, ones: ones, exact: exact), sum))
                #expect(same(Kernels.absoluteSum(ev, exact: exact), absolute))
                #expect(same(Kernels.sumOfSquares(ev, absoluteSum: absolute, exact: exact), squares))
            } }
        }
    }

    /// Σe² leaves BLAS when the squares could pass 2^53: whole numbers near 10^8 still sum bit for bit.
    @Test func largeSquaresAreSummedInOrder() {
        var e: [Double] = []
        for i in 0..<1000 {
            let size = Double(100_000_000 + i * 7919)
            e.append(i % 3 == 0 ? -size : size)
        }
        var squares = 0.0, absolute = 0.0
        for x in e { squares += x * x; absolute += abs(x) }
        e.withUncheckedColumn { ev in
            #expect(Kernels.sumOfSquares(ev, absoluteSum: absolute, exact: true) == squares)
        }
    }

    @Test(arguments: lengths)
    func ratioKernelsMatchScalarLoops(n: Int) {
        let (f, a) = Self.vectors(n, seed: UInt64(n) + 200)
        let e = zip(f, a).map { $0 - $1 }
        var relative = 0.0, relativeCount = 0, symmetric = 0.0
        for i in 0..<n {
            if a[i] != 0 { relative += abs(e[i]) / abs(a[i]); relativeCount += 1 }
            if abs(f[i]) + abs(a[i]) != 0 { symmetric += 2 * abs(e[i]) / (abs(f[i]) + abs(a[i])) }
        }
        f.withUncheckedColumn { f in a.withUncheckedColumn { a in e.withUncheckedColumn { e in
            let mape = Kernels.relativeErrorSum(error: e, actual: a)
            #expect(agree(mape.sum, relative))
            #expect(mape.count == relativeCount)
            #expect(agree(Kernels.symmetricErrorSum(error: e, forecast: f, actual: a), symmetric))
        } } }
    }

    @Test func signTestMatchesExactBinomialSums() {
        // P(X >= m) for X ~ Bin(n, 1/2), summed exactly with integer binomials.
        func exact(_ k: Int, _ n: Int) -> Double {
            guard n > 0 else { return 1 }
            var c = 1.0, tail = 0.0
            let m = max(k, n - k)
            for j in 0...n {
                if j >= m { tail += c }
                c = c * Double(n - j) / Double(j + 1)
            }
            var twoToN = 1.0
            for _ in 0..<n { twoToN *= 2 }
            return min(1, 2 * tail / twoToN)
        }
        for n in 0...40 {
            for k in 0...n {
                #expect(abs(SignTest.pValue(over: k, under: n - k) - exact(k, n)) <= 1e-12, "n=\(n) k=\(k)")
            }
        }
        // Past 1,000 periods the log-space path takes over: a balanced split is not significant, a lopsided one is.
        #expect(SignTest.pValue(over: 600, under: 601) == 1)
        #expect(SignTest.pValue(over: 1050, under: 0) > 0)
        #expect(SignTest.pValue(over: 1050, under: 0) < 1e-300)
        #expect(abs(SignTest.pValue(over: 11, under: 1) - 2 * 13 / 4096.0) <= 1e-15)
    }
}

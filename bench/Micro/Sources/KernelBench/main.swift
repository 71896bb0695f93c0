// KernelBench: the throughput of trueup's reductions, and what blocking them into cache-sized chunks buys.
//
//   swift run -c release KernelBench [--markdown] [--quick]
//
// Part 1 times each kernel of `Kernels` (through the public `KernelEntryPoints`,
// so exactly the code `trueup report` runs) next to a plain Swift loop and a
// Swift loop written on SIMD vectors, at sizes whose buffers fit L1, L2, L3 and
// only main memory. The Swift loops are built for the default x86-64 target
// (SSE2), as trueup is; OpenBLAS picks its kernels for the CPU at run time. Part 2 times a group's whole set of reductions over
// buffers of one size, done as whole-buffer passes (as `GroupFigures` does)
// against the same calls made chunk by chunk, and against one fused Swift pass.
//
// Throughput is GB/s of the kernel's inputs (bytes read as the figure needs
// them, 10^9 bytes a second): e = F − A reads F and A (16 bytes a cell) even
// though dcopy + daxpy touch e twice more; Σx reads x (8 bytes) even though
// ddot also reads the buffer of ones. Each figure is the median of 7 timed
// samples after one warm-up sample; a sample repeats the call until it has
// read at least 256 MB (once, for the largest size).

import Foundation
@_spi(Measurement) import Trueup

// MARK: - Options

let arguments = CommandLine.arguments.dropFirst()
let markdown = arguments.contains("--markdown")
let quick = arguments.contains("--quick")  // a smoke run: small sizes, few samples
if let unknown = arguments.first(where: { $0 != "--markdown" && $0 != "--quick" }) {
    FileHandle.standardError.write("usage: KernelBench [--markdown] [--quick]\nunknown argument \(unknown)\n".data(using: .utf8)!)
    exit(64)
}

let sizes: [(name: String, count: Int)] = quick
    ? [("1K", 1 << 10), ("32K", 1 << 15), ("256K", 1 << 18)]
    : [("1K", 1 << 10), ("32K", 1 << 15), ("1M", 1 << 20), ("32M", 1 << 25)]
let samples = quick ? 3 : 7
let bytesPerSample = quick ? 32 << 20 : 256 << 20
let largest = sizes.last!.count

// MARK: - Clock, sink

@inline(__always) func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Results go here so the optimiser cannot drop the work.
nonisolated(unsafe) var sink = 0.0
@inline(never) func consume(_ x: Double) { sink += x }

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Tells the optimiser that any memory may have changed, so that a call with the
/// same arguments as the last one cannot be hoisted out of the repetition loop.
@_optimize(none) func clobber() {}

/// Runs `body` (which reads `bytes` bytes) enough times per sample, returns the median GB/s.
func throughput(bytes: Int, _ body: () -> Double) -> Double {
    let repeats = max(1, (bytesPerSample + bytes - 1) / bytes)
    var rates: [Double] = []
    for s in 0...samples {
        var acc = 0.0
        let start = now()
        for _ in 0..<repeats {
            clobber()
            acc += body()
        }
        let seconds = now() - start
        consume(acc)
        if s > 0 { rates.append(Double(bytes) * Double(repeats) / seconds / 1e9) }  // sample 0 warms up
    }
    return median(rates)
}

// MARK: - Data

func allocate(_ n: Int) -> UnsafeMutableBufferPointer<Double> {
    var raw: UnsafeMutableRawPointer?
    precondition(posix_memalign(&raw, 64, n * MemoryLayout<Double>.stride) == 0, "out of memory")
    let p = raw!.bindMemory(to: Double.self, capacity: n)
    return UnsafeMutableBufferPointer(start: p, count: n)
}

/// Actuals like the generator's: whole quantities up to 400, one in ten zero;
/// forecasts within ±30% of them, to one decimal, some zero.
nonisolated(unsafe) var state: UInt64 = 0x9E37_79B9_7F4A_7C15
@inline(__always) func next() -> UInt64 {
    state ^= state << 13; state ^= state >> 7; state ^= state << 17
    return state
}
// Top-level code runs on the main thread only; the buffers are read from plain functions.
nonisolated(unsafe) let forecastAll = allocate(largest)
nonisolated(unsafe) let actualAll = allocate(largest)
nonisolated(unsafe) let errorAll = allocate(largest)
nonisolated(unsafe) let onesAll = allocate(largest)
for i in 0..<largest {
    let a = next() % 10 == 0 ? 0.0 : Double(next() % 400 + 1)
    let jitter = Double(next() % 601) / 1000 - 0.3
    forecastAll[i] = next() % 50 == 0 ? 0 : (max(0, a * (1 + jitter) + Double(next() % 5)) * 10).rounded() / 10
    actualAll[i] = a
    errorAll[i] = forecastAll[i] - a
    onesAll[i] = 1
}
nonisolated(unsafe) let ones = UnsafeBufferPointer(onesAll)

// MARK: - The Swift loops

typealias V = SIMD8<Double>
@inline(__always) func load(_ p: UnsafePointer<Double>, _ i: Int) -> V {
    UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
}
/// |v| by clearing the sign bits (`pointwiseMax(v, -v)` compiles to a branchy call, lane by lane).
@inline(__always) func absV(_ v: V) -> V {
    unsafeBitCast(unsafeBitCast(v, to: SIMD8<UInt64>.self) & SIMD8<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF), to: V.self)
}

enum Scalar {
    @inline(never) static func error(_ f: UnsafeBufferPointer<Double>, _ a: UnsafeBufferPointer<Double>, _ e: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<e.count { e[i] = f[i] - a[i] }
    }
    @inline(never) static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<x.count { s += x[i] }
        return s
    }
    @inline(never) static func absoluteSum(_ x: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<x.count { s += abs(x[i]) }
        return s
    }
    @inline(never) static func sumOfSquares(_ x: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<x.count { s += x[i] * x[i] }
        return s
    }
    @inline(never) static func relativeErrorSum(_ e: UnsafeBufferPointer<Double>, _ a: UnsafeBufferPointer<Double>) -> (Double, Int) {
        var s = 0.0
        var c = 0
        for i in 0..<a.count where a[i] != 0 {
            s += abs(e[i]) / abs(a[i])
            c += 1
        }
        return (s, c)
    }
    @inline(never) static func symmetricErrorSum(_ e: UnsafeBufferPointer<Double>, _ f: UnsafeBufferPointer<Double>, _ a: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<e.count {
            let scale = abs(f[i]) + abs(a[i])
            if scale != 0 { s += 2 * abs(e[i]) / scale }
        }
        return s
    }
}

/// Two SIMD8 accumulators (16 independent sums), a scalar tail. Sums are
/// reassociated, so they may differ from the scalar loop in the last bits.
enum Vector {
    @inline(never) static func error(_ f: UnsafeBufferPointer<Double>, _ a: UnsafeBufferPointer<Double>, _ e: UnsafeMutableBufferPointer<Double>) {
        let n = e.count, pf = f.baseAddress!, pa = a.baseAddress!, pe = e.baseAddress!
        var i = 0
        while i + 8 <= n {
            UnsafeMutableRawPointer(pe + i).storeBytes(of: load(pf, i) - load(pa, i), as: V.self)
            i += 8
        }
        while i < n { pe[i] = pf[i] - pa[i]; i += 1 }
    }
    @inline(never) static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count, p = x.baseAddress!
        var s0 = V(), s1 = V(), i = 0
        while i + 16 <= n { s0 += load(p, i); s1 += load(p, i + 8); i += 16 }
        var s = (s0 + s1).sum()
        while i < n { s += p[i]; i += 1 }
        return s
    }
    @inline(never) static func absoluteSum(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count, p = x.baseAddress!
        var s0 = V(), s1 = V(), i = 0
        while i + 16 <= n { s0 += absV(load(p, i)); s1 += absV(load(p, i + 8)); i += 16 }
        var s = (s0 + s1).sum()
        while i < n { s += abs(p[i]); i += 1 }
        return s
    }
    @inline(never) static func sumOfSquares(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count, p = x.baseAddress!
        var s0 = V(), s1 = V(), i = 0
        while i + 16 <= n {
            let u = load(p, i), v = load(p, i + 8)
            s0 += u * u; s1 += v * v; i += 16
        }
        var s = (s0 + s1).sum()
        while i < n { s += p[i] * p[i]; i += 1 }
        return s
    }
    @inline(never) static func relativeErrorSum(_ e: UnsafeBufferPointer<Double>, _ a: UnsafeBufferPointer<Double>) -> (Double, Int) {
        let n = a.count, pe = e.baseAddress!, pa = a.baseAddress!
        var s = V(), c = SIMD8<Int64>(), i = 0
        while i + 8 <= n {
            let av = absV(load(pa, i))
            let zero = av .== 0
            s += (absV(load(pe, i)) / av.replacing(with: 1, where: zero)).replacing(with: 0, where: zero)
            c &+= SIMD8<Int64>(repeating: 1).replacing(with: 0, where: zero)
            i += 8
        }
        var total = s.sum(), count = Int(c.wrappedSum())
        while i < n {
            if pa[i] != 0 { total += abs(pe[i]) / abs(pa[i]); count += 1 }
            i += 1
        }
        return (total, count)
    }
    @inline(never) static func symmetricErrorSum(_ e: UnsafeBufferPointer<Double>, _ f: UnsafeBufferPointer<Double>, _ a: UnsafeBufferPointer<Double>) -> Double {
        let n = e.count, pe = e.baseAddress!, pf = f.baseAddress!, pa = a.baseAddress!
        var s = V(), i = 0
        while i + 8 <= n {
            let scale = absV(load(pf, i)) + absV(load(pa, i))
            let zero = scale .== 0
            s += (2 * absV(load(pe, i)) / scale.replacing(with: 1, where: zero)).replacing(with: 0, where: zero)
            i += 8
        }
        var total = s.sum()
        while i < n {
            let scale = abs(pf[i]) + abs(pa[i])
            if scale != 0 { total += 2 * abs(pe[i]) / scale }
            i += 1
        }
        return total
    }
}

// MARK: - Part 1: each kernel

struct Kernel {
    let name: String
    let bytesPerCell: Int
    let trueupLabel: String
    let trueup: (Int) -> Double
    let scalar: (Int) -> Double
    let vector: (Int) -> Double
}

func f(_ n: Int) -> UnsafeBufferPointer<Double> { UnsafeBufferPointer(rebasing: forecastAll[0..<n]) }
func a(_ n: Int) -> UnsafeBufferPointer<Double> { UnsafeBufferPointer(rebasing: actualAll[0..<n]) }
func e(_ n: Int) -> UnsafeBufferPointer<Double> { UnsafeBufferPointer(rebasing: errorAll[0..<n]) }
func eOut(_ n: Int) -> UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(rebasing: errorAll[0..<n]) }

let kernels: [Kernel] = [
    Kernel(name: "e = F − A", bytesPerCell: 16, trueupLabel: "dcopy+daxpy",
           trueup: { n in KernelEntryPoints.error(forecast: f(n), actual: a(n), into: eOut(n)); return errorAll[n - 1] },
           scalar: { n in Scalar.error(f(n), a(n), eOut(n)); return errorAll[n - 1] },
           vector: { n in Vector.error(f(n), a(n), eOut(n)); return errorAll[n - 1] }),
    Kernel(name: "Σx", bytesPerCell: 8, trueupLabel: "ddot with ones",
           trueup: { n in KernelEntryPoints.sum(a(n), ones: ones) },
           scalar: { n in Scalar.sum(a(n)) },
           vector: { n in Vector.sum(a(n)) }),
    Kernel(name: "Σ|x|", bytesPerCell: 8, trueupLabel: "dasum",
           trueup: { n in KernelEntryPoints.absoluteSum(e(n)) },
           scalar: { n in Scalar.absoluteSum(e(n)) },
           vector: { n in Vector.absoluteSum(e(n)) }),
    Kernel(name: "Σx²", bytesPerCell: 8, trueupLabel: "ddot x·x",
           trueup: { n in KernelEntryPoints.sumOfSquares(e(n)) },
           scalar: { n in Scalar.sumOfSquares(e(n)) },
           vector: { n in Vector.sumOfSquares(e(n)) }),
    Kernel(name: "Σ|e|/|A| (MAPE)", bytesPerCell: 16, trueupLabel: "Swift loop",
           trueup: { n in KernelEntryPoints.relativeErrorSum(error: e(n), actual: a(n)).sum },
           scalar: { n in Scalar.relativeErrorSum(e(n), a(n)).0 },
           vector: { n in Vector.relativeErrorSum(e(n), a(n)).0 }),
    Kernel(name: "Σ2|e|/(|F|+|A|) (sMAPE)", bytesPerCell: 24, trueupLabel: "Swift loop",
           trueup: { n in KernelEntryPoints.symmetricErrorSum(error: e(n), forecast: f(n), actual: a(n)) },
           scalar: { n in Scalar.symmetricErrorSum(e(n), f(n), a(n)) },
           vector: { n in Vector.symmetricErrorSum(e(n), f(n), a(n)) }),
]

// The three versions must agree before their speed means anything.
for k in kernels {
    let n = sizes[1].count + 5  // not a multiple of the vector width
    let x = k.trueup(n), y = k.scalar(n), z = k.vector(n)
    precondition(abs(x - y) <= 1e-9 * max(1, abs(y)) && abs(z - y) <= 1e-9 * max(1, abs(y)), "\(k.name): \(x) \(y) \(z)")
}
do {  // restore e = F − A for the kernels that read it
    Vector.error(f(largest), a(largest), eOut(largest))
}

// MARK: - Part 2: a group's set of reductions, whole buffers against chunks

/// The sums `GroupFigures` takes of one (group, lag), less the per-period and naive parts.
struct GroupSums: Equatable {
    var f = 0.0, a = 0.0, e = 0.0, absE = 0.0, absA = 0.0, sqE = 0.0, rel = 0.0, relCells = 0, sym = 0.0
    static func += (l: inout GroupSums, r: GroupSums) {
        l.f += r.f; l.a += r.a; l.e += r.e; l.absE += r.absE; l.absA += r.absA; l.sqE += r.sqE
        l.rel += r.rel; l.relCells += r.relCells; l.sym += r.sym
    }
    func close(to o: GroupSums) -> Bool {
        func near(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(1, abs(x), abs(y)) }
        return near(f, o.f) && near(a, o.a) && near(e, o.e) && near(absE, o.absE) && near(absA, o.absA)
            && near(sqE, o.sqE) && near(rel, o.rel) && relCells == o.relCells && near(sym, o.sym)
    }
    var total: Double { f + a + e + absE + absA + sqE + rel + Double(relCells) + sym }
}

/// The BLAS set (e, ΣF, ΣA, Σe, Σ|e|, Σ|A|, Σe²) and, with `ratios`, the MAPE and sMAPE sums, over
/// `f`, `a` with `e` as scratch of the same length: one call of each kernel, in `GroupFigures`' order.
@inline(__always)
func groupPass(_ f: UnsafeBufferPointer<Double>, _ a: UnsafeBufferPointer<Double>, _ e: UnsafeMutableBufferPointer<Double>,
               ratios: Bool) -> GroupSums {
    KernelEntryPoints.error(forecast: f, actual: a, into: e)
    let ev = UnsafeBufferPointer(e)
    var s = GroupSums()
    s.f = KernelEntryPoints.sum(f, ones: ones)
    s.a = KernelEntryPoints.sum(a, ones: ones)
    s.e = KernelEntryPoints.sum(ev, ones: ones)
    s.absE = KernelEntryPoints.absoluteSum(ev)
    s.absA = KernelEntryPoints.absoluteSum(a)
    s.sqE = KernelEntryPoints.sumOfSquares(ev)
    if ratios {
        (s.rel, s.relCells) = KernelEntryPoints.relativeErrorSum(error: ev, actual: a)
        s.sym = KernelEntryPoints.symmetricErrorSum(error: ev, forecast: f, actual: a)
    }
    return s
}

/// The same calls, `chunk` cells at a time, into a chunk-sized scratch for e.
@inline(never) func chunkedPass(_ n: Int, chunk: Int, ratios: Bool, scratch: UnsafeMutableBufferPointer<Double>) -> GroupSums {
    var s = GroupSums()
    var start = 0
    while start < n {
        let end = min(start + chunk, n)
        s += groupPass(UnsafeBufferPointer(rebasing: forecastAll[start..<end]), UnsafeBufferPointer(rebasing: actualAll[start..<end]),
                       UnsafeMutableBufferPointer(rebasing: scratch[0..<(end - start)]), ratios: ratios)
        start = end
    }
    return s
}

/// SIMD4 for the fused pass, so that its nine accumulators fit the 16 SSE registers
/// of the baseline x86-64 target.
typealias W = SIMD4<Double>
@inline(__always) func load4(_ p: UnsafePointer<Double>, _ i: Int) -> W {
    UnsafeRawPointer(p + i).loadUnaligned(as: W.self)
}
@inline(__always) func absW(_ v: W) -> W {
    unsafeBitCast(unsafeBitCast(v, to: SIMD4<UInt64>.self) & SIMD4<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF), to: W.self)
}

/// Every sum in one pass of Swift SIMD code over F and A, e never stored.
@inline(never) func fusedPass(_ n: Int, ratios: Bool) -> GroupSums {
    let pf = forecastAll.baseAddress!, pa = actualAll.baseAddress!
    var sf = W(), sa = W(), se = W(), sae = W(), saa = W(), sqe = W(), rel = W(), sym = W(), cells = SIMD4<Int64>()
    var i = 0
    while i + 4 <= n {
        let fv = load4(pf, i), av = load4(pa, i), ev = fv - av
        let ae = absW(ev), aa = absW(av)
        sf += fv; sa += av; se += ev; sae += ae; saa += aa; sqe += ev * ev
        if ratios {
            let zeroA = aa .== 0
            rel += (ae / aa.replacing(with: 1, where: zeroA)).replacing(with: 0, where: zeroA)
            cells &+= SIMD4<Int64>(repeating: 1).replacing(with: 0, where: zeroA)
            let scale = absW(fv) + aa
            let zeroS = scale .== 0
            sym += (2 * ae / scale.replacing(with: 1, where: zeroS)).replacing(with: 0, where: zeroS)
        }
        i += 4
    }
    var s = GroupSums(f: sf.sum(), a: sa.sum(), e: se.sum(), absE: sae.sum(), absA: saa.sum(), sqE: sqe.sum(),
                      rel: rel.sum(), relCells: Int(cells.wrappedSum()), sym: sym.sum())
    while i < n {
        let fv = pf[i], av = pa[i], ev = fv - av
        s.f += fv; s.a += av; s.e += ev; s.absE += abs(ev); s.absA += abs(av); s.sqE += ev * ev
        if ratios {
            if av != 0 { s.rel += abs(ev) / abs(av); s.relCells += 1 }
            let scale = abs(fv) + abs(av)
            if scale != 0 { s.sym += 2 * abs(ev) / scale }
        }
        i += 1
    }
    return s
}

// MARK: - OpenBLAS threads

/// OpenBLAS splits ddot, dasum and daxpy across threads on long vectors; trueup
/// leaves the thread count at its default (one per core). Both are measured. The functions are looked up at run time, as the C module
/// of the root package is not visible here.
typealias CountFunction = @convention(c) () -> Int32
typealias SetCountFunction = @convention(c) (Int32) -> Void
let defaultBLASThreads: Int32 = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_get_num_threads")
    .map { unsafeBitCast($0, to: CountFunction.self)() } ?? 1
func setBLASThreads(_ count: Int32) {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") else { return }
    unsafeBitCast(symbol, to: SetCountFunction.self)(count)
}

// MARK: - Machine

func machine() -> [String] {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    var caches: [String] = []
    for index in 0..<5 {
        let dir = "/sys/devices/system/cpu/cpu0/cache/index\(index)/"
        guard let level = try? String(contentsOfFile: dir + "level", encoding: .utf8),
              let type = try? String(contentsOfFile: dir + "type", encoding: .utf8),
              let size = try? String(contentsOfFile: dir + "size", encoding: .utf8),
              type.trimmingCharacters(in: .whitespacesAndNewlines) != "Instruction" else { continue }
        caches.append("L\(level.trimmingCharacters(in: .whitespacesAndNewlines)) \(size.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
    let memory = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal") }
        .flatMap { Double($0.split(separator: " ")[1]) }.map { String(format: "%.1f GiB", $0 / 1024 / 1024) } ?? "?"
    var blas = "OpenBLAS"
    typealias NameFunction = @convention(c) () -> UnsafePointer<CChar>?
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_get_config"),
       let config = unsafeBitCast(symbol, to: NameFunction.self)() {
        blas = String(cString: config)
    }
    blas += "; \(defaultBLASThreads) threads by default"
    return [
        "machine: \(model), \(cores) cores, \(memory) memory; cpu0's data caches: \(caches.joined(separator: ", "))",
        "BLAS:    \(blas)",
    ]
}

// MARK: - Run and print

struct Table {
    var title: String
    var header: [String]
    /// Columns of words, left-aligned in Markdown (the plain table left-aligns only the first).
    var wordColumns: Set<Int>
    var rows: [[String]] = []

    func render() -> String {
        if markdown {
            var out = "\(title)\n\n| " + header.joined(separator: " | ") + " |\n|"
            for i in header.indices { out += i == 0 || wordColumns.contains(i) ? " --- |" : " ---: |" }
            for row in rows { out += "\n| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
            return out + "\n"
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out = "\(title)\n\n" + line(header) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}

func gb(_ x: Double) -> String { String(format: x < 10 ? "%.2f" : "%.1f", x) }
func ratio(_ x: Double) -> String { String(format: "%.2fx", x) }

let header = machine()
for line in header { print(markdown ? line + "  " : line) }
print(markdown ? "" : "", terminator: "")
print("sizes:   " + sizes.map { "\($0.name) doubles (\($0.count * 8 / 1024) KiB a buffer)" }.joined(separator: ", "))
print("")

let threads = "\(defaultBLASThreads) thr"
var kernelTable = Table(
    title: "Kernel throughput, GB/s of input read (median of \(samples)); trueup = the report's kernel, with OpenBLAS on its default \(defaultBLASThreads) threads and on 1",
    header: ["kernel", "trueup uses", "size", "trueup \(threads)", "trueup 1 thr", "Swift loop", "Swift SIMD", "trueup \(threads) / best Swift"],
    wordColumns: [1])
for k in kernels {
    for (name, n) in sizes {
        let bytes = n * k.bytesPerCell
        setBLASThreads(defaultBLASThreads)
        let t = throughput(bytes: bytes) { k.trueup(n) }
        setBLASThreads(1)
        let t1 = throughput(bytes: bytes) { k.trueup(n) }
        setBLASThreads(defaultBLASThreads)
        let s = throughput(bytes: bytes) { k.scalar(n) }
        let v = throughput(bytes: bytes) { k.vector(n) }
        kernelTable.rows.append([k.name, k.trueupLabel, name, gb(t), gb(t1), gb(s), gb(v), ratio(t / max(s, v))])
    }
    if k.name == "e = F − A" { Vector.error(f(largest), a(largest), eOut(largest)) }
}
print(kernelTable.render())

let chunks = quick ? [4096, 16384] : [4096, 16384, 65536]
let groupSizes: [(name: String, count: Int)] = quick
    ? [("2,400", 2400), ("256K", 1 << 18)]
    : [("2,400", 2400), ("1M", 1 << 20), ("32M", 1 << 25)]
let scratch = allocate(largest)
var groupTable = Table(
    title: "A group's reductions, whole-buffer passes against cache-sized chunks, GB/s of F and A read (median of \(samples)), OpenBLAS on \(defaultBLASThreads) threads and on 1",
    header: ["set", "cells", "how", "GB/s \(threads)", "vs whole", "GB/s 1 thr", "vs whole"],
    wordColumns: [2])
var agree = true
/// The same measurement with OpenBLAS on its default threads and on one.
func bothThreadCounts(bytes: Int, _ body: () -> Double) -> (Double, Double) {
    setBLASThreads(defaultBLASThreads)
    let many = throughput(bytes: bytes, body)
    setBLASThreads(1)
    let one = throughput(bytes: bytes, body)
    setBLASThreads(defaultBLASThreads)
    return (many, one)
}
for ratios in [false, true] {
    let set = ratios ? "BLAS set + MAPE, sMAPE sums" : "BLAS set: e, ΣF, ΣA, Σe, Σ|e|, Σ|A|, Σe²"
    for (name, n) in groupSizes {
        let bytes = n * 16
        let fn = f(n), an = a(n), en = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        let reference = groupPass(fn, an, en, ratios: ratios)
        let whole = bothThreadCounts(bytes: bytes) { groupPass(fn, an, en, ratios: ratios).total }
        groupTable.rows.append([set, name, "whole buffers (as the report does)", gb(whole.0), "1.00x", gb(whole.1), "1.00x"])
        for chunk in chunks where chunk < n {
            agree = agree && chunkedPass(n, chunk: chunk, ratios: ratios, scratch: scratch).close(to: reference)
            let rate = bothThreadCounts(bytes: bytes) { chunkedPass(n, chunk: chunk, ratios: ratios, scratch: scratch).total }
            groupTable.rows.append([set, name, "chunks of \(chunk / 1024)K cells", gb(rate.0), ratio(rate.0 / whole.0),
                                    gb(rate.1), ratio(rate.1 / whole.1)])
        }
        agree = agree && fusedPass(n, ratios: ratios).close(to: reference)
        let fused = bothThreadCounts(bytes: bytes) { fusedPass(n, ratios: ratios).total }
        groupTable.rows.append([set, name, "one fused Swift SIMD pass", gb(fused.0), ratio(fused.0 / whole.0),
                                gb(fused.1), ratio(fused.1 / whole.1)])
    }
}
print(groupTable.render())
print("chunked and fused sums agree with whole-buffer sums (relative 1e-9): \(agree ? "yes" : "NO")")
if sink == 42 { print("") }  // keep `sink` alive

import Foundation
import Testing

/// The same inputs give the same bytes whatever OpenBLAS kernel, thread count or hash seed the run
/// gets (METRICS.md, "Reproducible to the byte"), and sums of quantities are exact decimals.
@Suite struct ReproducibleOutputTests {
    static let demo = ["--forecasts", CLI.packageRoot.appendingPathComponent("datasets/demo/forecasts.csv").path,
                       "--actuals", CLI.packageRoot.appendingPathComponent("datasets/demo/actuals.csv").path]

    /// One way a run can differ from another on the same inputs.
    struct Setting: CustomStringConvertible, Sendable {
        /// nil: OpenBLAS picks the kernel for the CPU.
        var coreType: String?
        var threads: Int
        var deterministicHashing: Bool
        var description: String { "\(coreType ?? "its own core type"), --threads \(threads), hashing \(deterministicHashing ? "fixed" : "random")" }
        var environment: [String: String?] {
            ["OPENBLAS_CORETYPE": coreType, "SWIFT_DETERMINISTIC_HASHING": deterministicHashing ? "1" : nil]
        }
    }

    /// The OpenBLAS core types (x86-64 kernels) this CPU can run: a kernel for instructions the
    /// CPU lacks would stop the run with an illegal instruction, so SkylakeX needs AVX-512,
    /// Haswell and Zen AVX2 with FMA, Sandybridge AVX. Empty on other architectures.
    static let coreTypes: [String] = {
        #if arch(x86_64)
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flags = Set(cpuinfo.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
        var types = ["Prescott"]
        if flags.contains("avx") { types.append("Sandybridge") }
        if flags.contains("avx2") && flags.contains("fma") { types += ["Haswell", "Zen"] }
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { types.append("SkylakeX") }
        return types
        #else
        return []
        #endif
    }()

    /// Every core type the CPU runs, thread counts that split the groups differently, and both hash
    /// modes, each at least twice.
    static let settings: [Setting] = zip([1, 2, 3, 8, 1, 5, 4, 2], [true, false, true, false, true, false, true, false]).enumerated()
        .map { k, setting in
            Setting(coreType: coreTypes.isEmpty ? nil : coreTypes[(coreTypes.count - 1 - k % coreTypes.count)],
                    threads: setting.0, deterministicHashing: setting.1)
        }

    /// The files of one run of `report --out` on the demo data.
    func files(_ setting: Setting, _ extra: [String] = []) throws -> [String: String] {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report", "--wide"] + Self.demo + ["--out", out, "--no-history", "--threads", String(setting.threads)] + extra,
                                  environment: setting.environment)
        #expect(outcome.status == 0, "\(setting): \(outcome.stderr)")
        var files: [String: String] = [:]
        for name in ["metrics.csv", "flags.csv", "report.html", "README.txt"] {
            files[name] = space.read("out/" + name)
        }
        return files
    }

    @Test func sameFilesOnEveryCoreTypeThreadCountAndHashSeed() throws {
        let first = try files(Self.settings[0])
        #expect(first["metrics.csv"] != nil && first["flags.csv"] != nil && first["report.html"] != nil)
        for setting in Self.settings.dropFirst() {
            let other = try files(setting)
            for name in ["metrics.csv", "flags.csv", "report.html", "README.txt"] {
                #expect(other[name] == first[name], "\(name) differs under \(setting)")
            }
        }
    }

    /// By customer and item the demo has 1,000 groups: the figures are split between threads.
    @Test func sameMetricsByCustomerAndItemOnEveryThreadCount() throws {
        let arguments = ["report", "--wide"] + Self.demo + ["--by", "customer,item", "--format", "csv"]
        var outputs: [String] = []
        for setting in Self.settings.prefix(4) {
            let outcome = try CLI.run(arguments + ["--threads", String(setting.threads)], environment: setting.environment)
            #expect(outcome.status == 0)
            outputs.append(outcome.stdout)
        }
        #expect(outputs[0].split(separator: "\n").count == 3001)
        #expect(Set(outputs).count == 1)
    }

    /// The variable the test above relies on reaches OpenBLAS (Debian builds it with DYNAMIC_ARCH).
    @Test(arguments: ReproducibleOutputTests.coreTypes)
    func openBLASTakesTheCoreTypeItIsGiven(coreType: String) throws {
        let fixtures = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/tiny")
        let outcome = try CLI.run(["report", "--wide", "--forecasts", fixtures.appendingPathComponent("forecasts.csv").path,
                                   "--actuals", fixtures.appendingPathComponent("actuals.csv").path, "--format", "csv"],
                                  environment: ["OPENBLAS_CORETYPE": coreType, "OPENBLAS_VERBOSE": "2"])
        #expect(outcome.status == 0)
        #expect((outcome.stdout + outcome.stderr).contains("Core: \(coreType)"))
    }
}

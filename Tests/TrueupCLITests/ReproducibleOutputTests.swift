import Foundation
import Testing

/// The same inputs give the same bytes whatever OpenBLAS kernel, thread count or hash seed the run
/// gets (METRICS.md, "Reproducible to the byte"), and sums of quantities are exact decimals.
@Suite struct ReproducibleOutputTests {
    static let demo = ["--forecasts", CLI.packageRoot.appendingPathComponent("datasets/demo/forecasts.csv").path,
                       "--actuals", CLI.packageRoot.appendingPathComponent("datasets/demo/actuals.csv").path]

    /// One way a run can differ from another on the same inputs.
    struct Setting: CustomStringConvertible, Sendable {
        var coreType: String
        var threads: Int
        var deterministicHashing: Bool
        var description: String { "\(coreType), --threads \(threads), hashing \(deterministicHashing ? "fixed" : "random")" }
        var environment: [String: String?] {
            ["OPENBLAS_CORETYPE": coreType, "SWIFT_DETERMINISTIC_HASHING": deterministicHashing ? "1" : nil]
        }
    }

    /// Every core type, thread counts that split the groups differently, and both hash modes, each at least twice.
    static let settings = [
        Setting(coreType: "Haswell", threads: 1, deterministicHashing: true),
        Setting(coreType: "SkylakeX", threads: 2, deterministicHashing: false),
        Setting(coreType: "Sandybridge", threads: 3, deterministicHashing: true),
        Setting(coreType: "Prescott", threads: 8, deterministicHashing: false),
        Setting(coreType: "Prescott", threads: 1, deterministicHashing: true),
        Setting(coreType: "Haswell", threads: 5, deterministicHashing: false),
        Setting(coreType: "SkylakeX", threads: 4, deterministicHashing: true),
        Setting(coreType: "Sandybridge", threads: 2, deterministicHashing: false),
    ]

    /// The files of one run of `report --out` on the demo data.
    func files(_ setting: Setting, _ extra: [String] = []) throws -> [String: String] {
        let space = Workspace()
        let out = space.url.appendingPathComponent("out").path
        let outcome = try CLI.run(["report"] + Self.demo + ["--out", out, "--no-history", "--threads", String(setting.threads)] + extra,
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
        let arguments = ["report"] + Self.demo + ["--by", "customer,item", "--format", "csv"]
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
    @Test(arguments: ["Haswell", "SkylakeX", "Sandybridge", "Prescott"])
    func openBLASTakesTheCoreTypeItIsGiven(coreType: String) throws {
        let fixtures = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/tiny")
        let outcome = try CLI.run(["report", "--forecasts", fixtures.appendingPathComponent("forecasts.csv").path,
                                   "--actuals", fixtures.appendingPathComponent("actuals.csv").path, "--format", "csv"],
                                  environment: ["OPENBLAS_CORETYPE": coreType, "OPENBLAS_VERBOSE": "2"])
        #expect(outcome.status == 0)
        #expect((outcome.stdout + outcome.stderr).contains("Core: \(coreType)"))
    }
}

import Foundation
import Testing

/// Whole outputs on the demo, compared byte for byte with the files kept in `Golden/`.
///
/// Each case copies the demo into a temporary folder and runs `trueup` there on relative paths (so
/// every path in the outputs is the same on any machine), then compares every file it writes, its
/// standard output and its standard error with `Golden/<case>/`. A change that is meant to change an output is blessed by running
///
///     TRUEUP_BLESS=1 swift test --skip-build --filter GoldenOutputTests
///
/// which rewrites the golden files from the run; `git diff Tests/TrueupCLITests/Golden` then shows
/// exactly what changed, for the commit to explain.
@Suite struct GoldenOutputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        /// Whether the run writes an output folder (its files are compared too).
        var writesFolder: Bool
        var testDescription: String { name }
    }

    static let demo = ["--forecasts", "datasets/demo/forecasts.csv", "--actuals", "datasets/demo/actuals.csv"]
    static let money = ["--prices", "datasets/demo/prices.csv", "--agreements", "datasets/demo/agreements.csv"]

    static let cases: [Case] = [
        Case(name: "demo-report", arguments: ["report"] + demo + money + ["--lag", "1", "--no-history"], writesFolder: true),
        Case(name: "demo-report-by-item", arguments: ["report"] + demo + ["--by", "item", "--lag", "3", "--no-history"],
             writesFolder: true),
        Case(name: "demo-check", arguments: ["check"] + demo + ["--customer", "C0008", "--quantity", "1000"], writesFolder: false),
        Case(name: "demo-check-json", arguments: ["check"] + demo + ["--customer", "C0013", "--quantity", "250", "--format", "json"],
             writesFolder: false),
        Case(name: "demo-brief", arguments: ["brief"] + demo + money + ["--customer", "C0037"], writesFolder: false),
        Case(name: "demo-agreement", arguments: ["agreement"] + demo + ["--agreements", "datasets/demo/agreements.csv",
                                                                       "--customer", "C0033"], writesFolder: false),
    ]

    static var goldenRoot: URL { CLI.packageRoot.appendingPathComponent("Tests/TrueupCLITests/Golden") }
    static var blessing: Bool { ProcessInfo.processInfo.environment["TRUEUP_BLESS"] == "1" }

    @Test("the demo's outputs are the golden files", arguments: cases)
    func outputsAreGolden(_ golden: Case) throws {
        let workspace = Workspace()
        var arguments = golden.arguments
        let demo = workspace.url.appendingPathComponent("datasets/demo")
        try FileManager.default.createDirectory(at: demo, withIntermediateDirectories: true)
        for name in ["forecasts.csv", "actuals.csv", "prices.csv", "agreements.csv"] {
            try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("datasets/demo/\(name)"),
                                             to: demo.appendingPathComponent(name))
        }
        if golden.writesFolder { arguments += ["--out", "out"] }
        let outcome = try CLI.run(arguments, in: workspace.url)
        #expect(outcome.status == 0, "trueup \(arguments.joined(separator: " ")): \(outcome.stderr)")

        var produced: [String: Data] = ["stdout.txt": Data(outcome.stdout.utf8), "stderr.txt": Data(outcome.stderr.utf8)]
        if golden.writesFolder {
            let folder = workspace.url.appendingPathComponent("out")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                produced[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
        }
        let expectedFolder = Self.goldenRoot.appendingPathComponent(golden.name)
        if Self.blessing {
            try? FileManager.default.removeItem(at: expectedFolder)
            try FileManager.default.createDirectory(at: expectedFolder, withIntermediateDirectories: true)
            for (name, data) in produced { try data.write(to: expectedFolder.appendingPathComponent(name)) }
            return
        }
        let expectedNames = try FileManager.default.contentsOfDirectory(atPath: expectedFolder.path)
        #expect(Set(expectedNames) == Set(produced.keys), "the files written are the golden set")
        for name in expectedNames.sorted() {
            let expected = try Data(contentsOf: expectedFolder.appendingPathComponent(name))
            guard let actual = produced[name] else { continue }
            if actual != expected {
                Issue.record("\(golden.name)/\(name) differs from the golden file: \(Self.firstDifference(expected, actual))")
            }
        }
    }

    /// The first line that differs, both ways, for the failure message.
    static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for k in 0..<max(a.count, b.count) {
            let x = k < a.count ? String(a[k]) : "<end>", y = k < b.count ? String(b[k]) : "<end>"
            if x != y { return "line \(k + 1): expected \(x.prefix(200)) but got \(y.prefix(200))" }
        }
        return "same lines, different bytes"
    }
}

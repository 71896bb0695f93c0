import Foundation
@testable import Trueup

/// A temporary directory holding the files of one test, removed with the value.
final class Scratch {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "trueup-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) -> String {
        let target = path + "/" + name
        _ = FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
        return target
    }
}

/// The tiny dataset of Tests/Fixtures/tiny, whose figures are worked out by hand in GoldenMetricsTests.
///
/// Last closed period 2024-03 (the latest actual). It has a zero actual (A,x,03),
/// an unforecasted purchase (A,z,03), a forecast without actual (A,y,02), an open
/// forecast (A,x,04), two actual lines for one key (A,x,02) and an actual in a
/// period the customer did not forecast (B,x,01: unmatched).
enum Tiny {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tiny")
    static let forecasts = folder.appendingPathComponent("forecasts.csv").path
    static let actuals = folder.appendingPathComponent("actuals.csv").path

    static func run(configure: (inout ReportRequest) -> Void = { _ in }) throws -> ReportResult {
        var request = ReportRequest(forecasts: forecasts, actuals: actuals)
        configure(&request)
        return try Report.run(request)
    }
}

/// True when a and b agree to `relative` (or are both nil).
func close(_ a: Double?, _ b: Double?, relative: Double = 1e-12) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= relative * max(1, abs(x), abs(y))
    default: return false
    }
}

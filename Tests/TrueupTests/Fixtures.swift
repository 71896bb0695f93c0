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
        FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
        return target
    }
}

/// The tiny dataset whose figures are worked out by hand in GoldenMetricsTests.
///
/// Last closed period 2024-03 (the latest actual). It has a zero actual (A,x,03),
/// an unforecasted purchase (A,z,03), a forecast without actual (A,y,02), an open
/// forecast (A,x,04), two actual lines for one key (A,x,02) and an actual in a
/// period the customer did not forecast (B,x,01: unmatched).
enum Tiny {
    static let forecasts = """
        customer,item,period,lag,forecast
        A,x,2024-01,1,10
        A,x,2024-02,1,12
        A,x,2024-03,1,8
        A,y,2024-02,1,5
        A,x,2024-04,1,20
        B,x,2024-02,1,4
        B,x,2024-03,1,6

        """
    static let actuals = """
        customer,item,period,actual
        A,x,2024-01,8
        A,x,2024-02,10
        A,x,2024-02,5
        A,x,2024-03,0
        A,z,2024-03,7
        B,x,2024-01,3
        B,x,2024-02,4
        B,x,2024-03,2

        """

    static func run(_ scratch: Scratch, configure: (inout ReportRequest) -> Void = { _ in }) throws -> ReportResult {
        var request = ReportRequest(forecasts: scratch.file("forecasts.csv", forecasts),
                                    actuals: scratch.file("actuals.csv", actuals))
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

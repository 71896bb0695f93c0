import Foundation
import Testing
@testable import Trueup

/// `check` and `brief` read each file once, and the customer's items are the rows a run by customer and item gives.
@Suite struct CustomerViewTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/demo")

    static func request(configure: (inout ReportRequest) -> Void = { _ in }) -> ReportRequest {
        var request = ReportRequest(forecasts: demo.appendingPathComponent("forecasts.csv").path,
                                    actuals: demo.appendingPathComponent("actuals.csv").path)
        configure(&request)
        return request
    }

    /// The items of the view, as a whole second run grouped by customer and item at the assessment's lag lists them.
    static func itemsOfASecondRun(_ request: ReportRequest, customer: String, lag: Int) throws -> [MetricsRow] {
        var byItem = request
        byItem.grouping = .customerItem
        byItem.lag = lag
        return try Report.run(byItem).rows
            .filter { $0.customer == customer }
            .sorted { $0.absoluteError > $1.absoluteError }
    }

    @Test(arguments: [
        ("C0001", nil, false, 1), ("C0007", nil, true, 2), ("C0018", 3, false, 2), ("C0024", 2, true, 1),
        ("C0033", 3, true, 2), ("C0040", nil, false, 2),
    ] as [(String, Int?, Bool, Int)])
    func itemsAreTheRowsOfARunByCustomerAndItem(customer: String, lag: Int?, priced: Bool, threads: Int) throws {
        let request = Self.request {
            $0.lag = lag
            $0.threads = threads
            $0.from = Month(year: 2024, month: 4)
            if priced { $0.prices = Self.demo.appendingPathComponent("prices.csv").path }
        }
        let view = try CustomerView(request, customer: customer)
        #expect(view.assessment.lag == lag ?? 1)
        #expect(!view.items.isEmpty)
        #expect(view.items.allSatisfy { $0.customer == customer && $0.lag == view.assessment.lag })
        #expect(view.items == (try Self.itemsOfASecondRun(request, customer: customer, lag: view.assessment.lag)))
        if priced { #expect(view.items.allSatisfy { $0.figures.value != nil }) }
    }

    @Test func eachFileIsReadOnce() throws {
        let reads = Reads()
        let request = Self.request {
            $0.threads = 2
            $0.readBlockSize = 64 << 10
            $0.progress = { path, bytesRead, bytesTotal in if bytesRead == bytesTotal { reads.finished(path) } }
        }
        _ = try CustomerView(request, customer: "C0007")
        #expect(reads.counts == [request.forecasts: 1, request.actuals: 1])
        _ = try Check(request, customer: "C0007", item: "SKU00003", quantity: 100)
        #expect(reads.counts == [request.forecasts: 2, request.actuals: 2])
    }

    /// How many times each file was read to its end.
    final class Reads: @unchecked Sendable {
        private let lock = NSLock()
        private var finishedReads: [String: Int] = [:]

        func finished(_ path: String) { lock.withLock { finishedReads[path, default: 0] += 1 } }
        var counts: [String: Int] { lock.withLock { finishedReads } }
    }
}

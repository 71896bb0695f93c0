import Testing
@testable import Trueup

@Suite struct BadInputTests {
    let actuals = "customer,item,period,actual\nA,x,2024-01,5\nA,x,2024-02,6\n"

    func run(forecasts: String, actuals: String? = nil, skip: Bool = false) throws(ReportError) -> ReportResult {
        let scratch = Scratch()
        return try Report.run(ReportRequest(forecasts: scratch.file("f.csv", forecasts),
                                            actuals: scratch.file("a.csv", actuals ?? self.actuals), skipBadRows: skip))
    }

    @Test func badRowsStopTheRunWithLineAndColumn() {
        let forecasts = """
            customer,item,period,lag,forecast
            A,x,2024-01,1,5
            A,x,2024-02,1,lots
            ,x,2024-02,2,5
            A,x,Feb,1,5
            A,x,2024-02,x,5
            A,x,2024-02
            A,x,2024-01,1,7

            """
        do {
            _ = try run(forecasts: forecasts)
            Issue.record("expected the run to stop")
        } catch {
            guard case .input(.badRows(let shown, let total)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(total == 6)
            #expect(shown.map(\.line) == [3, 4, 5, 6, 7, 8])
            #expect(shown[0].description.hasPrefix("f.csv:3: column forecast: \"lots\" is not a number") || shown[0].description.contains(":3: column forecast: \"lots\" is not a number"))
            #expect(shown[1].description.contains(":4: column customer: customer is empty"))
            #expect(shown[2].description.contains(":5: column period: \"Feb\" is not a period"))
            #expect(shown[3].description.contains(":6: column lag: \"x\" is not a lag"))
            #expect(shown[4].description.contains(":7: expected 5 fields as in the header, found 3"))
            #expect(shown[5].description.contains(":8: duplicate forecast for customer A, item x, period 2024-01, lag 1; line 2 has the same key"))
        }
    }

    /// A duplicate names the line of the row it repeats, found by reading the file again, however the
    /// file was cut into blocks and whichever path read the first row (a quoted name takes the general one).
    @Test(arguments: [(1, 1 << 20), (2, 64), (3, 200)])
    func duplicatesNameTheLineTheyRepeat(threads: Int, blockSize: Int) throws {
        let forecasts = "customer,item,period,lag,forecast\n\"A\",x,2024-01,1,5\nA,x,2024-02,1,6\n" + (0..<20).map { "A,y\($0),2024-02,1,1\n" }.joined()
            + "A,x,2024-01,1,7\nA,x,2024-02,2,6\nA,x,2024-02,1,8\nA,x,2024-01,1,9\n"
        let scratch = Scratch()
        var request = ReportRequest(forecasts: scratch.file("f.csv", forecasts), actuals: scratch.file("a.csv", actuals), skipBadRows: true)
        request.threads = threads
        request.readBlockSize = blockSize
        let result = try Report.run(request)
        let duplicates = result.rejects.filter { $0.reason.hasPrefix("duplicate") }
        #expect(duplicates.map(\.line) == [24, 26, 27])
        #expect(duplicates.map(\.reason) == [
            "duplicate forecast for customer A, item x, period 2024-01, lag 1; line 2 has the same key and is kept",
            "duplicate forecast for customer A, item x, period 2024-02, lag 1; line 3 has the same key and is kept",
            "duplicate forecast for customer A, item x, period 2024-01, lag 1; line 2 has the same key and is kept",
        ])
        #expect(duplicates.map(\.raw) == ["A,x,2024-01,1,7", "A,x,2024-02,1,8", "A,x,2024-01,1,9"])
        #expect(result.rows.first { $0.lag == 1 }?.figures.forecast == Double(5 + 6 + 20))  // the first rows kept, not 7, 8 or 9
    }

    @Test func skippedRowsAreRejectedAndAccountedFor() throws {
        let forecasts = "customer,item,period,lag,forecast\nA,x,2024-01,1,5\nA,x,2024-02,1,n/a\nA,x,2024-02,1,4\n"
        let actuals = "customer,item,period,actual\nA,x,2024-01,5\nA,x,2024-02,\"6,5\"\nA,x,2024-02,6\n"
        let result = try run(forecasts: forecasts, actuals: actuals, skip: true)
        #expect(result.rejects.map(\.line) == [3, 3])
        #expect(result.rejects.map(\.raw) == ["A,x,2024-02,\"6,5\"", "A,x,2024-02,1,n/a"])
        #expect(result.accounting.forecasts == RowAccounting.Forecasts(read: 3, used: 2, open: 0, outsideWindow: 0, rejected: 1))
        #expect(result.accounting.actuals == RowAccounting.Actuals(read: 3, used: 2, outsideWindow: 0, unmatched: 0, rejected: 1))
        #expect(result.rows.first?.figures.forecast == 9)
        #expect(result.rows.first?.figures.actual == 11)
    }

    @Test func onlyTenBadRowsAreShownButAllAreCounted() {
        let forecasts = "customer,item,period,lag,forecast\n" + (1...25).map { "A,x,2024-01,\($0),?\n" }.joined()
        #expect {
            _ = try run(forecasts: forecasts)
        } throws: { error in
            guard case .input(.badRows(let shown, let total)) = error as? ReportError else { return false }
            return shown.count == 10 && total == 25
        }
    }

    @Test func emptyAndHeaderOnlyFiles() {
        #expect(throws: ReportError.self) { _ = try run(forecasts: "") }
        do {
            _ = try run(forecasts: "customer,item,period,lag,forecast\n", actuals: "customer,item,period,actual\n")
        } catch {
            #expect(error == .input(.noActuals(path: (error.actualsPath ?? ""))))
        }
    }

    @Test func unknownLagAndEmptyWindowAreUsageProblems() throws {
        let scratch = Scratch()
        let request = ReportRequest(forecasts: scratch.file("f.csv", "customer,item,period,lag,forecast\nA,x,2024-01,1,5\n"),
                                    actuals: scratch.file("a.csv", actuals), lag: 2)
        #expect(throws: ReportError.lagNotFound(lag: 2, available: [1])) { _ = try Report.run(request) }
        var late = request
        late.lag = nil
        late.from = Month(year: 2025, month: 1)
        #expect(throws: ReportError.self) { _ = try Report.run(late) }
    }
}

extension ReportError {
    /// The actuals path of a `noActuals` error, for comparing with temp paths.
    var actualsPath: String? {
        if case .input(.noActuals(let path)) = self { return path }
        return nil
    }
}

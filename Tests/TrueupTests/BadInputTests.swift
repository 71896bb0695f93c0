import Testing
@testable import Trueup
import TrueupReports

@Suite struct BadInputTests {
    let actuals = "customer,item,period,actual\nA,x,2024-01,5\nA,x,2024-02,6\n"

    func run(forecasts: String, actuals: String? = nil, skip: Bool = false) throws(ReportError) -> ReportResult {
        let scratch = Scratch()
        return try Report.run(ReportRequest(forecasts: scratch.file("f.csv", forecasts),
                                            actuals: scratch.file("a.csv", actuals ?? self.actuals), skipBadRows: skip).allowingAllBadRows)
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
            guard case .input(.badRows(let shown, let total, _)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(total == 6)
            #expect(shown.map(\.line) == [3, 4, 5, 6, 7, 8])
            // Each row's first byte, counted in the text: the header and the lines before it.
            let starts = forecasts.split(separator: "\n", omittingEmptySubsequences: false).reduce(into: [0]) { $0.append($0.last! + $1.utf8.count + 1) }
            #expect(shown.map(\.byte) == [2, 3, 4, 5, 6, 7].map { starts[$0] })
            #expect(shown.map(\.column) == ["forecast", "customer", "period", "lag", nil, nil])
            let text = { (t: String) in RowProblem.FieldText(text: t, isCut: false) }
            #expect(shown.map(\.kind) == [
                .number(text("lots"), decimalComma: false), .emptyName(.customer), .period(text("Feb"), forms: .monthsAndDates), .lag(text("x")),
                .fieldCount(expected: 5, found: 3),
                .duplicate(customer: "A", item: "x", period: Month(year: 2024, month: 1)!, lag: 1, firstLine: .line(2)),
            ])
            // A small file with a bad period goes through intake, which reads more forms of period than the fast reader.
            #expect(shown.map { String(RowProblemText.line($0).dropFirst($0.file.count - "f.csv".count)) } == [
                "f.csv:3: column forecast: \"lots\" is not a number",
                "f.csv:4: column customer: customer is empty",
                "f.csv:5: column period: \"Feb\" is not a period (expected a month such as 2024-01, 202401, 2024-01-15, 01.2024, "
                    + "15.01.2024, 01/2024, Jan-24 or Jan 2024)",
                "f.csv:6: column lag: \"x\" is not a lag (a whole number of months from 0 to 63)",
                "f.csv:7: expected 5 fields as in the header, found 3",
                "f.csv:8: duplicate forecast for customer A, item x, period 2024-01, lag 1; line 2 has the same key and is kept",
            ])
        }
    }

    /// A duplicate names the line of the row it repeats, found by reading the file again, however the
    /// file was cut into blocks and whichever path read the first row (a quoted name takes the general one).
    @Test(arguments: [(1, 1 << 20), (2, 64), (3, 200)])
    func duplicatesNameTheLineTheyRepeat(threads: Int, blockSize: Int) throws {
        let forecasts = "customer,item,period,lag,forecast\n\"A\",x,2024-01,1,5\nA,x,2024-02,1,6\n" + (0..<20).map { "A,y\($0),2024-02,1,1\n" }.joined()
            + "A,x,2024-01,1,7\nA,x,2024-02,2,6\nA,x,2024-02,1,8\nA,x,2024-01,1,9\n"
        let scratch = Scratch()
        var request = ReportRequest(forecasts: scratch.file("f.csv", forecasts), actuals: scratch.file("a.csv", actuals), skipBadRows: true).allowingAllBadRows
        request.threads = threads
        request.readBlockSize = blockSize
        request.allowsLowCoverage = true
        let result = try Report.run(request)
        let duplicates = result.rejects.filter { RowProblemText.word($0.kind) == "duplicate" }
        #expect(duplicates.map(\.line) == [24, 26, 27])
        #expect(duplicates.map(\.byte) == [24, 26, 27].map { line in
            forecasts.split(separator: "\n").prefix(line - 1).reduce(0) { $0 + $1.utf8.count + 1 }
        })
        #expect(duplicates.map { RowProblemText.reason($0.kind) } == [
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
            guard case .input(.badRows(let shown, let total, _)) = error as? ReportError else { return false }
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
        if case .input(.noActuals(let path, _)) = self { return path }
        return nil
    }
}

import Testing
@testable import Trueup
import TrueupSystem

/// Reading in blocks on several threads gives exactly what one sequential pass gives.
@Suite struct ParallelReadTests {
    /// A messy export: quoted fields with delimiters, quotes and line breaks (so block
    /// guesses land inside records), CRLF and LF, blank lines, bad rows, duplicates.
    static func messy(seed: UInt64) -> (forecasts: String, actuals: String) {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        func name(_ kind: String, _ k: Int) -> String {
            switch next(6) {
            case 0: return "\"\(kind) \(k), Ltd\""
            case 1: return "\"\(kind) \(k)\nsecond line\""
            case 2: return "\"\(kind) \"\"\(k)\"\"\""
            default: return "\(kind)\(k)"
            }
        }
        let customers = (0..<9).map { name("Customer", $0) }
        let items = (0..<7).map { name("Item", $0) }
        var forecasts = "customer,item,period,lag,forecast\n"
        var actuals = "customer,item,period,actual\r\n"
        for c in customers.indices {
            for i in items.indices where next(3) > 0 {
                for m in 1...14 {
                    let month = m <= 12 ? m : m - 12
                    let period = "\(m <= 12 ? 2024 : 2025)-\(month < 10 ? "0" : "")\(month)"
                    for lag in 1...2 where next(5) > 0 {
                        forecasts += "\(customers[c]),\(items[i]),\(period),\(lag),\(next(900)).\(next(10))\n"
                        if next(40) == 0 { forecasts += "\(customers[c]),\(items[i]),\(period),\(lag),7\n" }  // duplicate
                        if next(60) == 0 { forecasts += "\(customers[c]),\(items[i]),\(period),\(lag),lots\n" }  // bad number
                        if next(50) == 0 { forecasts += "\n" }
                    }
                    if m <= 13 && next(4) > 0 {
                        actuals += "\(customers[c]),\(items[i]),\(period),\(next(800))\r\n"
                        if next(30) == 0 { actuals += "\(customers[c]),\(items[i]),\(period)\r\n" }  // ragged
                    }
                }
            }
        }
        return (forecasts, actuals)
    }

    @Test(arguments: [1, 2, 3])
    func blocksAndThreadsDoNotChangeTheResult(seed: UInt64) throws {
        let scratch = Scratch()
        let data = Self.messy(seed: seed)
        var request = ReportRequest(forecasts: scratch.file("f.csv", data.forecasts), actuals: scratch.file("a.csv", data.actuals),
                                    skipBadRows: true).allowingAllBadRows
        request.threads = 1
        let sequential = try Report.run(request)
        #expect(!sequential.rejects.isEmpty)
        #expect(sequential.rows.count > 5)
        for (threads, blockSize) in [(2, 64), (2, 97), (3, 300), (2, 1000), (4, 4096), (2, 50_000)] {
            request.threads = threads
            request.readBlockSize = blockSize
            let parallel = try Report.run(request)
            #expect(parallel.rows == sequential.rows, "threads \(threads), blocks of \(blockSize) bytes")
            #expect(parallel.rejects == sequential.rejects, "threads \(threads), blocks of \(blockSize) bytes")
            #expect(parallel.accounting == sequential.accounting, "threads \(threads), blocks of \(blockSize) bytes")
            #expect(parallel.assessments == sequential.assessments)
        }
    }

    @Test func anUnterminatedQuoteIsFoundOnItsLineWhateverTheBlocks() throws {
        let scratch = Scratch()
        var forecasts = "customer,item,period,lag,forecast\n"
        for k in 0..<300 { forecasts += "C\(k % 7),I\(k % 5),2024-\(k % 9 + 1 < 10 ? "0" : "")\(k % 9 + 1),\(k / 45 + 1),\(k)\n" }
        forecasts += "\"C9,I1,2024-01,1,5\nC9,I2,2024-01,1,5\n"
        var request = ReportRequest(forecasts: scratch.file("f.csv", forecasts),
                                    actuals: scratch.file("a.csv", "customer,item,period,actual\nC1,I1,2024-01,3\n"))
        for (threads, blockSize) in [(1, 1 << 20), (2, 100), (2, 1000)] {
            request.threads = threads
            request.readBlockSize = blockSize
            #expect(throws: ReportError.input(.unterminatedQuote(path: request.forecasts, line: 302))) {
                _ = try Report.run(request)
            }
        }
    }
}

/// Each plain input is opened once: the check that it is a regular file, its hashing, the plan's
/// look at its header and sample, its header, every block on every thread, and the second read
/// for rejects.csv and a duplicate's first line all read the one descriptor.
@Suite struct OneOpenPerInputTests {
    @Test(arguments: [1, 2, 4])
    func eachInputIsOpenedOnce(threads: Int) throws {
        let scratch = Scratch()
        var forecastRows = ["customer,item,period,lag,forecast"]
        var actualRows = ["customer,item,period,actual"]
        for k in 0..<3_000 {
            let customer = "C\(k % 7)", item = "I\(k % 211)", month = 1 + k % 12
            forecastRows.append("\(customer),\(item),2024-\(month < 10 ? "0" : "")\(month),\(1 + k % 3),\(k % 50)")
            actualRows.append("\(customer),\(item),2024-\(month < 10 ? "0" : "")\(month),\(k % 40)")
        }
        // A bad row and a duplicate, so the second read runs too.
        forecastRows.append("C1,I1,2024-13,1,5")
        forecastRows.append(forecastRows[1])
        let forecasts = scratch.file("forecasts.csv", forecastRows.joined(separator: "\n") + "\n")
        let actuals = scratch.file("actuals.csv", actualRows.joined(separator: "\n") + "\n")
        var request = ReportRequest(forecasts: forecasts, actuals: actuals, columns: [.forecast: "forecast"], skipBadRows: true).allowingAllBadRows
        request.threads = threads
        request.readBlockSize = 4_096
        let result = try Report.run(request)
        #expect(result.rejects.count == 2)
        #expect(result.forecasts.sha256.count == 64 && result.actuals.sha256.count == 64)
        let opens = Syscalls.readOpens.withLock { ($0[forecasts], $0[actuals]) }
        #expect(opens.0 == 1 && opens.1 == 1, "forecasts opened \(opens.0 ?? 0) times, actuals \(opens.1 ?? 0)")
    }
}

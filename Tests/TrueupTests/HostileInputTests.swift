import Foundation
import Testing
@testable import Trueup

/// Inputs that fight back: FIFOs, devices, folders, endless records, files changed while read,
/// absurd thread counts and policies with values that mean nothing.
@Suite struct HostileInputTests {
    static func request(_ forecasts: String, _ actuals: String) -> ReportRequest {
        ReportRequest(forecasts: forecasts, actuals: actuals)
    }

    static func inputError(_ request: ReportRequest) -> InputError? {
        do {
            _ = try Report.run(request)
            return nil
        } catch {
            if case .input(let input) = error { return input }
            return nil
        }
    }

    /// A FIFO with no writer, a device and a folder are refused at once; no read waits or runs forever.
    @Test func onlyRegularFilesAreRead() throws {
        let scratch = Scratch()
        let fifo = scratch.path + "/fifo.csv"
        #expect(mkfifo(fifo, 0o644) == 0)
        let started = Date()
        #expect(Self.inputError(Self.request(fifo, Tiny.actuals)) == .notRegularFile(path: fifo, kind: "a named pipe (FIFO)"))
        #expect(Self.inputError(Self.request(Tiny.forecasts, "/dev/zero")) == .notRegularFile(path: "/dev/zero", kind: "a device"))
        // A folder is read as its .csv, .tsv, .txt and .xlsx files; a FIFO among them is not one of its files.
        #expect(Self.inputError(Self.request(Tiny.forecasts, scratch.path)) == .emptyFolder(path: scratch.path))
        #expect(Date().timeIntervalSince(started) < 5)
        if case .missingFile? = Self.inputError(Self.request(scratch.path + "/none.csv", Tiny.actuals)) {} else {
            Issue.record("a missing file is not missingFile")
        }
    }

    /// A record (or header) longer than 16 MiB is an error naming its line, not memory without bound.
    @Test func endlessRecordsStopWithTheirLine() throws {
        let scratch = Scratch()
        let long = String(repeating: "x", count: 17 << 20)
        let actuals = scratch.file("actuals.csv", "customer,item,period,actual\nA,x,2024-01,1\nA,\(long),2024-02,2\n")
        #expect(Self.inputError(Self.request(Tiny.forecasts, actuals))
                == .recordTooLong(path: actuals, line: 3, limit: 16 << 20))
        let header = scratch.file("header.csv", long)
        #expect(Self.inputError(Self.request(header, Tiny.actuals)) == .recordTooLong(path: header, line: 1, limit: 16 << 20))
        // Just under the limit is an ordinary (long) name.
        let fits = scratch.file("fits.csv", "customer,item,period,actual\nA,x,2024-01,1\nA,\(String(long.prefix(15 << 20))),2024-02,2\n")
        #expect(Self.inputError(Self.request(Tiny.forecasts, fits)) == nil)
    }

    /// A --columns name in neither header stops the run before any row is read: the actuals' endless
    /// record further down is never reached, whether the file goes straight to the fast reader or
    /// through intake (a folder, Windows-1252); a name one file has is taken.
    @Test func anUnknownColumnNameStopsTheRunBeforeAnyRow() throws {
        let scratch = Scratch()
        let long = String(repeating: "x", count: 17 << 20)
        let rows = (1...300).map { "A,x\($0),2024-01,1" }.joined(separator: "\n")
        let actuals = scratch.file("actuals.csv", "customer,item,period,actual\n\(rows)\nA,\(long),2024-02,2\n" + rows + "\n")
        var request = Self.request(Tiny.forecasts, actuals)
        request.columns = [.customer: "Kunde"]
        #expect(Self.inputError(request) == .unknownColumnOverride(column: .customer, name: "Kunde"))
        request.columns = [.customer: "customer"]
        #expect(Self.inputError(request) == .recordTooLong(path: actuals, line: 302, limit: 16 << 20))
        let folder = scratch.path + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = scratch.file("in/a.csv", "customer,item,period,actual\nA,x,2024-01,1\n")
        _ = scratch.file("in/b.csv", "customer,item,period,actual\n\(rows)\nA,\(long),2024-02,2\n")
        var intake = Self.request(Tiny.forecasts, folder)
        intake.columns = [.customer: "Kunde"]
        #expect(Self.inputError(intake) == .unknownColumnOverride(column: .customer, name: "Kunde"))
        intake.columns = [.customer: "customer"]
        #expect(Self.inputError(intake) == .recordTooLong(path: folder + "/b.csv", line: 302, limit: 16 << 20))
        var windows = Self.request(Tiny.forecasts, actuals)
        windows.sourceEncoding = .windows1252
        windows.columns = [.item: "Materialnummer"]
        #expect(Self.inputError(windows) == .unknownColumnOverride(column: .item, name: "Materialnummer"))
    }

    /// When the actuals lack a column, the forecasts' headers alone say whether they lack one too:
    /// their rows are not read (the endless record in the folder's second file is never reached).
    @Test func missingColumnsInBothSidesAreFoundFromTheHeaders() throws {
        let scratch = Scratch()
        let long = String(repeating: "x", count: 17 << 20)
        let folder = scratch.path + "/in"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = scratch.file("in/a.csv", "customer,item,period,lag,forecast\nA,x,2024-01,1,1\n")
        _ = scratch.file("in/b.csv", "kd,item,period,lag,forecast\nA,x,2024-02,1,1\nA,\(long),2024-02,1,2\n")
        let actuals = scratch.file("actuals.csv", "customer,itm,period,actual\nA,x,2024-01,1\n")
        let header = ["customer", "itm", "period", "actual"]
        #expect(Self.inputError(Self.request(folder, actuals))
                == .missingColumnsInBoth(forecasts: .missingColumns(file: folder + "/b.csv", line: 1, missing: [.customer],
                                                                    header: ["kd", "item", "period", "lag", "forecast"]),
                                         actuals: .missingColumns(file: actuals, line: 1, missing: [.item], header: header)))
        #expect(Self.inputError(Self.request(Tiny.forecasts, actuals))
                == .missingColumns(file: actuals, line: 1, missing: [.item], header: header))
    }

    /// A file truncated while its blocks are read is `changedWhileRead`, not a false bad row;
    /// and a file appended to is caught as well.
    @Test func aFileChangedWhileReadStopsTheRun() throws {
        let scratch = Scratch()
        var text = "customer,item,period,lag,forecast\n"
        for k in 0..<4000 { text += "C\(k % 40),I\(k),2024-0\(1 + k % 3),1,\(k)\n" }
        for (change, name) in [(0, "truncated"), (1, "appended")] {
            let forecasts = scratch.file("\(name).csv", text)
            var request = Self.request(forecasts, Tiny.actuals)
            request.threads = 2
            request.readBlockSize = 4096
            request.skipBadRows = true; request.maxBadRowsPct = 100
            request.progress = { path, _, _ in
                guard path == forecasts, let handle = FileHandle(forUpdatingAtPath: forecasts) else { return }
                if change == 0 {
                    try? handle.truncate(atOffset: 20_000)
                } else {
                    _ = try? handle.seekToEnd()
                    handle.write(Data("C1,I1,2024-01,1,5\n".utf8))
                }
                try? handle.close()
            }
            #expect(Self.inputError(request) == .changedWhileRead(path: forecasts), "\(name)")
        }
    }

    /// --threads beyond the cap runs as the cap: no trap, no absurd allocation, the same figures.
    @Test func threadCountsAreCapped() throws {
        var request = Self.request(Tiny.forecasts, Tiny.actuals)
        request.threads = 100_000
        #expect(request.threads == ReportRequest.maximumThreads)
        request.threads = -3
        #expect(request.threads == 1)
        let one = try Tiny.run { $0.threads = 1 }
        let many = try Tiny.run { $0.threads = 1_000_000; $0.readBlockSize = 16 }
        #expect(many.rows == one.rows)
    }

    // MARK: - Policies

    @Test(arguments: [
        ("[unreliable]\nwmape = -10\n", "unreliable.wmape", "is -10.0; allowed: 0 or more"),
        ("[watch]\nbias_pct = -1\n", "watch.bias_pct", "is -1.0; allowed: 0 or more"),
        ("[unreliable]\nsign_test_p = 0\n", "unreliable.sign_test_p", "is 0.0; allowed: above 0 and at most 1"),
        ("[unreliable]\nsign_test_p = 1.5\n", "unreliable.sign_test_p", "is 1.5; allowed: above 0 and at most 1"),
        ("[tiers]\nmin_periods = 0\n", "tiers.min_periods", "is 0; allowed: 1 to 1200 (months)"),
        ("[deteriorating]\nrecent_periods = 100000000\n", "deteriorating.recent_periods", "is 100000000; allowed: 1 to 1200 (months)"),
        ("[deteriorating]\nmin_baseline_periods = 10\n", "deteriorating.min_baseline_periods",
         "is 10; allowed: at most deteriorating.baseline_periods (9)"),
    ])
    func policyValuesAreCheckedAgainstTheirMeaning(toml: String, key: String, reason: String) {
        #expect(throws: PolicyError.outOfRange(path: "p.toml", key: key, reason: reason)) {
            try Policy.load(toml: toml, path: "p.toml")
        }
    }

    @Test func policyValuesInRangeAreTaken() throws {
        let policy = try Policy.load(toml: "[unreliable]\nsign_test_p = 1\nfva_pts = -20\n[tiers]\nmin_periods = 1\n", path: "p.toml")
        #expect(policy.unreliableSignTestP == 1 && policy.unreliableFvaPts == -20 && policy.minimumPeriods == 1)
    }

    /// A NUL byte would end the TOML for its parser, hiding what follows: it is an error with its place.
    @Test func aNulByteInAPolicyIsAnError() throws {
        let scratch = Scratch()
        let path = scratch.file("nul.toml", "[unreliable]\nwmape = 40\u{0}\nwmape = -10\n")
        #expect(throws: PolicyError.syntax(path: path, line: 2, column: 11,
                                           reason: "a NUL byte; a policy file is text, and nothing may follow its end")) {
            try Policy.load(path: path)
        }
    }

    /// `/dev/zero`, a FIFO and a folder are refused at once; a policy file larger than 1 MiB is refused.
    @Test func policiesAreReadFromRegularFilesOnly() throws {
        let scratch = Scratch()
        let fifo = scratch.path + "/fifo.toml"
        #expect(mkfifo(fifo, 0o644) == 0)
        let started = Date()
        for path in ["/dev/zero", fifo, scratch.path] {
            #expect(throws: PolicyError.self) { try Policy.load(path: path) }
        }
        #expect(Date().timeIntervalSince(started) < 5)
        let large = scratch.file("large.toml", "# " + String(repeating: "x", count: 2 << 20) + "\n")
        #expect(throws: PolicyError.unreadable(path: large, reason: "it is larger than 1 MiB; a policy file is a few dozen lines")) {
            try Policy.load(path: large)
        }
    }
}

import Foundation
import Testing
@testable import Trueup
import TrueupReports

/// A book split into partitions and merged gives the files one run gives, byte for byte; the
/// partial file refuses damage. (The command line's partitions are in PartitionMergeCLITests.)
@Suite struct PartialMergeTests {
    /// Every file `report --out` would write for `result`.
    static func files(_ result: ReportResult) -> [String: String] {
        let output = ReportOutput(result, format: .csv, writesFiles: true, dialect: .plain, recorded: nil, rejectsFile: nil, version: "test")
        let rendered = output.rendered()
        var files = Dictionary(uniqueKeysWithValues: rendered.files.map { ($0.name, $0.text) })
        files["stdout"] = rendered.standardOutput
        return files
    }

    /// The partials of `request` split `count` ways, through their bytes.
    static func partials(_ request: ReportRequest, count: Int) throws -> [(path: String, partial: Partial)] {
        try (1...count).map { k in
            var part = request
            part.partition = Partition(index: k, count: count)
            let bytes = try Report.partial(part, trueup: "test", options: ["--lag", "1"], bookID: nil).encoded()
            return ("p\(k)", try Partial(bytes: bytes, path: "p\(k)"))
        }
    }

    @Test("a book of two customers split 1,000 ways: 998 empty partials, the same files")
    func thousandPartials() throws {
        let request = ReportRequest(forecasts: Tiny.forecasts, actuals: Tiny.actuals)
        let parts = try Self.partials(request, count: 1000)
        #expect(parts.filter { $0.partial.slotCount == 0 }.count == 998)
        let merged = try Report.merged(parts.shuffled(), request: request)
        #expect(Self.files(merged) == Self.files(try Report.run(request)))
    }

    @Test("every group in one partition: the others are empty and the merge is the run")
    func allInOnePartition() throws {
        let scratch = Scratch()
        // Customer codes whose partition of 3 is the same: found by the documented hash.
        let codes = (0..<200).map { "K\($0)" }.filter { Partition.of($0, count: 3) == 2 }.prefix(4)
        var forecasts = "customer,item,period,lag,forecast\n", actuals = "customer,item,period,actual\n"
        for (n, code) in codes.enumerated() {
            for month in 1...8 {
                forecasts += "\(code),X\(n % 2),2024-0\(month),1,\(10 + n + month)\n"
                actuals += "\(code),X\(n % 2),2024-0\(month),\(12 + month * n % 7)\n"
            }
        }
        let request = ReportRequest(forecasts: scratch.file("f.csv", forecasts), actuals: scratch.file("a.csv", actuals))
        let parts = try Self.partials(request, count: 3)
        #expect(parts.map(\.partial.customerCount) == [0, 4, 0])
        #expect(Self.files(try Report.merged(parts, request: request)) == Self.files(try Report.run(request)))
    }

    @Test("a partial with any byte changed, cut short or not one at all is refused, naming the file")
    func damage() throws {
        var request = ReportRequest(forecasts: Tiny.forecasts, actuals: Tiny.actuals)
        request.partition = Partition(index: 1, count: 1)
        let bytes = try Report.partial(request, trueup: "test", options: [], bookID: nil).encoded()
        #expect(throws: Never.self) { try Partial(bytes: bytes, path: "p") }
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var damaged = bytes
            damaged[position] ^= 0x20
            #expect(throws: PartialError.self) { try Partial(bytes: damaged, path: "p") }
        }
        #expect(throws: PartialError.damaged(path: "p", reason: "its checksum does not match its bytes")) {
            try Partial(bytes: Array(bytes.dropLast(7)), path: "p")
        }
        #expect(throws: PartialError.notAPartial(path: "p")) { try Partial(bytes: Array("customer,item\n".utf8), path: "p") }
    }

    @Test("the hash of a code is FNV-1a 64 over its UTF-8 bytes, the same on any machine")
    func documentedHash() {
        // Published FNV-1a 64 test vectors: "" and "a".
        #expect(Partition.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(Partition.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(Partition.of("a", count: 7) == Int(UInt64(0xaf63_dc4c_8601_ec8c) % 7) + 1)
        #expect(Partition("2/8") == Partition(index: 2, count: 8))
        #expect(Partition("0/8") == nil && Partition("9/8") == nil && Partition("2") == nil && Partition("a/b") == nil)
    }
}

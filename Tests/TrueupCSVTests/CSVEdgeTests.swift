import Foundation
import Testing
import TrueupCSV

/// The public CSV suites in `../shared/csv-edge`, next to the package checkout like csv-spectrum.
///
/// Each folder is one upstream suite; its SOURCE.txt says which files come with expected
/// records. Those must read to exactly those records (csv-spectrum's are checked by
/// `CSVSpectrumTests`); every file, those or not, must read or fail with a `CSVError`
/// that says where, at a tiny and at the default buffer size, the same way at both.
enum CSVEdge {
    static let directory: URL = CSVSpectrum.directory.deletingLastPathComponent()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("MANIFEST.tsv").path)
    }

    /// The folder's own notes; every other file is data from a suite.
    static let notes: Set<String> = ["README.md", "MANIFEST.tsv", "SOURCE.txt", "EXPECTED.md", "INDEX.tsv", "license.md"]

    /// Every data file, as a path relative to the folder, sorted.
    static var dataFiles: [String] {
        guard let walk = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var files: [String] = []
        while let path = walk.nextObject() as? String {
            guard walk.fileAttributes?[.type] as? FileAttributeType == .typeRegular,
                  !notes.contains((path as NSString).lastPathComponent) else { continue }
            files.append(path)
        }
        return files.sorted()
    }

    static func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(path))) }

    static func json(_ path: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(contentsOf: url(path))) }
}

/// Everything a read gave: each record's place, raw bytes and fields, and the error it ended with.
struct EdgeReading: Equatable {
    struct Record: Equatable {
        var line: Int
        var byteOffset: Int
        var raw: [UInt8]
        var fields: [String]
    }

    var records: [Record] = []
    var error: CSVError?

    init(path: String, bufferSize: Int) throws {
        var found: [Record] = []
        do {
            let reader = try CSVReader(path: path, bufferSize: bufferSize)
            try reader.forEachRecord { record in
                found.append(Record(line: record.line, byteOffset: record.byteOffset, raw: Array(record.raw),
                                    fields: (0..<record.count).map { record.string($0) }))
            }
        } catch let error as CSVError {
            self.error = error
        }
        records = found
    }
}

@Suite(.enabled(if: CSVEdge.isAvailable, "../shared/csv-edge is not next to the package checkout"), .timeLimit(.minutes(5)))
struct CSVEdgeTests {
    @Test("the folder's files are all found")
    func manifestFilesAreFound() throws {
        let manifest = try String(contentsOf: CSVEdge.url("MANIFEST.tsv"), encoding: .utf8)
        let listed = manifest.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
            .filter { !CSVEdge.notes.contains(($0 as NSString).lastPathComponent) }
        #expect(Set(listed).isSubset(of: Set(CSVEdge.dataFiles)), "listed but not found: \(Set(listed).subtracting(CSVEdge.dataFiles).sorted())")
        #expect(CSVEdge.dataFiles.count >= 500)
    }

    /// Never a crash or a hang: a clean read or an error that says where, the same at 7 bytes and 1 MiB.
    @Test("every file reads or fails cleanly", arguments: CSVEdge.dataFiles)
    func readsOrFailsCleanly(path: String) throws {
        let bytes = try CSVEdge.bytes(path)
        let whole = try EdgeReading(path: CSVEdge.url(path).path, bufferSize: 1 << 20)
        let small = try EdgeReading(path: CSVEdge.url(path).path, bufferSize: 7)
        #expect(small == whole, "7-byte buffers read \(path) differently")
        var last = (line: 0, byteOffset: -1)
        for record in whole.records {
            #expect(record.line > last.line && record.byteOffset > last.byteOffset)
            #expect(record.byteOffset + record.raw.count <= bytes.count
                    && Array(bytes[record.byteOffset..<(record.byteOffset + record.raw.count)]) == record.raw,
                    "line \(record.line): raw bytes are not the file's")
            last = (record.line, record.byteOffset)
        }
        switch whole.error {
        case nil:
            break
        case .unterminatedQuote(let position)?:
            #expect(position.line > last.line && position.byteOffset > last.byteOffset)
            #expect(position.byteOffset < bytes.count && bytes[position.byteOffset] == UInt8(ascii: "\""),
                    "\(position) is not a quote")
        case .unsupportedEncoding(let encoding)?:
            #expect(["UTF-16", "UTF-32"].contains(encoding))
            #expect(whole.records.isEmpty)
        case .unreadable(_, let reason)?:
            Issue.record("\(path) is unreadable: \(reason)")
        case .recordTooLong(let position, let limit)?:
            Issue.record("\(path): a record at \(position) is longer than \(limit) bytes")
        }
    }

    // MARK: - Files with expected records

    /// uniVocity's correctness check: the Wikipedia example, expected as arrays of strings.
    @Test("uniVocity correctness.csv", arguments: [4, 7, 1 << 20])
    func univocity(bufferSize: Int) throws {
        let expected = try #require(try CSVEdge.json("univocity-csv-parsers-comparison/correctness.expected.json") as? [[String]])
        let path = CSVEdge.url("univocity-csv-parsers-comparison/correctness.csv").path
        #expect(try records(of: CSVReader(path: path, bufferSize: bufferSize)) == expected)
    }

    /// W3C CSVW tests without metadata: each row's values under the header (or `_col.N` without one)
    /// and its physical line in `url`'s `#row=N`.
    @Test("W3C CSVW plain tables", arguments: ["test001", "test002", "test003", "test019"])
    func w3c(name: String) throws {
        let json = try #require(try CSVEdge.json("w3c-csvw/tests/\(name).json") as? [String: Any])
        let table = try #require((json["tables"] as? [[String: Any]])?.first)
        let rows = try #require(table["row"] as? [[String: Any]])
        let reading = try EdgeReading(path: CSVEdge.url("w3c-csvw/tests/\(name).csv").path, bufferSize: 7)
        #expect(reading.error == nil)
        let hasHeader = name != "test019"
        let header = hasHeader ? reading.records.first?.fields ?? [] : (1...(reading.records.first?.fields.count ?? 0)).map { "_col.\($0)" }
        let data = Array(reading.records.dropFirst(hasHeader ? 1 : 0))
        #expect(data.count == rows.count)
        for (record, row) in zip(data, rows) {
            let values = try #require((row["describes"] as? [[String: String]])?.first)
            #expect(record.fields == header.map { values[$0] ?? "<missing>" })
            let url = try #require(row["url"] as? String)
            #expect(url.hasSuffix("#row=\(record.line)"), "\(url) vs line \(record.line)")
        }
    }

    /// rust-csv's csv-core table for its default dialect, which is ours: inputs and records inline in JSON.
    @Test("rust-csv csv-core cases", arguments: [4, 7, 1 << 20])
    func rustCSV(bufferSize: Int) throws {
        let json = try #require(try CSVEdge.json("rust-csv/csv-core-default-dialect-cases.json") as? [String: Any])
        let cases = try #require(json["cases"] as? [[String: Any]])
        #expect(cases.count == 47)
        for testCase in cases {
            let name = try #require(testCase["name"] as? String)
            let input = try #require(testCase["input"] as? String)
            let expected = try #require(testCase["records"] as? [[String]])
            #expect(try records(input, bufferSize: bufferSize, dialect: CSVDialect()) == expected, "\(name)")
        }
    }

    /// Apache Commons CSV's conformance file with empty lines ignored, which is how trueup reads them:
    /// control lines `N:[f1, f2, ...]` give each record's field count and its fields joined by ", ".
    @Test("Apache Commons CSV test.csv", arguments: [4, 7, 1 << 20])
    func commons(bufferSize: Int) throws {
        let control = try String(contentsOf: CSVEdge.url("apache-commons-csv/CSVFileParser/test_default.txt"), encoding: .utf8)
        var expected = control.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2)
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.map(String.init)
        // Commons drops the space after the closing quote of `" l " `; trueup keeps text after a
        // closing quote as data, as rust-csv and Python's csv do (the field is ` l  `).
        let divergence = try #require(expected.firstIndex(of: "4:[ i ,  \" j \" ,  \" k \",  l ]"))
        expected[divergence] = "4:[ i ,  \" j \" ,  \" k \",  l  ]"
        let path = CSVEdge.url("apache-commons-csv/CSVFileParser/test.csv").path
        let found = try records(of: CSVReader(path: path, bufferSize: bufferSize)).map { "\($0.count):[\($0.joined(separator: ", "))]" }
        #expect(found == expected)
    }

    /// csvlint's line-ending fixtures hold the same three records with LF, CRLF, CR or a mix of line ends.
    @Test("csvlint line endings", arguments: ["lf-line-endings.csv", "crlf-line-endings.csv", "cr-line-endings.csv",
                                              "inconsistent-line-endings.csv", "inconsistent-line-endings-unquoted.csv"])
    func csvlintLineEndings(name: String) throws {
        let path = CSVEdge.url("csvlint-rb/fixtures/\(name)").path
        // cr-line-endings.csv spells the second header "Bar", the others "Bsr".
        let second = name == "cr-line-endings.csv" ? "Bar" : "Bsr"
        for bufferSize in [4, 7, 1 << 20] {
            #expect(try records(of: CSVReader(path: path, bufferSize: bufferSize))
                    == [["Foo", second, "Baz"], ["Biff", "Baff", "Boff"], ["Qux", "Teaspoon", "Doge"]])
        }
    }

    /// DuckDB's rejects tests name the lines with too few or too many columns (EXPECTED.md):
    /// the records whose field count differs from the header's are on exactly those lines.
    @Test("DuckDB reject lines", arguments: [
        ("rejects/incorrect_columns/small_mix.csv", [3, 4]),
        ("rejects/incorrect_columns/few_columns.csv", [1814, 1823, 2378, 2762]),
        ("rejects/incorrect_columns/many_columns.csv", [1096, 1159, 1206, 2769]),
        ("rejects/frankstein/nightmare.csv", [10, 14]),
    ])
    func duckDBRaggedLines(path: String, lines: [Int]) throws {
        for bufferSize in [7, 1 << 20] {
            let reading = try EdgeReading(path: CSVEdge.url("duckdb/data-csv/" + path).path, bufferSize: bufferSize)
            #expect(reading.error == nil)
            let width = reading.records.first?.fields.count ?? 0
            #expect(reading.records.filter { $0.fields.count != width }.map(\.line) == lines)
        }
    }

    /// DuckDB rejects line 5 of this file: a quote opened in the last value and never closed.
    @Test("DuckDB unterminated last value")
    func duckDBUnterminated() throws {
        let path = CSVEdge.url("duckdb/data-csv/rejects/unquoted/unquoted_last_value.csv").path
        for bufferSize in [7, 1 << 20] {
            let reading = try EdgeReading(path: path, bufferSize: bufferSize)
            #expect(reading.records.map(\.line) == [1, 2, 3, 4])
            #expect(reading.error == .unterminatedQuote(CSVPosition(line: 5, byteOffset: 37)))
        }
    }
}

import Testing
import TrueupCSV

/// The records of `testCase` read with every record offered to a lane of text columns first: the
/// lane takes the records it can, the tokenizer the rest.
private func recordsThroughTheLane(_ testCase: ParseCase, bufferSize: Int) throws -> (records: [[String]], taken: Int) {
    let reader = try CSVReader(bytes: testCase.input, dialect: testCase.dialect, bufferSize: bufferSize)
    let width = min(testCase.expected.first?.count ?? 1, PlainLane.maximumWidth)
    let lane = try #require(PlainLane(Array(repeating: .text, count: width), dialect: reader.dialect, decimalComma: false))
    var records: [[String]] = []
    var taken = 0
    var fields = PlainLane.Fields()
    _ = try reader.records(plain: { bytes, _ in
        guard lane.read(bytes, into: &fields) else { return nil }
        records.append((0..<lane.width).map { bytes[fields.span($0)].text })
        taken += 1
        return fields.length
    }) { record in
        records.append((0..<record.count).map { record.string($0) })
        return true
    }
    return (records, taken)
}

/// The parsing table through both lanes: whatever records the fast lane takes, at any buffer size,
/// the records are the tokenizer's.
@Test("records through the plain lane", arguments: parseCases, bufferSizes)
func parsesToThroughThePlainLane(_ testCase: ParseCase, bufferSize: Int) throws {
    #expect(try recordsThroughTheLane(testCase, bufferSize: bufferSize).records == testCase.expected)
}

/// The lane takes the plain records of the table, so the test above tests it: most cases with a
/// first record of the simple form are read, at least in part, by the lane.
@Test func theLaneTakesThePlainRecordsOfTheTable() throws {
    let taken = try parseCases.map { try recordsThroughTheLane($0, bufferSize: 1 << 20).taken }
    #expect(taken.filter { $0 > 0 }.count >= parseCases.count / 3)
}

/// Typed columns: each read where it lies, or the record declined.
@Test(arguments: [
    ("C1,x,2024-03,2,-12.5\n", true), ("\"C1\",\"x\",\"2024-03-31\",\"2\",\"7\"\r\n", true), ("C1,x,2024-02-30,2,7\n", false),
    ("C1,x,2024-13,2,7\n", false), ("C1,x,2024-03,123,7\n", false), ("C1,x,2024-03,2,1e5\n", false), (" C1,x,2024-03,2,7\n", false),
    ("C1,,2024-03,2,7\n", false), ("C1,x,2024-03,2,1234567890123456\n", false), ("C1,x,2024-03,2,7", false),
    ("C1,x,2024-03T10:00,2,7\n", false), ("C1,x,2024-03,2,7\r", false), ("C1,x,2024-03,2,7,8\n", false),
])
func typedColumns(line: String, takes: Bool) throws {
    let lane = try #require(PlainLane([.name, .name, .yearMonth, .count, .decimal], dialect: CSVDialect(), decimalComma: false))
    let bytes = Array(line.utf8)
    var fields = PlainLane.Fields()
    #expect(bytes.withUncheckedBytes { lane.read($0, into: &fields) } == takes)
    guard takes else { return }
    #expect(fields.length == bytes.count)
    #expect(String(decoding: bytes[fields.span(0)], as: UTF8.self) == "C1")
    #expect(fields.months.0 & 0xFFFF == 2024 * 12 + 2)
    // A date's day rides above the month's 16 bits.
    #expect(fields.months.0 >> 16 == (line.contains("2024-03-31") ? 31 : 0))
    #expect(fields.count == 2)
}

/// A decimal comma, and the first columns skipped when the caller knows them.
@Test func decimalCommaAndSkippedColumns() throws {
    let lane = try #require(PlainLane([.name, .name, .yearMonth, .decimal], dialect: CSVDialect(delimiter: UInt8(ascii: ";")),
                                      decimalComma: true))
    let bytes = Array("C1;x;2024-01;-1,25\n".utf8)
    var whole = PlainLane.Fields()
    #expect(bytes.withUncheckedBytes { lane.read($0, into: &whole) })
    #expect(whole.mantissa == 125 && whole.fractionDigits == 2 && whole.negative && whole.mark == UInt8(ascii: ","))
    #expect(whole.thirdColumn == 5)
    var skipped = PlainLane.Fields()
    #expect(bytes.withUncheckedBytes { lane.read($0, from: whole.thirdColumn, column: 2, into: &skipped) })
    #expect(skipped.length == whole.length && skipped.mantissa == 125 && skipped.months.0 == whole.months.0)
}

/// The records of `testCase` read the way the block reader reads a file: one reader per block of
/// `blockSize` bytes, each from where the block before stopped (the records that start before its
/// limit, the last read whole), with or without the fast lane.
private func recordsInBlocks(_ testCase: ParseCase, blockSize: Int, lane useLane: Bool) throws -> [[String]] {
    let dialect = try CSVReader(bytes: testCase.input, dialect: testCase.dialect).dialect
    let width = min(testCase.expected.first?.count ?? 1, PlainLane.maximumWidth)
    let lane = try #require(PlainLane(Array(repeating: .text, count: width), dialect: dialect, decimalComma: false))
    var records: [[String]] = []
    var offset = 0, line = 1, blocks = 0
    while offset < testCase.input.count {
        let reader = try CSVReader(bytes: testCase.input, dialect: dialect, bufferSize: 4)
        var fields = PlainLane.Fields()
        let stop = try reader.records(from: offset, before: offset + blockSize, firstLine: line, plain: { bytes, _ in
            guard useLane, lane.read(bytes, into: &fields) else { return nil }
            records.append((0..<lane.width).map { bytes[fields.span($0)].text })
            return fields.length
        }) { record in
            records.append((0..<record.count).map { record.string($0) })
            return true
        }
        #expect(stop.offset > offset, "a block that read nothing, at \(offset)")
        guard stop.offset > offset else { break }
        offset = stop.offset
        line += stop.lines
        blocks += 1
    }
    // Blocks of one byte read one record each (or only blank lines).
    if blockSize == 1 { #expect(blocks >= testCase.expected.count) }
    return records
}

/// The parsing table through the block reader's way of reading, at tiny block sizes, through
/// both lanes: the records are the tokenizer's whole read's.
@Test("records read in tiny blocks", arguments: parseCases, [1, 2, 3, 5, 8, 17])
func parsesToInTinyBlocks(_ testCase: ParseCase, blockSize: Int) throws {
    #expect(try recordsInBlocks(testCase, blockSize: blockSize, lane: false) == testCase.expected)
    #expect(try recordsInBlocks(testCase, blockSize: blockSize, lane: true) == testCase.expected)
}

import Testing
import TrueupCSV

/// One row of the position table: an input and where each record must be found.
///
/// Lines count as an editor counts them: blank lines and line ends inside
/// quoted fields both move the next record's line on.
struct PositionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [UInt8]
    let expected: [Located]

    init(_ name: String, _ input: String, _ expected: [Located]) {
        self.init(name, bytes: Array(input.utf8), expected)
    }

    init(_ name: String, bytes: [UInt8], _ expected: [Located]) {
        self.name = name
        self.input = bytes
        self.expected = expected
    }

    var testDescription: String { name }
}

let positionCases: [PositionCase] = [
    PositionCase("LF", "a,b\n1,2\n", [Located(1, 0, "a,b"), Located(2, 4, "1,2")]),
    PositionCase("CRLF", "a,b\r\n1,2\r\n", [Located(1, 0, "a,b"), Located(2, 5, "1,2")]),
    PositionCase("CR", "a\rb\r", [Located(1, 0, "a"), Located(2, 2, "b")]),
    PositionCase("no trailing newline", "a\nbc", [Located(1, 0, "a"), Located(2, 2, "bc")]),
    PositionCase("after blank lines", "a\n\n\nb\n", [Located(1, 0, "a"), Located(4, 4, "b")]),
    PositionCase("after blank CRLF lines", "a\r\n\r\nb", [Located(1, 0, "a"), Located(3, 5, "b")]),
    PositionCase("after leading blank lines", "\n\r\na\n", [Located(3, 3, "a")]),
    PositionCase("after a quoted LF", "h\n\"x\ny\",z\nnext\n",
                 [Located(1, 0, "h"), Located(2, 2, "\"x\ny\",z"), Located(4, 10, "next")]),
    PositionCase("after a quoted CRLF", "\"a\r\nb\"\r\nc\r\n", [Located(1, 0, "\"a\r\nb\""), Located(3, 8, "c")]),
    PositionCase("after a quoted CR", "\"a\rb\"\rc\r", [Located(1, 0, "\"a\rb\""), Located(3, 6, "c")]),
    PositionCase("after two multi-line fields and a blank line", "\"a\n\nb\",\"c\nd\"\n\ne\n",
                 [Located(1, 0, "\"a\n\nb\",\"c\nd\""), Located(6, 14, "e")]),
    PositionCase("after a UTF-8 BOM", bytes: utf8BOM + Array("a\nb\n".utf8), [Located(1, 3, "a"), Located(2, 5, "b")]),
    PositionCase("after multibyte text", "é,日本\n😀\n", [Located(1, 0, "é,日本"), Located(2, 10, "😀")]),
    PositionCase("raw keeps quotes and spaces", "\"a\"\"b\",  c ,\"\"\r\nx",
                 [Located(1, 0, "\"a\"\"b\",  c ,\"\""), Located(2, 16, "x")]),
    PositionCase("raw keeps text after a closing quote", "\"ab\"cd,e\n", [Located(1, 0, "\"ab\"cd,e")]),
]

@Test("record positions and raw bytes", arguments: positionCases, bufferSizes)
func locatedAt(_ testCase: PositionCase, bufferSize: Int) throws {
    #expect(try located(testCase.input, bufferSize: bufferSize, dialect: CSVDialect()) == testCase.expected)
}

@Test("raw bytes of every record put back together give the input", arguments: bufferSizes)
func rawRoundTrip(bufferSize: Int) throws {
    let lines = ["id,name,note", "1,\"Doe, John\",\"said \"\"hi\"\"\"", "2,é,\"two\r\nlines\"", "3,,x\"y"]
    for ending in ["\n", "\r\n", "\r"] {
        let input = Array(lines.map { $0 + ending }.joined().utf8)
        let found = try located(input, bufferSize: bufferSize, dialect: CSVDialect())
        #expect(found.map { String(decoding: $0.raw, as: UTF8.self) } == lines)
        let rebuilt = found.flatMap { $0.raw + Array(ending.utf8) }
        #expect(rebuilt == input)
        for record in found {
            #expect(Array(input[record.byteOffset..<(record.byteOffset + record.raw.count)]) == record.raw)
        }
    }
}

@Test("a long field across a 16-byte buffer keeps the next record's position")
func longFieldPosition() throws {
    let long = String(repeating: "x", count: 10 * 1024)
    let input = "a," + long + "\r\nb,c\n"
    #expect(try records(input, bufferSize: 16, dialect: CSVDialect()) == [["a", long], ["b", "c"]])
    #expect(try located(input, bufferSize: 16, dialect: CSVDialect())
        == [Located(1, 0, "a," + long), Located(2, 2 + long.utf8.count + 2, "b,c")])
}

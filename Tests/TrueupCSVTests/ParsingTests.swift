import Testing
import TrueupCSV

/// One row of the parsing table: an input and the records it must give.
struct ParseCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [UInt8]
    let expected: [[String]]
    let dialect: CSVDialect?

    /// A case read with `dialect`; comma unless said, so these cases test the
    /// tokenizer alone and the sniffer has its own table.
    init(_ name: String, _ input: String, _ expected: [[String]], dialect: CSVDialect? = CSVDialect()) {
        self.init(name, bytes: Array(input.utf8), expected, dialect: dialect)
    }

    init(_ name: String, bytes: [UInt8], _ expected: [[String]], dialect: CSVDialect? = CSVDialect()) {
        self.name = name
        self.input = bytes
        self.expected = expected
        self.dialect = dialect
    }

    var testDescription: String { name }
}

private let longText = String(repeating: "0123456789", count: 1024)
private let longQuoted = String(repeating: "ab\"\"c,d\r\n", count: 1200)
private let longUnquoted = String(repeating: "ab\"c,d\r\n", count: 1200)
private let wideRecord = (0..<100).map { "f\($0)" }

let parseCases: [ParseCase] = [
    ParseCase("simple", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
    ParseCase("single field", "a\n", [["a"]]),
    ParseCase("empty input", "", []),
    ParseCase("only line ends", "\n\r\n\r\n\n", []),
    ParseCase("empty fields", "a,,c\n,,\n", [["a", "", "c"], ["", "", ""]]),
    ParseCase("empty quoted fields", "\"\",\"\"\n1,\"\",\"\"\n", [["", ""], ["1", "", ""]]),
    ParseCase("a line holding only \"\" is a record", "a\n\"\"\nb\n", [["a"], [""], ["b"]]),
    ParseCase("trailing delimiter", "a,b,\n", [["a", "b", ""]]),
    ParseCase("ragged records kept as they are", "a,b,c\n1\n1,2,3,4\n", [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]),
    ParseCase("quoted delimiter", "city,zip\n\"Anytown, WW\",08123\n", [["city", "zip"], ["Anytown, WW", "08123"]]),
    ParseCase("escaped quotes", "1,\"ha \"\"ha\"\" ha\"\n", [["1", "ha \"ha\" ha"]]),
    ParseCase("field that is one escaped quote", "\"\"\"\"\n", [["\""]]),
    ParseCase("escaped quotes at both edges", "\"\"\"a\"\"\",b\n", [["\"a\"", "b"]]),
    ParseCase("quoted LF", "a,\"x\ny\",b\n", [["a", "x\ny", "b"]]),
    ParseCase("quoted CRLF", "a,\"x\r\ny\",b\r\n", [["a", "x\r\ny", "b"]]),
    ParseCase("quoted CR", "\"x\ry\"\rz\r", [["x\ry"], ["z"]]),
    ParseCase("quoted blank line", "\"x\n\ny\"\n", [["x\n\ny"]]),
    ParseCase("CRLF line ends", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
    ParseCase("CR line ends", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
    ParseCase("mixed line ends", "a\nb\r\nc\rd", [["a"], ["b"], ["c"], ["d"]]),
    ParseCase("no trailing newline", "a,b\n1,2", [["a", "b"], ["1", "2"]]),
    ParseCase("no trailing newline after a quoted field", "a,\"b\"", [["a", "b"]]),
    ParseCase("no trailing newline after an empty field", "a,", [["a", ""]]),
    ParseCase("blank lines skipped", "a\n\nb\n\n\n", [["a"], ["b"]]),
    ParseCase("blank CRLF and CR lines skipped", "a\r\n\r\nb\r\rc\r\n", [["a"], ["b"], ["c"]]),
    ParseCase("leading blank lines skipped", "\n\na,b\n", [["a", "b"]]),
    ParseCase("UTF-8 BOM skipped", bytes: utf8BOM + Array("a,b\n1,2\n".utf8), [["a", "b"], ["1", "2"]]),
    ParseCase("UTF-8 BOM alone", bytes: utf8BOM, []),
    ParseCase("UTF-8 BOM before a quoted field", bytes: utf8BOM + Array("\"a,b\",c\n".utf8), [["a,b", "c"]]),
    ParseCase("BOM bytes after the start are data", "a,\u{FEFF}b\n", [["a", "\u{FEFF}b"]]),
    ParseCase("UTF-8 multibyte", "名前,ville\n日本,Zürich\né,😀\n", [["名前", "ville"], ["日本", "Zürich"], ["é", "😀"]]),
    ParseCase("UTF-8 multibyte quoted", "\"日本, 東京\",\"👩‍👩‍👧\"\"\"\n", [["日本, 東京", "👩‍👩‍👧\""]]),
    ParseCase("header with spaces kept", "first name, last name ,zip code\nAda,Lovelace,1\n",
              [["first name", " last name ", "zip code"], ["Ada", "Lovelace", "1"]]),
    ParseCase("stray quote mid-field is data", "a\"b,c\n", [["a\"b", "c"]]),
    ParseCase("doubled stray quotes mid-field are data", "a\"\"b\n", [["a\"\"b"]]),
    ParseCase("stray quotes in coordinates", "37°36'37.8\"N 121°2'17.9\"W,Modesto\n",
              [["37°36'37.8\"N 121°2'17.9\"W", "Modesto"]]),
    ParseCase("quote after a space is data", " \"a\",b\n", [[" \"a\"", "b"]]),
    ParseCase("text after closing quote", "\"ab\"cd,e\n", [["abcd", "e"]]),
    ParseCase("text after closing quote at end of line", "x,\"ab\"cd\r\n", [["x", "abcd"]]),
    ParseCase("semicolon dialect", "a;\"b;c\";d,e\n", [["a", "b;c", "d,e"]], dialect: CSVDialect(delimiter: UInt8(ascii: ";"))),
    ParseCase("tab dialect", "a\t\"b\tc\"\t\n", [["a", "b\tc", ""]], dialect: CSVDialect(delimiter: UInt8(ascii: "\t"))),
    ParseCase("pipe dialect", "a|b,c|\"|\"\n", [["a", "b,c", "|"]], dialect: CSVDialect(delimiter: UInt8(ascii: "|"))),
    ParseCase("single-quote dialect", "'a,b','it''s',\"c\"\n", [["a,b", "it's", "\"c\""]],
              dialect: CSVDialect(quote: UInt8(ascii: "'"))),
    ParseCase("sniffed dialect", "a;b\n1,5;2\n", [["a", "b"], ["1,5", "2"]], dialect: nil),
    ParseCase("field of 10 KiB", longText + ",y\nz\n", [[longText, "y"], ["z"]]),
    ParseCase("quoted field of 10 KiB with quotes and line ends", "\"" + longQuoted + "\",end\n",
              [[longUnquoted, "end"]]),
    ParseCase("100 fields", wideRecord.joined(separator: ",") + "\n" + wideRecord.joined(separator: ","),
              [wideRecord, wideRecord]),
]

@Test("records", arguments: parseCases, bufferSizes)
func parsesTo(_ testCase: ParseCase, bufferSize: Int) throws {
    #expect(try records(testCase.input, bufferSize: bufferSize, dialect: testCase.dialect) == testCase.expected)
}

import Testing
import TrueupCSV

/// One row of the sniffer table: a sample and the delimiter it must give.
struct SniffCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let delimiter: Character

    init(_ name: String, _ input: String, _ delimiter: Character) {
        self.name = name
        self.input = input
        self.delimiter = delimiter
    }

    var expected: UInt8 { delimiter.asciiValue ?? 0 }
    var testDescription: String { name }
}

let sniffCases: [SniffCase] = [
    SniffCase("comma", "a,b,c\n1,2,3\n", ","),
    SniffCase("semicolon", "a;b;c\n1;2;3\n", ";"),
    SniffCase("semicolon with decimal commas", "customer;item;period;forecast\nC1;I1;2024-01;12,5\n", ";"),
    SniffCase("semicolon with decimal commas in every column",
              "a;b;c\n1,5;2,25;3,125\n4,5;5,5;6,5\n", ";"),
    SniffCase("tab", "a\tb\n1\t2\n", "\t"),
    SniffCase("tab with spaces and commas in fields", "first name\tcity\nAda, L.\tLondon, UK\n", "\t"),
    SniffCase("pipe", "a|b|c\n1|2|3\n", "|"),
    SniffCase("comma with quoted semicolons, tabs and pipes",
              "\"a;b;c\",\"d|e\",\"f\tg\"\n\"1;2;3\",\"4|5\",\"6\t7\"\n", ","),
    SniffCase("semicolon with quoted commas in the header and data",
              "\"last, first\";note\n\"Doe, John\";\"x, y, z\"\n", ";"),
    SniffCase("pipe with quoted commas and semicolons", "\"a,b\"|\"c;d\"\n\"1,2\"|\"3;4\"\n", "|"),
    SniffCase("tab, every field quoted, commas inside", "\"id\"\t\"amount, EUR\"\n\"1\"\t\"2,5\"\n", "\t"),
    SniffCase("tab, every field quoted, more commas than tabs inside",
              "\"id\"\t\"a, b, c\"\n\"1\"\t\"x, y, z\"\n", "\t"),
    SniffCase("single column falls back to comma", "value\n1\n2\n", ","),
    SniffCase("empty sample falls back to comma", "", ","),
    SniffCase("consistency beats field count", "a;b,c\n1;2\n3;4\n", ";"),
    SniffCase("on a tie, more fields win", "a,b;c;d\n1,2;3;4\n", ";"),
    SniffCase("blank lines ignored", "a|b\n\n1|2\n\n", "|"),
    SniffCase("CRLF", "a;b\r\n1;2\r\n", ";"),
    SniffCase("quoted line ends", "a;b\n\"x\ny\";2\n", ";"),
]

@Test("sniffer", arguments: sniffCases)
func sniffs(_ testCase: SniffCase) throws {
    let sample = Array(testCase.input.utf8)
    let sniffed = CSVSniffer.sniff(sample, isWholeFile: true)
    #expect(sniffed.delimiter == testCase.expected)
    #expect(sniffed.quote == UInt8(ascii: "\""))
    #expect(try CSVReader(bytes: sample).dialect.delimiter == testCase.expected)
}

@Test("a sample cut inside a record is sniffed from its whole records")
func truncatedSample() {
    let sample = Array("a;b\n1;2\n3;\"op".utf8)
    #expect(CSVSniffer.sniff(sample, isWholeFile: false).delimiter == UInt8(ascii: ";"))
}

@Test("the sniffer looks past a UTF-8 BOM")
func sniffsAfterBOM() throws {
    let reader = try CSVReader(bytes: utf8BOM + Array("a;b\n1,5;2\n".utf8), bufferSize: 5)
    #expect(reader.dialect.delimiter == UInt8(ascii: ";"))
    var seen: [[String]] = []
    try reader.forEachRecord { record in
        var fields: [String] = []
        for index in 0..<record.count { fields.append(record.string(index)) }
        seen.append(fields)
    }
    #expect(seen == [["a", "b"], ["1,5", "2"]])
    #expect(reader.hadByteOrderMark)
}

@Test("a given dialect is used as given")
func givenDialect() throws {
    let reader = try CSVReader(bytes: Array("a;b\n1;2\n".utf8), dialect: CSVDialect())
    #expect(reader.dialect == CSVDialect())
    #expect(try records("a;b\n1;2\n", dialect: CSVDialect()) == [["a;b"], ["1;2"]])
}

import Testing
import TrueupCSV

@Test("hadByteOrderMark says whether a UTF-8 BOM was skipped", arguments: bufferSizes)
func byteOrderMark(bufferSize: Int) throws {
    let body = Array("a,b\n1,2\n".utf8)
    let cases: [([UInt8], Bool)] = [(utf8BOM + body, true), (body, false), ([0xEF, 0xBB] + body, false)]
    for (input, expected) in cases {
        let reader = try CSVReader(bytes: input, bufferSize: bufferSize)
        var first: [String] = []
        try reader.forEachRecord { record in
            if first.isEmpty { for index in 0..<record.count { first.append(record.string(index)) } }
        }
        #expect(reader.hadByteOrderMark == expected)
        if expected { #expect(first == ["a", "b"]) }
    }
}

@Test("field gives the unquoted bytes and count the number of fields", arguments: bufferSizes)
func fieldBytes(bufferSize: Int) throws {
    let reader = try CSVReader(bytes: Array("plain,\"quoted\",\"esc\"\"aped\",\"\",,\"ab\"cd\n".utf8),
                               dialect: CSVDialect(), bufferSize: bufferSize)
    var seen: [[[UInt8]]] = []
    try reader.forEachRecord { record in
        var fields: [[UInt8]] = []
        for index in 0..<record.count { fields.append(Array(record.field(index))) }
        seen.append(fields)
    }
    #expect(seen == [["plain", "quoted", "esc\"aped", "", "", "abcd"].map { Array($0.utf8) }])
}

/// `field` documents its bytes as valid until the callback returns, so a caller
/// may take every field first and read them afterwards, even when several of
/// them had to be unquoted.
@Test("fields taken together stay valid until the callback returns", arguments: bufferSizes)
func fieldsHeldTogether(bufferSize: Int) throws {
    let long = String(repeating: "z\"\"", count: 100)  // more than the first scratch block holds
    let input = "\"a\"\"b\",plain,\"c\"\"d\",\"" + long + "\",\"e\"x\n\"f\"\"\",g\n"
    let expected = [["a\"b", "plain", "c\"d", String(repeating: "z\"", count: 100), "ex"], ["f\"", "g"]]
    let reader = try CSVReader(bytes: Array(input.utf8), dialect: CSVDialect(), bufferSize: bufferSize)
    var seen: [[String]] = []
    try reader.forEachRecord { record in
        var views: [UncheckedBytes] = []
        for index in 0..<record.count { views.append(record.field(index)) }
        seen.append(views.map(\.text))
    }
    #expect(seen == expected)
}

@Test("string repairs invalid UTF-8 with U+FFFD")
func invalidUTF8() throws {
    let input: [UInt8] = [0x61, 0xE9, 0x2C, 0x62, 0x0A]  // "a\xE9,b\n": Latin-1 é
    #expect(try records(input, dialect: CSVDialect()) == [["a\u{FFFD}", "b"]])
}

private struct Stop: Error, Equatable {}

@Test("an error thrown by the callback stops the reading and comes back out")
func callbackErrorRethrown() throws {
    let reader = try CSVReader(bytes: Array("a\nb\nc\n".utf8), dialect: CSVDialect(), bufferSize: 4)
    var seen: [String] = []
    #expect(throws: Stop()) {
        try reader.forEachRecord { record in
            seen.append(record.string(0))
            if seen.count == 2 { throw Stop() }
        }
    }
    #expect(seen == ["a", "b"])
}

@Test("delimiterName names the four candidates")
func delimiterNames() {
    #expect(CSVDialect.candidateDelimiters.map { CSVDialect(delimiter: $0).delimiterName }
        == ["comma", "semicolon", "tab", "pipe"])
    #expect(CSVDialect(delimiter: UInt8(ascii: ":")).delimiterName == "byte 58")
}

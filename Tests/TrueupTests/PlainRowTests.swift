import Testing
import TrueupCSV
@testable import Trueup
import TrueupReports

/// The plain path (`RowParser.parsePlain`) reads the rows it takes to exactly what the
/// general path reads, and declines everything else without changing the block.
@Suite struct PlainRowTests {
    static let header = ["customer", "item", "period", "lag", "forecast"]

    static func parser(_ header: [String] = header, kind: RowParser.Kind = .forecasts, dialect: CSVDialect = CSVDialect()) throws -> RowParser {
        let quantity: Column = kind == .forecasts ? .forecast : .actual
        let mapping = try ColumnMapping.map(header: header, required: [.customer, .item, .period, quantity],
                                            optional: kind == .forecasts ? [.lag, .snapshot] : [], overrides: [:], file: "f.csv")
        return RowParser(kind: kind, file: "f.csv", mapping: mapping, dialect: dialect,
                         decimalComma: dialect.delimiter == UInt8(ascii: ";"))
    }

    /// What a block holds, row by row, with names spelled out and values as bit patterns.
    static func summary(_ block: ParsedBlock) -> [String] {
        let c = block.rows
        let rows = c.value.indices.map { r in
            "\(block.customers.name(c.customer[r]))|\(block.items.name(c.item[r]))|\(c.month[r])|\(c.lag[r])|"
                + "\(c.value[r].bitPattern)|\(c.line[r])"
        }
        let problems = block.problems.map { "problem \($0.line) byte \($0.byte ?? -1) \($0.column ?? "-"): \(RowProblemText.reason($0.kind)) [\($0.raw)]" }
        return rows + problems + ["read \(block.rowsRead)", "stop \(block.stop.offset) \(block.stop.lines)"]
    }

    /// One line read by the plain path alone: the block after it, or nil when it declined.
    static func plainOnly(_ line: String, _ parser: RowParser) throws -> ParsedBlock? {
        let layout = try #require(parser.plain)
        var block = ParsedBlock(start: 0)
        let bytes = Array(line.utf8)
        let taken = bytes.withUncheckedBytes { parser.parsePlain($0, line: 1, layout: layout, into: &block) }
        if let taken {
            #expect(taken == bytes.count, "took \(taken) of \(bytes.count) bytes of \(line.debugDescription)")
            return block
        }
        #expect(Self.summary(block) == Self.summary(ParsedBlock(start: 0)), "declined \(line.debugDescription) but changed the block")
        return nil
    }

    @Test func plainRowsAreTakenWithTheirValues() throws {
        let parser = try Self.parser()
        let block = try #require(try Self.plainOnly("C0001,SKU-7,2024-03,2,-12.50\n", parser))
        #expect(Self.summary(block).first == "C0001|SKU-7|\(2024 * 12 + 2)|2|\((-12.5).bitPattern)|1")
        #expect(try Self.plainOnly("Müller GmbH,x,2024-12,0,7\r\n", parser) != nil)
        #expect(try Self.plainOnly("a,b,4999-01,63,999999999999999\n", parser) != nil)
        #expect(try Self.plainOnly("a,b,1000-01,9,.5\n", parser) != nil)
        #expect(try Self.plainOnly("a,b,2024-01,9,5.\n", parser) != nil)
    }

    /// The dialects exports write: dates, quoted fields with CRLF, decimal commas, snapshots.
    @Test func exportDialectsAreTakenWithTheirValues() throws {
        let parser = try Self.parser()
        let march = 2024 * 12 + 2
        let date = try #require(try Self.plainOnly("C1,x,2024-03-15,2,7\n", parser))
        #expect(Self.summary(date).first == "C1|x|\(march)|2|\(7.0.bitPattern)|1")
        #expect(try Self.plainOnly("C1,x,2024-02-29,2,7\n", parser) != nil, "a leap day")
        #expect(try Self.plainOnly("C1,x,2024-01-31,2,7\n", parser) != nil)
        let quoted = try #require(try Self.plainOnly("\"C1, Inc\",\"x\",\"2024-03\",\"2\",\"-1.5\"\r\n", parser))
        #expect(Self.summary(quoted).first == "C1, Inc|x|\(march)|2|\((-1.5).bitPattern)|1")
        #expect(try Self.plainOnly("\"C1\",\"x\",\"2024-03-01\",2,7\r\n", parser) != nil)
        #expect(try Self.plainOnly("\"\",C1,x,2024-03,7\n", try Self.parser(["note", "customer", "item", "period", "forecast"])) != nil,
                "an empty quoted field trueup doesn't read")

        let semicolons = try Self.parser(dialect: CSVDialect(delimiter: UInt8(ascii: ";")))
        let comma = try #require(try Self.plainOnly("C1;x;2024-03;2;93,3\n", semicolons))
        #expect(Self.summary(comma).first == "C1|x|\(march)|2|\(93.3.bitPattern)|1")
        #expect(try Self.plainOnly("C1;x;2024-03;2;93.3\n", semicolons) != nil, "a point, as Quantity.parse reads it there")
        #expect(try Self.plainOnly("\"C1\";\"x\";\"2024-03-15\";2;-0,25\r\n", semicolons) != nil)

        let snapshots = try Self.parser(["customer", "item", "period", "snapshot", "forecast"])
        let made = try #require(try Self.plainOnly("C1,x,2024-03,2024-01,7\n", snapshots))
        #expect(Self.summary(made).first == "C1|x|\(march)|2|\(7.0.bitPattern)|1")
        #expect(try Self.plainOnly("C1,x,2024-03,2024-03-31,7\n", snapshots).map { Self.summary($0).first } == "C1|x|\(march)|0|\(7.0.bitPattern)|1")
        #expect(try Self.plainOnly("C1,x,2029-04,2024-01,7\n", snapshots) != nil, "63 months")
        // Beside a lag column the snapshot is not read, as the general path doesn't read it.
        let both = try Self.parser(["customer", "item", "period", "lag", "snapshot", "forecast"])
        let lagWins = try #require(try Self.plainOnly("C1,x,2024-03,1,soon,7\n", both))
        #expect(Self.summary(lagWins).first == "C1|x|\(march)|1|\(7.0.bitPattern)|1")
    }

    /// The reader offers the plain path what its buffer holds: a row cut short anywhere is declined,
    /// and the general path waits for the rest of it.
    @Test func aRowCutShortIsDeclined() throws {
        let cases: [(String, RowParser)] = [
            ("C0001,SKU00001,2024-01-01,1,92.5\n", try Self.parser()),
            ("\"C0001\",\"SKU00001\",\"2024-01\",1,92.5\r\n", try Self.parser()),
            ("C0001;SKU00001;2024-01;1;92,5\n", try Self.parser(dialect: CSVDialect(delimiter: UInt8(ascii: ";")))),
            ("C0001,SKU00001,2024-03,2024-01-15,92.5\r\n", try Self.parser(["customer", "item", "period", "snapshot", "forecast"])),
        ]
        for (line, parser) in cases {
            #expect(try Self.plainOnly(line, parser) != nil, "\(line.debugDescription)")
            let bytes = Array(line.utf8)
            for cut in 0..<bytes.count {
                var block = ParsedBlock(start: 0)
                let taken = bytes[..<cut].withUncheckedBytes { parser.parsePlain($0, line: 1, layout: parser.plain!, into: &block) }
                #expect(taken == nil, "took \(String(decoding: bytes[..<cut], as: UTF8.self).debugDescription)")
            }
        }
    }

    @Test(arguments: [
        // Not a date: no such day, a time after it, one digit, a trailing dash.
        "C1,x,2024-02-30,1,5\n", "C1,x,2023-02-29,1,5\n", "C1,x,2024-04-31,1,5\n", "C1,x,2024-01-00,1,5\n", "C1,x,2024-01-32,1,5\n",
        "C1,x,2024-01-15 10:00,1,5\n", "C1,x,2024-01-15T10:00,1,5\n", "C1,x,2024-01-1,1,5\n", "C1,x,2024-01-,1,5\n",
        "C1,x,2024-01-15-,1,5\n", "C1,x,2024/01/15,1,5\n",
        // Quotes that are not one whole field: doubled, text after, unclosed, a line break inside, padding, empty.
        "\"C\"\"1\",x,2024-01,1,5\n", "\"C1\"x,x,2024-01,1,5\n", "\"C1,x,2024-01,1,5\n", "\"C\n1\",x,2024-01,1,5\n",
        "\"C\r1\",x,2024-01,1,5\n", "\" C1\",x,2024-01,1,5\n", "\"C1 \",x,2024-01,1,5\n", "\"\",x,2024-01,1,5\n", "C1,x, \"2024-01\",1,5\n",
        "C1,x,\"2024-01\" ,1,5\n", "C1,x,\"2024-01 \",1,5\n", "C1,x,2024-01,\"1 \",5\n", "C1,x,2024-01,1,\"5\"", "C1,x,2024-01,1,\"5\n",
        "C1,x,2024-01,1,\"\"\n", "C1,x,2024-01,1,\"5\"\"\"\n", "C1,x,\"\"\"2024-01\",1,5\n", "C\"1,x,2024-01,1,5\n",
    ])
    func notQuitePlainDialectsAreDeclined(line: String) throws {
        #expect(try Self.plainOnly(line, try Self.parser()) == nil)
    }

    @Test(arguments: ["C1;x;2024-01;1;1.234,5\n", "C1;x;2024-01;1;1,234.5\n", "C1;x;2024-01;1;5,5,5\n", "C1;x;2024-01;1;,\n",
                      "C1;x;2024-01;1;5;5\n", "C1;x;2024-01;1;1e3\n"])
    func notQuitePlainDecimalCommasAreDeclined(line: String) throws {
        #expect(try Self.plainOnly(line, try Self.parser(dialect: CSVDialect(delimiter: UInt8(ascii: ";")))) == nil)
    }

    @Test(arguments: [
        // After the period, more than 63 months before it, not a month, padded, empty.
        "C1,x,2024-01,2024-02,5\n", "C1,x,2024-01,2024-01-02x,5\n", "C1,x,2029-05,2024-01,5\n", "C1,x,2024-01,soon,5\n",
        "C1,x,2024-01, 2024-01,5\n", "C1,x,2024-01,,5\n", "C1,x,2024-01,202401,5\n", "C1,x,2024-01,2023-02-29,5\n",
    ])
    func notQuitePlainSnapshotsAreDeclined(line: String) throws {
        #expect(try Self.plainOnly(line, try Self.parser(["customer", "item", "period", "snapshot", "forecast"])) == nil)
    }

    @Test(arguments: [
        "", "\n", ",,,,\n", "C1,x,2024-01,1,5", "C1,x,2024-01,1,5\r", "C1,x,2024-01,1,5\rC2,x,2024-01,1,5\n", "C\r1,x,2024-01,1,5\n",
        " C1,x,2024-01,1,5\n", "C1 ,x,2024-01,1,5\n", "C1,\tx,2024-01,1,5\n", ",x,2024-01,1,5\n", "C1,,2024-01,1,5\n",
        "C1,x,202401,1,5\n", "C1,x,2024-1,1,5\n", "C1,x,2024-00,1,5\n", "C1,x,2024-13,1,5\n",
        "C1,x,0999-01,1,5\n", "C1,x,5000-01,1,5\n", "C1,x, 2024-01,1,5\n", "C1,x,2024-01,,5\n", "C1,x,2024-01,64,5\n",
        "C1,x,2024-01,100,5\n", "C1,x,2024-01,-1,5\n", "C1,x,2024-01,1 ,5\n", "C1,x,2024-01,1,\n", "C1,x,2024-01,1,-\n",
        "C1,x,2024-01,1,.\n", "C1,x,2024-01,1,+5\n", "C1,x,2024-01,1,1e3\n", "C1,x,2024-01,1,1,5\n", "C1,x,2024-01,1,5 \n",
        "C1,x,2024-01,1,1234567890123456\n", "C1,x,2024-01,1,0.0000000000000001\n", "C1,x,2024-01,1,NaN\n",
        "C1,x,2024-01,1,5,extra\n", "C1,x,2024-01,1\n", "C\u{FF}1,x,2024-01,1,5\n",
    ])
    func everythingElseIsDeclined(line: String) throws {
        // Strings can't hold invalid UTF-8: the ÿ stands in for a byte made invalid below.
        var bytes = Array(line.utf8)
        if let at = bytes.firstIndex(of: 0xC3), bytes[at + 1] == 0xBF { bytes.replaceSubrange(at...(at + 1), with: [0xFF]) }
        let parser = try Self.parser()
        let layout = try #require(parser.plain)
        var block = ParsedBlock(start: 0)
        let taken = bytes.withUncheckedBytes { parser.parsePlain($0, line: 1, layout: layout, into: &block) }
        #expect(taken == nil, "took \(line.debugDescription)")
        #expect(Self.summary(block) == Self.summary(ParsedBlock(start: 0)))
    }

    @Test func theGeneralPathKeepsWhatThePlainPathCantRead() throws {
        #expect(try Self.parser((0..<17).map { ["customer", "item", "period", "lag", "forecast"][safe: $0] ?? "x\($0)" }).plain == nil)
        let mapping = try ColumnMapping.map(header: Self.header, required: [.customer, .item, .period, .forecast],
                                            optional: [.lag], overrides: [:], file: "f.csv")
        #expect(RowParser(kind: .forecasts, file: "f.csv", mapping: mapping, dialect: CSVDialect(), decimalComma: false,
                          encoding: .latin1).plain == nil)
    }

    /// Random files of plain and not-quite-plain rows in several layouts and dialects read the same both ways.
    @Test(arguments: Array(UInt64(1)...16))
    func randomFilesReadTheSameBothWays(seed: UInt64) throws {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        // Quoted: the share of fields in quotes, in tenths.
        let layouts: [(header: [String], delimiter: String, kind: RowParser.Kind, quoted: Int)] = [
            (Self.header, ",", .forecasts, 0),
            (["period", "forecast", "note", "item", "lag", "customer"], ",", .forecasts, 2),
            (["customer", "item", "period", "actual"], ",", .actuals, 0),
            (["customer", "item", "period", "forecast"], ";", .forecasts, 0),
            (["item", "customer", "forecast", "period"], "\t", .forecasts, 1),
            (Self.header, ",", .forecasts, 9),
            (["customer", "item", "period", "snapshot", "forecast"], ",", .forecasts, 1),
            (["customer", "item", "period", "lag", "snapshot", "forecast"], ";", .forecasts, 5),
        ]
        let layout = layouts[Int(seed) % layouts.count]
        let d = layout.delimiter
        func value(_ column: String) -> String {
            let text = unquoted(column)
            return !text.hasPrefix("\"") && next(10) < layout.quoted ? "\"\(text)\"" : text
        }
        func unquoted(_ column: String) -> String {
            switch column {
            case "customer", "item":
                let names = ["C\(next(20))", "Item \(next(30))", "Müller \(next(3))", " padded", "\"quoted, name\"", "\"two\nlines\"", ""]
                return names[next(10) < 7 ? next(3) : next(names.count)]
            case "period":
                let periods = ["2024-0\(1 + next(9))", "2025-1\(next(3))", "2024-0\(1 + next(9))-\(10 + next(19))", "202403", "2024-02-29",
                               "2024-13", " 2024-01", "soon", "2024-02-30", "2024-01-15 10:00", "2024-01-", "2024-01-1"]
                return periods[next(10) < 8 ? next(3) : next(periods.count)]
            case "snapshot":
                let snapshots = ["2023-1\(next(3))", "2024-0\(1 + next(3))", "2023-0\(1 + next(9))-0\(1 + next(9))", "2026-01", "1990-01",
                                 "soon", "", " 2024-01", "2024-01-15T08:00"]
                return snapshots[next(10) < 8 ? next(3) : next(snapshots.count)]
            case "lag":
                let lags = ["\(next(4))", "\(next(70))", "007", "", "x"]
                return lags[next(10) < 8 ? 0 : next(lags.count)]
            case "forecast", "actual":
                let mark = d == ";" && next(2) == 0 ? "," : "."
                let values = ["\(next(1000))", "\(next(1000))\(mark)\(next(100))", "-\(next(50))\(mark)5", "0.\(next(10))", ".5", "5.", "1e3",
                              "12345678901234567", d == ";" ? "3,5" : "3.25", " 4", "", "-", "+2"]
                return values[next(10) < 7 ? next(4) : next(values.count)]
            default:
                return ["", "note", "\"a \"\"b\"\"\""][next(3)]
            }
        }
        var text = layout.header.joined(separator: d) + "\n"
        var previous: [String] = []
        for _ in 0..<3_000 {
            var fields = layout.header.map(value)
            // Exports list one customer's and item's rows together: half the rows repeat the names before them.
            if !previous.isEmpty && next(2) == 0 {
                for (k, column) in layout.header.enumerated() where column == "customer" || column == "item" { fields[k] = previous[k] }
            }
            previous = fields
            if next(50) == 0 { fields.removeLast() }
            if next(50) == 0 { fields.append("more") }
            let end = ["\n", "\n", "\n", "\r\n", "\r"][next(5)]
            text += fields.joined(separator: d) + end
            if next(40) == 0 { text += [end, d + d + d + end, "   " + end][next(3)] }
        }
        let dialect = CSVDialect(delimiter: UInt8(ascii: Unicode.Scalar(d)!))
        let parser = try Self.parser(layout.header, kind: layout.kind, dialect: dialect)
        #expect(parser.plain != nil)
        let scratch = Scratch()
        let path = scratch.file("data.csv", text)
        let dataStart = Array(text.utf8).firstIndex(of: UInt8(ascii: "\n"))! + 1
        var general = parser
        general.plain = nil
        let withPlain = try BlockReader.parse(file: InputSource.open(path).file, path: path, dialect: dialect, parser: parser, from: dataStart, before: .max)
        let without = try BlockReader.parse(file: InputSource.open(path).file, path: path, dialect: dialect, parser: general, from: dataStart, before: .max)
        #expect(withPlain.rowsRead > 1_000)
        let read = (plain: Self.summary(withPlain), general: Self.summary(without))
        #expect(read.plain.count == read.general.count)
        if let k = read.plain.indices.first(where: { $0 < read.general.count && read.plain[$0] != read.general[$0] }) {
            Issue.record("entry \(k): the plain path read \(read.plain[k].debugDescription), the general path \(read.general[k].debugDescription)")
        }

        // And most rows were the plain path's: the comparison above is not between two general reads.
        var taken = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            var block = ParsedBlock(start: 0)
            let bytes = Array((line + "\n").utf8)
            if bytes.withUncheckedBytes({ parser.parsePlain($0, line: 1, layout: parser.plain!, into: &block) }) != nil { taken += 1 }
        }
        #expect(taken > 300)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

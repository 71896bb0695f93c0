import Foundation
import Testing
import TrueupCSV
import TrueupReports
@testable import Trueup
import TrueupGenerate

/// The dialects real exports write (dates, quoted fields with CRLF, semicolons with decimal commas, a
/// snapshot column) go straight to the fast reader, every row through its plain path, and give the
/// figures the plain long form gives, byte for byte.
@Suite struct ExportDialectTests {
    /// How a file is written; every flag off is the plain long form `trueup generate` writes.
    struct Dialect: CustomTestStringConvertible, Sendable {
        var name: String
        var delimiter = ","
        var decimalComma = false
        /// Customer, item, period (and the snapshot) in double quotes, and the header's names too.
        var quoted = false
        var crlf = false
        /// Periods as dates: a forecast's on the 1st of its month, an actual's on its month's last day.
        var dates = false
        /// The forecasts' lag column replaced by the month the forecast was made (the period minus the lag).
        var snapshot = false

        var testDescription: String { name }

        static let all: [Dialect] = [
            Dialect(name: "plain"),
            Dialect(name: "dates", dates: true),
            Dialect(name: "quoted-crlf", quoted: true, crlf: true),
            Dialect(name: "semicolon", delimiter: ";", decimalComma: true),
            Dialect(name: "snapshot", snapshot: true),
            Dialect(name: "all at once", delimiter: ";", decimalComma: true, quoted: true, crlf: true, dates: true, snapshot: true),
        ]

        /// `plain` (a generated file) rewritten in this dialect.
        func rewrite(_ plain: String, forecasts: Bool) -> String {
            var lines = plain.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            if snapshot && forecasts { lines[0][3] = "snapshot" }
            for r in lines.indices.dropFirst() {
                var row = lines[r]
                let month = Month.parse(row[2])!
                if snapshot && forecasts { row[3] = (month + -Int(row[3])!).description }
                if dates { row[2] += forecasts ? "-01" : "-\(month.dayCount)" }
                if decimalComma { row[row.count - 1] = row[row.count - 1].replacingOccurrences(of: ".", with: ",") }
                lines[r] = row
            }
            let text = lines.enumerated().map { r, row in
                row.enumerated().map { k, field in
                    // The quantity, and the lag, are numbers; everything else is text.
                    let isText = r == 0 || k < 3 || (k == 3 && snapshot && forecasts)
                    return quoted && isText ? "\"\(field)\"" : field
                }.joined(separator: delimiter)
            }
            let end = crlf ? "\r\n" : "\n"
            return text.joined(separator: end) + end
        }
    }

    /// A small generated book (with open forecasts) in the plain long form, and its figures.
    struct Book {
        let scratch = Scratch()
        let forecasts: String
        let actuals: String
        let result: ReportResult

        init() throws {
            let folder = scratch.path + "/plain"
            _ = try Generator(GeneratorConfig(customers: 7, items: 6, months: 15, lags: 3, seed: 9, openMonths: 2)).write(to: folder)
            forecasts = try String(contentsOfFile: folder + "/forecasts.csv", encoding: .utf8)
            actuals = try String(contentsOfFile: folder + "/actuals.csv", encoding: .utf8)
            result = try Report.run(ReportRequest(forecasts: folder + "/forecasts.csv", actuals: folder + "/actuals.csv"))
        }
    }

    static func metricsCSV(_ result: ReportResult) -> String { MetricsCSV.render(result.rows, grouping: .customer) }

    @Test(arguments: Dialect.all)
    func aDialectGivesThePlainFiguresByteForByte(dialect: Dialect) throws {
        let book = try Book()
        let scratch = Scratch()
        let forecasts = scratch.file("forecasts.csv", dialect.rewrite(book.forecasts, forecasts: true))
        let actuals = scratch.file("actuals.csv", dialect.rewrite(book.actuals, forecasts: false))
        // Several blocks, so rows of the dialect are also read from a block's guessed start.
        var request = ReportRequest(forecasts: forecasts, actuals: actuals)
        request.readBlockSize = 4096
        let result = try Report.run(request)
        #expect(Self.metricsCSV(result) == Self.metricsCSV(book.result))
        #expect(result.accounting == book.result.accounting)
        #expect(result.lastClosed == book.result.lastClosed)
        #expect(book.result.rows.count > 20, "the book has figures to compare")
    }

    @Test(arguments: Dialect.all)
    func aDialectGoesStraightToThePlainPath(dialect: Dialect) throws {
        let book = try Book()
        let scratch = Scratch()
        for (kind, plain) in [(RowParser.Kind.forecasts, book.forecasts), (.actuals, book.actuals)] {
            let path = scratch.file("\(kind).csv", dialect.rewrite(plain, forecasts: kind == .forecasts))
            #expect(SidePlan.isPlain(try SideSource.resolve([path]), kind: kind, pattern: nil, encoding: .utf8, overrides: [:]),
                    "\(kind) in \(dialect.name) go through intake")
            let (rows, general) = try Self.readBothPaths(path, kind: kind)
            #expect(general == 0, "\(general) \(kind) rows in \(dialect.name) took the general path")
            #expect(rows == plain.split(separator: "\n").count - 1)
        }
    }

    /// A named month is intake's: the plan doesn't send it to the fast reader (so the test above can fail).
    @Test func aNamedMonthGoesThroughIntake() throws {
        let scratch = Scratch()
        let path = scratch.file("actuals.csv", "customer,item,period,actual\nC1,x,Jan-24,5\n")
        #expect(!SidePlan.isPlain(try SideSource.resolve([path]), kind: .actuals, pattern: nil, encoding: .utf8, overrides: [:]))
    }

    /// A semicolon file whose quantities hold both marks is intake's, which reads the one its values
    /// use as the decimal mark and the other as a thousands separator: `1.234` beside `0,5` is 1234,
    /// wherever it sits in the file (here past the plan's sample). The plan can't know before reading;
    /// the fast reader finds out as it reads, and the sides are read again, that one through intake.
    @Test func aSemicolonFileWithBothMarksIsReadAsIntakeReadsIt() throws {
        let scratch = Scratch()
        let rows = (1...400).map { "C1;x\($0);2024-01;0,5" }
        let both = scratch.file("both.csv", (["customer;item;period;actual"] + rows + ["C1;late;2024-01;1.234"] + rows.map { $0.replacingOccurrences(of: "x", with: "y") }).joined(separator: "\n") + "\n")
        let forecasts = scratch.file("f.csv", "customer,item,period,lag,forecast\nC1,late,2024-01,1,1000\n")
        let result = try Report.run(ReportRequest(forecasts: forecasts, actuals: both))
        #expect(result.rows.first?.figures.actual == 1234 + 800 * 0.5)
        #expect(result.actuals.rowsRead == 801)
        let commas = scratch.file("commas.csv", (["customer;item;period;actual"] + rows).joined(separator: "\n") + "\n")
        #expect(SidePlan.isPlain(try SideSource.resolve([commas]), kind: .actuals, pattern: nil, encoding: .utf8, overrides: [:]))
        let lagAndSnapshot = scratch.file("ls.csv", "customer,item,period,lag,snapshot,forecast\nC1,x,2024-03,1,2024-01,5\n")
        #expect(!SidePlan.isPlain(try SideSource.resolve([lagAndSnapshot]), kind: .forecasts, pattern: nil, encoding: .utf8, overrides: [:]))
    }

    /// The forecasts found to need intake after the actuals were read: both are read again, and every
    /// row and bad row is counted once.
    @Test func forecastsWithBothMarksAreReadAgainWithTheActualsCountedOnce() throws {
        let scratch = Scratch()
        let actuals = scratch.file("a.csv", "customer,item,period,actual\nC1,x,2024-01,100\nC1,x,2024-02,oops\nC1,y,2024-01,1500\n")
        let lines = (1...300).map { "C1;z\($0);2024-01;1;0,5" }
        let forecasts = scratch.file("f.csv", (["customer;item;period;lag;forecast", "C1;x;2024-01;1;2,5"] + lines
            + ["C1;y;2024-01;1;1.250", "C1;w;2024-01;1;bad"]).joined(separator: "\n") + "\n")
        var request = ReportRequest(forecasts: forecasts, actuals: actuals)
        request.skipBadRows = true; request.maxBadRowsPct = 100
        let result = try Report.run(request)
        // Intake reads the comma as the decimal mark and `1.250` as 1250 (the 300 items without actuals count at 0 sold).
        #expect(result.rows.first?.figures.forecast == 2.5 + 1250 + 300 * 0.5)
        #expect(result.forecasts.rowsRead == 303 && result.forecasts.rowsRejected == 1)
        #expect(result.actuals.rowsRead == 3 && result.actuals.rowsRejected == 1)
        #expect(result.rejects.count == 2)
    }

    /// Points only in names, or quantities whose points are surely decimal, read straight; points that
    /// might group thousands (`1.234` and nothing else) read as intake reads them, 1234.
    @Test func aSemicolonFileReadsStraightOnlyWhereBothReadersAgree() throws {
        let scratch = Scratch()
        let forecasts = scratch.file("f.csv", "customer,item,period,lag,forecast\nACME Inc.,x,2024-01,1,10\n")
        func actual(_ values: [String], customer: String = "ACME Inc.") throws -> Double? {
            let body = values.enumerated().map { "\(customer);x;2024-0\($0.offset + 1);\($0.element)" }
            let path = scratch.file("a\(values.joined()).csv", (["customer;item;period;actual"] + body).joined(separator: "\n") + "\n")
            var request = ReportRequest(forecasts: forecasts, actuals: path)
            request.from = Month(year: 2024, month: 1)
            request.to = Month(year: 2024, month: 1)
            return try Report.run(request).rows.first?.figures.actual
        }
        #expect(try actual(["1,5", "2,25"]) == 1.5)
        #expect(try actual(["1.5", "2.25"]) == 1.5)
        #expect(try actual(["1.234", "2.500"]) == 1234)
        #expect(try actual(["1.234", "2,5"]) == 1234)
    }

    /// The marks the plain path records for a quantity are the ones `DecimalMarks.of` finds in its bytes.
    @Test func thePlainPathRecordsTheMarksTheGeneralPathFinds() throws {
        for value in ["5", "0,5", "1,234", "1.5", "1.234", "-12.5", "7.", ",5", "123.4567"] {
            let scratch = Scratch()
            let path = scratch.file("a.csv", "customer;item;period;actual\nC1;x;2024-01;\(value)\n")
            let header = try Ingest.Header(InputSource.open(path), required: [.customer, .item, .period, .actual],
                                           optional: [], overrides: [:], encoding: .utf8)
            let parser = RowParser(kind: .actuals, file: path, mapping: header.mapping, dialect: header.dialect, decimalComma: true)
            var block = ParsedBlock(start: header.dataStart)
            let line = Array("C1;x;2024-01;\(value)\n".utf8)
            let took = line.withUncheckedBytes { parser.parsePlain($0, line: 2, layout: parser.plain!, into: &block) }
            #expect(took == line.count, "\(value)")
            let expected = Array(value.utf8).withUncheckedBytes { DecimalMarks.of($0) }
            #expect(block.marks == expected, "\(value)")
        }
    }

    /// The rows the plain path took and the rows left to the general path, reading the whole file.
    static func readBothPaths(_ path: String, kind: RowParser.Kind) throws -> (plain: Int, general: Int) {
        let quantity: Column = kind == .actuals ? .actual : .forecast
        let header = try Ingest.Header(InputSource.open(path), required: [.customer, .item, .period, quantity],
                                       optional: kind == .forecasts ? [.lag, .snapshot] : [], overrides: [:], encoding: .utf8)
        let parser = RowParser(kind: kind, file: path, mapping: header.mapping, dialect: header.dialect,
                               decimalComma: header.dialect.delimiter == UInt8(ascii: ";"))
        let layout = try #require(parser.plain)
        var block = ParsedBlock(start: header.dataStart)
        var general = 0
        let reader = try CSVReader(path: path, dialect: header.dialect, bufferSize: 4096)
        _ = try reader.records(from: header.dataStart, firstLine: header.firstDataLine, plain: { bytes, line in
            parser.parsePlain(bytes, line: line, layout: layout, into: &block)
        }) { _ in
            general += 1
            return true
        }
        #expect(block.problems.isEmpty)
        return (block.rowsRead, general)
    }

    /// Bad rows in a dialect are the general path's: the same problems, lines and counts with the plain path as without it.
    @Test func badRowsInADialectReadTheSameBothWays() throws {
        let text = """
            "customer";"item";"period";"snapshot";"forecast"\r
            "C1";"x";"2024-03-15";"2024-01";12,5\r
            "C1";"x";"2024-02-30";"2024-01";12,5\r
            "C1";"y";"2024-03";"2024-04";1\r
            "C1";"y";"2024-03";"2018-01";1\r
            "C1";"z";"2024-03";"soon";1\r
            "C2";"x";"2024-03-01 08:00";"2024-01";1\r
            "C2";"x ";"2024-03";"2024-01";1.234,5\r
            "C2";"two\r
            lines";"2024-03";"2024-02";7\r
            "C2";"q""uote";"2024-03";"2024-02";7\r
            "";"x";"2024-03";"2024-02";7\r
            "C3";"x";"2024-03";"2024-02";1e3\r
            "C3";"x";"2024-03";"2024-02"\r
            "C3";"y";"2024-03";"2024-02";8,25\r

            """
        let scratch = Scratch()
        let path = scratch.file("forecasts.csv", text)
        let dialect = CSVDialect(delimiter: UInt8(ascii: ";"))
        let header = try Ingest.Header(InputSource.open(path), required: [.customer, .item, .period, .forecast],
                                       optional: [.lag, .snapshot], overrides: [:], encoding: .utf8)
        let parser = RowParser(kind: .forecasts, file: path, mapping: header.mapping, dialect: dialect, decimalComma: true)
        var general = parser
        general.plain = nil
        // Buffers of a few bytes to all of it, so rows are cut at every place and offered to the plain path in part.
        for bufferSize in [4, 17, 64, 250, 1 << 20] {
            let withPlain = try Self.read(path, header: header, parser: parser, bufferSize: bufferSize)
            let without = try Self.read(path, header: header, parser: general, bufferSize: bufferSize)
            #expect(PlainRowTests.summary(withPlain) == PlainRowTests.summary(without), "buffer of \(bufferSize) bytes")
        }
        let whole = try Self.read(path, header: header, parser: parser, bufferSize: 1 << 20)
        #expect(whole.rows.count == 6, "\(PlainRowTests.summary(whole))")
        // Lines are counted from the first data row, as in a block: file lines 3, 4, 5, 6, 8, 12 and 14.
        #expect(whole.problems.map(\.line) == [2, 3, 4, 5, 7, 11, 13])
        #expect(whole.problems.first?.kind == .period(RowProblem.FieldText(text: "2024-02-30", isCut: false), forms: .yearMonth))
        #expect(whole.problems.dropFirst().first?.kind == .snapshotAfterPeriod(snapshot: try #require(Month.parse("2024-04")),
                                                                              period: try #require(Month.parse("2024-03"))))
    }

    /// The file's data rows read as `BlockReader.parse` reads them, through a buffer of `bufferSize` bytes.
    static func read(_ path: String, header: Ingest.Header, parser: RowParser, bufferSize: Int) throws -> ParsedBlock {
        var block = ParsedBlock(start: header.dataStart)
        let reader = try CSVReader(path: path, dialect: header.dialect, bufferSize: bufferSize)
        let layout = parser.plain
        block.stop = try reader.records(from: header.dataStart, firstLine: 1, plain: { bytes, line in
            guard let layout else { return nil }
            return parser.parsePlain(bytes, line: line, layout: layout, into: &block)
        }) { record in
            parser.parse(record, into: &block)
            return true
        }
        return block
    }
}

import Foundation
import Testing
@testable @_spi(Fuzzing) import TrueupWorkbook
import TrueupCSV

/// Hostile workbooks, built here byte by byte: each ends in a `WorkbookError` naming the part
/// (or reads as data), quickly and in bounded memory, never a trap.
@Suite struct WorkbookLimitTests {
    /// The sheet's text, or the error that ended it.
    static func read(_ zip: StoredZip) -> Result<String, WorkbookError> {
        do {
            let text = try Workbook.withBytes(zip.bytes, path: "hostile.xlsx") { book in try book.sheetText(nil).text }
            return .success(String(decoding: text, as: UTF8.self))
        } catch let error as WorkbookError {
            return .failure(error)
        } catch {
            Issue.record("not a WorkbookError: \(error)")
            return .failure(.writeFailed(path: "", reason: ""))
        }
    }

    static func reason(_ zip: StoredZip) -> String? {
        if case .failure(.damaged(_, _, let reason)) = read(zip) { return reason }
        return nil
    }

    @Test func aRowPastExcelsLastRowIsRefusedBeforeAnyLineIsWritten() {
        for number in ["1000000000", "999999999999999999", "1048577"] {
            let zip = StoredZip.workbook(sheet: "<sheetData><row r=\"\(number)\"><c r=\"A\(number)\"><v>1</v></c></row></sheetData>")
            let reason = Self.reason(zip)
            #expect(reason?.contains("numbered \(number), past Excel's last row 1048576") == true, "\(number): \(String(describing: reason))")
        }
        let notANumber = StoredZip.workbook(sheet: "<sheetData><row r=\"1e9\"><c><v>1</v></c></row></sheetData>")
        #expect(Self.reason(notANumber)?.contains("\"1e9\", which is not a row number") == true)
        // The last row itself is read: a million empty lines and the value.
        let last = StoredZip.workbook(sheet: "<sheetData><row r=\"1048576\"><c r=\"A1048576\"><v>7</v></c></row></sheetData>")
        guard case .success(let text) = Self.read(last) else { Issue.record("the last row is refused"); return }
        #expect(text.utf8.count == 1_048_575 + 2)
    }

    @Test func aColumnPastXFDIsRefused() {
        let far = StoredZip.workbook(sheet: "<sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData>")
        #expect(Self.reason(far)?.contains("column XFE") == true)
        let many = String(repeating: "<c><v>1</v></c>", count: WorkbookLimits.columns + 1)
        #expect(Self.reason(StoredZip.workbook(sheet: "<sheetData><row r=\"1\">\(many)</row></sheetData>"))?
            .contains("past Excel's last column XFD") == true)
        let last = StoredZip.workbook(sheet: "<sheetData><row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row></sheetData>")
        guard case .success(let text) = Self.read(last) else { Issue.record("column XFD is refused"); return }
        #expect(text.utf8.count == 16_383 + 2)
    }

    @Test func aDeclaredDimensionPadsNoFurtherThanItsBound() {
        let rows = (1...3).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
        let zip = StoredZip.workbook(sheet: "<dimension ref=\"A1:XFD3\"/><sheetData>\(rows)</sheetData>")
        guard case .success(let text) = Self.read(zip) else { Issue.record("refused"); return }
        let commas = String(repeating: ",", count: WorkbookLimits.dimensionColumns)
        #expect(text == "1\(commas)\n2\(commas)\n3\(commas)\n")
    }

    @Test func aDateCellFarOutsideTheCalendarIsANumberNotATrap() {
        let styles = "<cellXfs count=\"1\"><xf numFmtId=\"14\"/></cellXfs>"
        for value in ["-1e300", "1e300", "-9.3e18", "9.3e18"] {
            let zip = StoredZip.workbook(sheet: "<sheetData><row r=\"1\"><c r=\"A1\" s=\"0\"><v>\(value)</v></c></row></sheetData>",
                                         styles: styles)
            guard case .success(let text) = Self.read(zip) else { Issue.record("\(value) refused"); continue }
            #expect(!text.contains("-") || value.hasPrefix("-"), "\(value): \(text)")
            #expect(text.first != "1" || !value.hasPrefix("-"))
        }
        #expect(CellText.date(serial: -1e300, system1904: false) == nil)
        #expect(CellText.date(serial: -1e300, system1904: true) == nil)
        #expect(CellText.date(serial: -0.5, system1904: true) == "1904-01-01" || CellText.date(serial: -0.5, system1904: true) == nil)
    }

    @Test func aZipEntryWhoseOffsetPointsPastTheEndIsADamagedPart() {
        var zip = StoredZip.workbook(sheet: "<sheetData/>")
        zip.offsets["xl/worksheets/sheet1.xml"] = 0x7FFF_FFF0
        do {
            _ = try Workbook.withBytes(zip.bytes, path: "hostile.xlsx") { book in try book.sheetText(nil) }
            Issue.record("read")
        } catch let error as WorkbookError {
            #expect(error == .damaged(path: "hostile.xlsx", part: "xl/worksheets/sheet1.xml",
                                      reason: "its zip entry's header lies past the end of the file (at byte 2147483632 of "
                                          + "\(zip.bytes.count))"))
        } catch {
            Issue.record("\(error)")
        }
        #expect(throws: WorkbookError.self) { try Workbook(bytes: zip.bytes, path: "hostile.xlsx") }
    }

    @Test func aCellOrSharedStringLongerThanACellCanHoldIsRefused() {
        let long = String(repeating: "x", count: WorkbookLimits.cellBytes + 1)
        let inline = StoredZip.workbook(sheet: "<sheetData><row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>\(long)</t></is></c></row></sheetData>")
        #expect(Self.reason(inline)?.contains("cell S!B1 holds more than 131072 bytes") == true)
        let shared = StoredZip.workbook(sheet: "<sheetData/>", sharedStrings: "<si><t>a</t></si><si><t>\(long)</t></si>")
        #expect(Self.reason(shared) == "string 1 is longer than 131072 bytes, more than a cell can hold")
    }

    @Test func aRowOfMoreThan16MiBIsRefused() {
        let cell = "<c t=\"inlineStr\"><is><t>" + String(repeating: "y", count: 120_000) + "</t></is></c>"
        let zip = StoredZip.workbook(sheet: "<sheetData><row r=\"2\">" + String(repeating: cell, count: 150) + "</row></sheetData>")
        #expect(Self.reason(zip) == "row 2 holds more than 16 MiB of text, the most trueup reads in a row")
    }

    @Test func anUnclosedCommentIsRefusedPast16MiB() {
        let body = "<!--" + String(repeating: "z", count: XMLScanner.maxTokenBytes + 1)
        let zip = StoredZip.workbook(sheet: "<?xml version=\"1.0\"?><worksheet>" + body)
        #expect(Self.reason(zip) == "a tag, comment or text at byte 32 runs past 16 MiB without its end")
    }

    /// Each kind of token, 2 MB long, fed 512 bytes at a time: each byte looked at once, not
    /// 4,000 times (the scanner took 81 s of CPU on a 104 KB workbook when it searched each
    /// token from its start again with every chunk).
    @Test(arguments: [("<!--", "-->"), ("<c r=\"A1\" x=\"", "\"/>"), ("<![CDATA[", "]]>"), ("<?pi ", "?>"),
                      ("<!DOCTYPE x ", ">"), ("<c r='A1' x='", "'/>"), ("</row ", ">"), ("", "")])
    func aLongTokenInSmallChunksIsLinear(opening: String, closing: String) throws {
        var text = SheetText(path: "t.xlsx", sheet: "S", part: "p", strings: SharedStrings(), dates: DateStyles(), system1904: false)
        var scanner = XMLScanner()
        let filler = opening.contains("x=") ? ">" : "z"
        let bytes = Array(("<sheetData><row r=\"1\">" + opening + String(repeating: filler, count: 2_000_000) + closing
            + "<c r=\"B1\" t=\"inlineStr\"><is><t>ok</t></is></c></row></sheetData>").utf8)
        let started = Date()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + 512)
            try bytes[start..<end].withUncheckedBytes { try scanner.feed($0, into: &text) }
            start = end
        }
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(scanner.isComplete)
        #expect(String(decoding: text.take(), as: UTF8.self).hasSuffix("ok\n"))
    }
}

/// The fuzzer's entry points over the workbook reader, on a few inputs of the kinds it feeds.
@Suite struct WorkbookFuzzingTests {
    @Test func chunkedSheetXMLReadsAsWhole() {
        for xml in [StreamingTests.xml, "<sheetData><row r=\"2\"><c><v>1e-400</v></c></row>", "<!-- x", "<row r=\"99999999\"/>",
                    "<c r=\"A1\" t=\"s\"><v>7</v></c>", "<![CDATA[ ]]><?x?><!DOCTYPE y>"] {
            let bytes = Array(xml.utf8)
            let whole = WorkbookFuzzing.sheetText(xml: bytes, chunk: bytes.count)
            for chunk in [1, 7, 64] {
                let cut = WorkbookFuzzing.sheetText(xml: bytes, chunk: chunk)
                #expect(whole == cut || (whole.hasPrefix("error: ") && cut.hasPrefix("error: ")), "\(xml) at \(chunk)")
            }
        }
    }

    @Test func anyZipEndsInTextOrAnError() {
        var zip = StoredZip.workbook(sheet: "<sheetData/>")
        zip.offsets["xl/workbook.xml"] = 0xFFFF_FFFF
        #expect(WorkbookFuzzing.workbook(zip.bytes).hasPrefix("error: "))
        var bytes = StoredZip.workbook(sheet: "<sheetData><row r=\"1\"><c><v>5</v></c></row></sheetData>").bytes
        #expect(WorkbookFuzzing.workbook(bytes) == "5\n")
        // Every cut of the zip's tail ends in an error or text, never a trap.
        for cut in stride(from: bytes.count - 1, to: bytes.count - 200, by: -7) { _ = WorkbookFuzzing.workbook(Array(bytes.prefix(cut))) }
        bytes[bytes.count - 10] = 0xFF
        _ = WorkbookFuzzing.workbook(bytes)
    }
}

import Testing
@testable import TrueupWorkbook
import TrueupCSV

/// The sheet XML fed in chunks of every size from 1 byte gives the text of one whole read, so a
/// tag, an entity or a CDATA section cut between two chunks of the zip entry reads the same.
@Suite struct StreamingTests {
    static let xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- written by hand --><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <x:dimension ref="A1:D3"/><x:sheetData>
        <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>note</x:t></x:is></x:c></x:row>
        <x:row r="3" spans="1:4"><x:c r="A3" t='inlineStr'><x:is><x:t>Caf&#233; &amp; Co &lt;1&gt;</x:t></x:is></x:c>
        <x:c r="B3" t="inlineStr"><x:is><x:t><![CDATA[raw <b> & "q"]]></x:t><x:rPh><x:t>ignored</x:t></x:rPh></x:is></x:c>
        <x:c r="D3" attr=">"><x:v>1.50</x:v></x:c></x:row>
        <x:row><x:c t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#REF!</x:v></x:c></x:row>
        </x:sheetData></x:worksheet>
        """

    static let expected = """
        name,note,,
        
        Café & Co <1>,"raw <b> & ""q\""",,1.5
        FALSE,\u{FF}#REF!,,
        
        """

    static func convert(_ xml: String, chunk: Int) throws -> (String, SheetMap) {
        var bytesOut: [UInt8] = []
        var text = SheetText(path: "test.xlsx", sheet: "S", part: "xl/worksheets/sheet1.xml", strings: SharedStrings(),
                             dates: DateStyles(), system1904: false)
        var scanner = XMLScanner()
        let bytes = Array(xml.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try bytes[start..<end].withUncheckedBytes { try scanner.feed($0, into: &text) }
            bytesOut += text.take()
            start = end
        }
        #expect(scanner.isComplete)
        bytesOut += text.take()
        // The error marker is not UTF-8: shown as U+00FF to compare.
        let shown = bytesOut.flatMap { $0 == SheetText.errorMarker ? Array("\u{FF}".utf8) : [$0] }
        return (String(decoding: shown, as: UTF8.self), text.map)
    }

    @Test func everyChunkSizeGivesTheSameText() throws {
        for chunk in [1, 2, 3, 5, 7, 13, 64, 1000, 1 << 20] {
            let (text, map) = try Self.convert(Self.xml, chunk: chunk)
            #expect(text == Self.expected, "chunk \(chunk)")
            #expect(map.errors == [SheetMap.CellError(line: 4, column: 1, reference: "S!B4", value: "#REF!")], "chunk \(chunk)")
        }
    }

    @Test func aDocumentCutInsideATagIsIncomplete() throws {
        var text = SheetText(path: "t.xlsx", sheet: "S", part: "p", strings: SharedStrings(), dates: DateStyles(),
                             system1904: false)
        var scanner = XMLScanner()
        try Array("<sheetData><row r=\"1\"><c r=\"A1".utf8).withUncheckedBytes { try scanner.feed($0, into: &text) }
        #expect(!scanner.isComplete)
    }

    @Test func aSharedStringThatIsNotThereIsDamage() throws {
        let xml = "<sheetData><row r=\"2\"><c r=\"C2\" t=\"s\"><v>5</v></c></row></sheetData>"
        let error = #expect(throws: WorkbookError.self) { try Self.convert(xml, chunk: 100) }
        #expect(error == .damaged(path: "test.xlsx", part: "xl/worksheets/sheet1.xml",
                                  reason: "cell S!C2 refers to shared string 5, but the workbook has 0"))
    }
}

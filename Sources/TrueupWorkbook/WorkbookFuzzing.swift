import TrueupCSV

/// Entry points for the fuzzer (`@_spi(Fuzzing) import TrueupWorkbook`), not API.
@_spi(Fuzzing) public enum WorkbookFuzzing {
    /// A sheet's XML converted whole and in chunks of `chunk` bytes: the text of both, or the
    /// error's text, so the fuzzer can check that cutting the XML changes nothing.
    public static func sheetText(xml: [UInt8], chunk: Int) -> String {
        var text = SheetText(path: "fuzz.xlsx", sheet: "S", part: "xl/worksheets/sheet1.xml", strings: SharedStrings(),
                             dates: DateStyles(), system1904: false)
        var scanner = XMLScanner()
        var out: [UInt8] = []
        var start = 0
        let step = max(1, chunk)
        do {
            while start < xml.count {
                let end = min(xml.count, start + step)
                try xml[start..<end].withUncheckedBytes { try scanner.feed($0, into: &text) }
                out += text.take()
                start = end
            }
        } catch {
            return "error: \(error)"
        }
        out += text.take()
        return String(decoding: out, as: UTF8.self) + (scanner.isComplete ? "" : "<incomplete>")
    }

    /// The first sheet of the workbook in `bytes`, or the error: it must end in one or the other.
    public static func workbook(_ bytes: [UInt8]) -> String {
        do {
            return try Workbook.withBytes(bytes, path: "fuzz.xlsx") { book in
                String(decoding: try book.sheetText(nil).text, as: UTF8.self)
            }
        } catch {
            return "error: \(error)"
        }
    }
}

@_spi(Fuzzing) import TrueupWorkbook

/// The workbook reader on one input: a zip (it starts with `PK`) is opened and its first sheet
/// read, which must end in text or an error, never a trap; anything else is read as a sheet's
/// XML whole and in small chunks, which must give the same text (or fail alike).
enum WorkbookCheck {
    static func run(_ bytes: [UInt8]) {
        if bytes.starts(with: [0x50, 0x4B]) {
            _ = WorkbookFuzzing.workbook(bytes)
            return
        }
        let whole = WorkbookFuzzing.sheetText(xml: bytes, chunk: bytes.count)
        for chunk in [1, 7, 64] {
            let cut = WorkbookFuzzing.sheetText(xml: bytes, chunk: chunk)
            // An error may name a different place; what matters is that both fail or both read the same.
            let same = whole == cut || (whole.hasPrefix("error: ") && cut.hasPrefix("error: "))
            guard same else {
                fail("sheet XML \(String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription) read in chunks of \(chunk) gave "
                    + "\(cut.prefix(200).debugDescription), whole \(whole.prefix(200).debugDescription)")
            }
        }
    }
}

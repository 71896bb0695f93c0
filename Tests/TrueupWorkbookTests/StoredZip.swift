/// A zip of stored (uncompressed) entries written byte by byte, for hostile workbooks built in
/// the tests: `offsets` overrides an entry's local header offset in the central directory.
struct StoredZip {
    var entries: [(name: String, data: [UInt8])] = []
    var offsets: [String: UInt32] = [:]

    mutating func add(_ name: String, _ text: String) { entries.append((name, Array(text.utf8))) }
    mutating func add(_ name: String, _ data: [UInt8]) { entries.append((name, data)) }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = Self.crc32(entry.data)
            let offset = offsets[entry.name] ?? UInt32(out.count)
            out += Self.u32(0x0403_4B50) + Self.u16(20) + Self.u16(0) + Self.u16(0) + Self.u16(0) + Self.u16(0x21)
            out += Self.u32(crc) + Self.u32(UInt32(entry.data.count)) + Self.u32(UInt32(entry.data.count))
            out += Self.u16(UInt16(name.count)) + Self.u16(0) + name + entry.data
            central += Self.u32(0x0201_4B50) + Self.u16(20) + Self.u16(20) + Self.u16(0) + Self.u16(0) + Self.u16(0)
            central += Self.u16(0x21) + Self.u32(crc) + Self.u32(UInt32(entry.data.count)) + Self.u32(UInt32(entry.data.count))
            central += Self.u16(UInt16(name.count)) + Self.u16(0) + Self.u16(0) + Self.u16(0) + Self.u16(0) + Self.u32(0)
            central += Self.u32(offset) + name
        }
        let start = out.count
        out += central
        out += Self.u32(0x0605_4B50) + Self.u16(0) + Self.u16(0) + Self.u16(UInt16(entries.count)) + Self.u16(UInt16(entries.count))
        out += Self.u32(UInt32(central.count)) + Self.u32(UInt32(start)) + Self.u16(0)
        return out
    }

    static func u16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func u32(_ value: UInt32) -> [UInt8] { u16(UInt16(value & 0xFFFF)) + u16(UInt16(value >> 16)) }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = (crc >> 8) ^ table[Int((crc ^ UInt32(byte)) & 0xFF)] }
        return ~crc
    }

    static let table: [UInt32] = (0..<256).map { (n: UInt32) in
        var crc = n
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    /// A workbook of one sheet "S" whose sheet part is `sheet` (the `<sheetData>` inside a worksheet
    /// when it doesn't start with `<?xml`), with shared strings and styles when given.
    static func workbook(sheet: String, sharedStrings: String? = nil, styles: String? = nil) -> StoredZip {
        var zip = StoredZip()
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        zip.add("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
        var rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        if sharedStrings != nil { rels += "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>" }
        if styles != nil { rels += "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>" }
        zip.add("xl/_rels/workbook.xml.rels", rels + "</Relationships>")
        zip.add("xl/worksheets/sheet1.xml", sheet.hasPrefix("<?xml") ? sheet : "<worksheet xmlns=\"\(main)\">\(sheet)</worksheet>")
        if let sharedStrings { zip.add("xl/sharedStrings.xml", "<sst xmlns=\"\(main)\">\(sharedStrings)</sst>") }
        if let styles { zip.add("xl/styles.xml", "<styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>") }
        return zip
    }
}

/// A check of a zip's central directory against the bytes it is in, before the zip library
/// reads it: every entry's local header and data must lie inside the file, and every deflated
/// entry's stream must end inside its data (`DeflateStream`).
///
/// The zip library seeks wherever the directory says; an offset past the end of a workbook
/// read into memory stops the process. Checked here, it is a damaged part, named.
enum ZipDirectory {
    /// Throws `.damaged` naming the first entry whose header or data lies past the end of
    /// `bytes`, or `.notAWorkbook` when the directory itself does.
    static func check(_ bytes: [UInt8], path: String) throws(WorkbookError) {
        let size = bytes.count
        guard let end = endRecord(bytes) else { return }  // no directory: the zip library says so
        var count = Int(u16(bytes, end + 10))
        var start = Int(u32(bytes, end + 16))
        var length = Int(u32(bytes, end + 12))
        if start == 0xFFFF_FFFF || count == 0xFFFF || length == 0xFFFF_FFFF {
            // ZIP64: the locator 20 bytes before the end record gives the ZIP64 end record.
            let locator = end - 20
            guard locator >= 0, u32(bytes, locator) == 0x0706_4B50,
                  let record = Int(exactly: u64(bytes, locator + 8)), record >= 0, record + 56 <= size,
                  u32(bytes, record) == 0x0606_4B50 else {
                throw .notAWorkbook(path: path, reason: "its zip directory can't be read (a ZIP64 directory past the end of the file)")
            }
            count = Int(clamping: u64(bytes, record + 32))
            length = Int(clamping: u64(bytes, record + 40))
            start = Int(clamping: u64(bytes, record + 48))
        }
        guard start <= size, length <= size - start else {
            throw .notAWorkbook(path: path, reason: "its zip directory lies past the end of the file (at byte \(start) "
                + "of \(size))")
        }
        var at = start
        for _ in 0..<count {
            guard at + 46 <= size, u32(bytes, at) == 0x0201_4B50 else { return }  // the zip library says what is wrong
            let nameLength = Int(u16(bytes, at + 28))
            let extraLength = Int(u16(bytes, at + 30))
            let commentLength = Int(u16(bytes, at + 32))
            guard at + 46 + nameLength + extraLength <= size else { return }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            var compressed = UInt64(u32(bytes, at + 20))
            var uncompressed = UInt64(u32(bytes, at + 24))
            var offset = UInt64(u32(bytes, at + 42))
            zip64(bytes, extra: (at + 46 + nameLength)..<(at + 46 + nameLength + extraLength),
                  uncompressed: &uncompressed, compressed: &compressed, offset: &offset)
            func pastTheEnd(_ what: String) -> WorkbookError {
                .damaged(path: path, part: name, reason: "its zip entry's \(what) lies past the end of the file "
                    + "(at byte \(offset) of \(size))")
            }
            guard size >= 30, offset <= UInt64(size - 30) else { throw pastTheEnd("header") }
            let local = Int(offset)
            let dataStart = UInt64(local + 30 + Int(u16(bytes, local + 26)) + Int(u16(bytes, local + 28)))
            guard dataStart <= UInt64(size), compressed <= UInt64(size) - dataStart else { throw pastTheEnd("data") }
            // A deflated entry whose stream doesn't end inside its bytes would keep the zip library asking for more.
            if u16(bytes, at + 10) == 8,
               !DeflateStream.ends(bytes, in: Int(dataStart)..<(Int(dataStart) + Int(compressed))) {
                throw .damaged(path: path, part: name, reason: "its compressed data is damaged or ends before its stream does")
            }
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The ZIP64 extended information of a central record's extra field: each value that is
    /// all ones in the record, in this order, is there in 8 bytes.
    private static func zip64(_ bytes: [UInt8], extra: Range<Int>, uncompressed: inout UInt64, compressed: inout UInt64,
                              offset: inout UInt64) {
        var k = extra.lowerBound
        while k + 4 <= extra.upperBound {
            let id = u16(bytes, k)
            let length = Int(u16(bytes, k + 2))
            let body = k + 4
            guard body + length <= extra.upperBound else { return }
            if id == 1 {
                var field = body
                for value in [0, 1, 2] {
                    let isWide: Bool
                    switch value {
                    case 0: isWide = uncompressed == 0xFFFF_FFFF
                    case 1: isWide = compressed == 0xFFFF_FFFF
                    default: isWide = offset == 0xFFFF_FFFF
                    }
                    guard isWide, field + 8 <= body + length else { continue }
                    let wide = u64(bytes, field)
                    switch value {
                    case 0: uncompressed = wide
                    case 1: compressed = wide
                    default: offset = wide
                    }
                    field += 8
                }
                return
            }
            k = body + length
        }
    }

    /// The end of central directory record: its signature, searched back from the end over the
    /// longest comment a zip can have.
    private static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var k = bytes.count - 22
        let stop = max(0, bytes.count - 22 - 0xFFFF)
        while k >= stop {
            if u32(bytes, k) == 0x0605_4B50 { return k }
            k -= 1
        }
        return nil
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16
    }

    private static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32
    }
}

import Foundation
import Testing
@testable import TrueupWorkbook

/// Each zip entry's CRC-32, taken with zlib as the entry inflates, must match the zip's central
/// directory: a workbook whose bytes changed is damaged, and the message names the file and part.
@Suite struct ChecksumTests {
    static let sheetPart = "xl/worksheets/sheet1.xml"

    /// zlib's CRC-32 of the check string of the CRC catalogue, in one piece and in several.
    @Test func zlibsCRCOfTheCheckString() {
        var whole = EntryChecksum()
        Array("123456789".utf8).withUnsafeBytes { whole.update($0) }
        #expect(whole.value == 0xCBF4_3926)
        var pieces = EntryChecksum()
        for piece in ["1", "2345", "", "6789"] { Array(piece.utf8).withUnsafeBytes { pieces.update($0) } }
        #expect(pieces.value == 0xCBF4_3926)
    }

    /// The fixture's sheet entry with the CRC-32 its central directory (and its local header) records changed.
    @Test func aChangedChecksumIsDamage() throws {
        let scratch = ScratchFolder()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture("tiny-forecasts.xlsx"))))
        let (central, local) = try #require(Self.headers(of: Self.sheetPart, in: bytes))
        for offset in [central + 16, local + 14] { bytes[offset] ^= 0xFF }
        let path = scratch.file("crc.xlsx", bytes)
        let book = try Workbook(path: path)
        let error = #expect(throws: WorkbookError.self) { try book.sheetText(nil) }
        guard case .damaged(let errorPath, let part, let reason) = error else {
            Issue.record("expected damaged, got \(String(describing: error))")
            return
        }
        #expect(errorPath == path)
        #expect(part == Self.sheetPart)
        #expect(reason.hasPrefix("its bytes don't match the zip's checksum (CRC-32 "))
        #expect(error?.description.hasPrefix("\(path) is damaged: \(Self.sheetPart): its bytes don't match") == true)
    }

    /// A byte of the sheet's compressed data changed: the entry can't be read, or reads to bytes
    /// whose checksum is not the zip's; either way the sheet is damaged.
    @Test func aChangedByteOfTheSheetIsDamage() throws {
        let scratch = ScratchFolder()
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture("tiny-forecasts.xlsx"))))
        let (_, local) = try #require(Self.headers(of: Self.sheetPart, in: original))
        let nameLength = Int(original[local + 26]) | Int(original[local + 27]) << 8
        let extraLength = Int(original[local + 28]) | Int(original[local + 29]) << 8
        let size = Int(original[local + 18]) | Int(original[local + 19]) << 8
        let data = local + 30 + nameLength + extraLength
        for at in [data + size / 3, data + size / 2, data + size - 5] {
            var bytes = original
            bytes[at] ^= 0x01
            let path = scratch.file("flipped.xlsx", bytes)
            let error = #expect(throws: WorkbookError.self) { try Workbook(path: path).sheetText(nil) }
            guard case .damaged(let errorPath, let part, _) = error else {
                Issue.record("byte \(at): expected damaged, got \(String(describing: error))")
                continue
            }
            #expect(errorPath == path)
            #expect(part == Self.sheetPart)
        }
    }

    /// The offsets of `name`'s central directory header and local file header.
    static func headers(of name: String, in bytes: [UInt8]) -> (central: Int, local: Int)? {
        let wanted = Array(name.utf8)
        var k = 0
        while k + 46 <= bytes.count {
            if bytes[k] == 0x50, bytes[k + 1] == 0x4B, bytes[k + 2] == 0x01, bytes[k + 3] == 0x02 {
                let length = Int(bytes[k + 28]) | Int(bytes[k + 29]) << 8
                if Array(bytes[(k + 46)..<min(bytes.count, k + 46 + length)]) == wanted {
                    let local = (0..<4).reduce(0) { $0 | Int(bytes[k + 42 + $1]) << (8 * $1) }
                    return (k, local)
                }
            }
            k += 1
        }
        return nil
    }
}

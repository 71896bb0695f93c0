import Foundation
import Testing
@testable import TrueupWorkbook
import TrueupCSV

/// A sheet inflated in chunks of any size, and handed on in pieces of any size, is the text and
/// the map of one whole read: a chunk boundary inside a tag, an attribute, a value or an entity
/// changes nothing, and every piece is whole rows.
@Suite struct ChunkBoundaryTests {
    static let books = ["tiny-forecasts.xlsx", "errors.xlsx", "wide-customer.xlsx", "tiny-forecasts-second-sheet.xlsx"]

    @Test(arguments: books)
    func tinyChunksAndPiecesGiveTheWholeText(_ name: String) throws {
        let book = try Workbook(path: fixture(name))
        for sheet in book.sheetNames {
            let whole = try book.sheetText(sheet)
            for chunk in [1, 2, 3, 7, 61, 4096] {
                for piece in [1, 40, 1 << 20] {
                    var text: [UInt8] = []
                    var pieces = 0
                    let map = try book.readSheet(sheet, pieceSize: piece, chunkSize: chunk) { bytes, partial in
                        // Whole rows, and the map knows every error cell they hold.
                        #expect(bytes.isEmpty || bytes.last == 0x0A, "\(name) \(sheet) chunk \(chunk) piece \(piece)")
                        text += bytes
                        let lines = text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                        #expect(partial.errors == whole.map.errors.filter { $0.line <= lines })
                        pieces += 1
                    }
                    #expect(text == whole.text, "\(name) \(sheet) chunk \(chunk) piece \(piece)")
                    #expect(map == whole.map, "\(name) \(sheet) chunk \(chunk) piece \(piece)")
                    if piece == 1 { #expect(pieces > 1) }
                }
            }
        }
    }

    /// Every place the XML can be cut in two: inside a name, between an attribute's quotes, in
    /// text, in an entity, in a CDATA section, in a comment.
    @Test func everyCutInTwoGivesTheSameText() throws {
        let xml = Array(StreamingTests.xml.utf8)
        for cut in 0...xml.count {
            var out: [UInt8] = []
            var text = SheetText(path: "test.xlsx", sheet: "S", part: "xl/worksheets/sheet1.xml", strings: SharedStrings(),
                                 dates: DateStyles(), system1904: false)
            var scanner = XMLScanner()
            try xml[0..<cut].withUncheckedBytes { try scanner.feed($0, into: &text) }
            out += text.take()
            try xml[cut...].withUncheckedBytes { try scanner.feed($0, into: &text) }
            out += text.take()
            #expect(scanner.isComplete)
            let shown = out.flatMap { $0 == SheetText.errorMarker ? Array("\u{FF}".utf8) : [$0] }
            #expect(String(decoding: shown, as: UTF8.self) == StreamingTests.expected, "cut at \(cut)")
        }
    }

    /// An error thrown by the caller's `write` ends the reading and comes out as it is.
    @Test func theCallersErrorComesOutAsItIs() throws {
        struct Stop: Error, Equatable {}
        let book = try Workbook(path: fixture("tiny-forecasts.xlsx"))
        #expect(throws: Stop()) { try book.readSheet(nil, pieceSize: 1, chunkSize: 16) { _, _ in throw Stop() } }
    }
}

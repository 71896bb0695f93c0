import Foundation
@testable import TrueupWorkbook

/// The committed fixture `name` of Tests/Fixtures/xlsx (made by make_workbooks.py there).
func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xlsx/\(name)").path
}

/// The sheet's text, with each error marker byte shown as `¤`, and its map.
func sheet(_ name: String, _ sheet: String? = nil) throws -> (text: String, map: SheetMap) {
    let (bytes, map) = try Workbook(path: fixture(name)).sheetText(sheet)
    let shown = bytes.flatMap { $0 == SheetText.errorMarker ? Array("¤".utf8) : [$0] }
    return (String(decoding: shown, as: UTF8.self), map)
}

/// A fresh temporary folder for one test's files, removed with everything in it when the test is done.
final class ScratchFolder {
    let path = NSTemporaryDirectory() + "trueup-workbook-" + UUID().uuidString

    init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A file of `bytes` in the folder.
    func file(_ name: String, _ bytes: [UInt8]) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }
}

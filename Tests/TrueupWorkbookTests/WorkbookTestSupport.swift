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

/// A file of `bytes` in a fresh temporary folder.
func temporaryFile(_ name: String, _ bytes: [UInt8]) -> String {
    let folder = NSTemporaryDirectory() + "trueup-workbook-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
}

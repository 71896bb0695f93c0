import Foundation

/// A sheet converted to CSV text in a temporary file, for readers that take a path.
public struct SheetFile: Sendable {
    /// The temporary file: remove it with `remove()` when done.
    public let path: String
    /// The text's size in bytes.
    public let size: Int
    public let map: SheetMap

    /// Converts sheet `sheet` (the first when nil) of the workbook at `workbook` into a new
    /// file in the system's temporary folder.
    public init(workbook: String, sheet: String?) throws(WorkbookError) {
        let book = try Workbook(path: workbook)
        let target = NSTemporaryDirectory() + "trueup-sheet-" + UUID().uuidString + ".csv"
        do {
            map = try book.writeSheet(sheet, toFile: target)
        } catch {
            try? FileManager.default.removeItem(atPath: target)
            throw error
        }
        path = target
        size = ((try? FileManager.default.attributesOfItem(atPath: target))?[.size] as? Int) ?? 0
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Whether `path` is a workbook rather than delimited text: its name ends in .xlsx, .xlsm or
    /// .xls, or it starts as a zip archive or an Excel 97-2003 file does (no CSV starts so).
    public static func isWorkbook(_ path: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || lower.hasSuffix(".xls") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0xD0, 0xCF, 0x11, 0xE0]
    }
}

import Foundation
import TrueupCSV
import ZIPFoundation

/// An Excel workbook (.xlsx) whose sheets can be read as CSV text.
///
/// A sheet is converted as its XML streams out of the zip, in chunks: memory holds the
/// shared strings, the styles and about a megabyte of text, however long the sheet.
///
/// The text is UTF-8, comma-separated with RFC 4180 quoting, LF line ends, one line per sheet
/// row from row 1, the first field column A. Empty rows are empty lines, so line n is row n
/// (`SheetMap` says otherwise when a value holds a line break). Values:
/// - strings (shared, inline, or a formula's) as they are;
/// - numbers in plain decimal, the shortest digits that read back as the same number;
/// - numbers in a date format (`DateStyles`) as `YYYY-MM-DD`, in the workbook's date system;
/// - booleans as `TRUE` and `FALSE`;
/// - formulas by the value the workbook last calculated; one without such a value, and an error
///   value (`#N/A`, `#DIV/0!`, ...), is written as the byte 0xFF and its text, which is not UTF-8,
///   so a reader of names, periods or numbers rejects it, and listed in `SheetMap.errors`.
public final class Workbook {
    public let path: String
    /// The sheets' names, in tab order.
    public let sheetNames: [String]
    /// Whether dates count from 1904-01-01 (the old Mac default) instead of 1900-01-01.
    public let uses1904DateSystem: Bool

    private let archive: Archive
    private let workbookPart: String
    private let sheetParts: [String]

    /// The zip's first bytes: "PK\u{3}\u{4}". An OLE2 compound file (.xls) starts D0 CF 11 E0 A1 B1 1A E1.
    private static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Opens the workbook at `path` and reads its list of sheets.
    public convenience init(path: String) throws(WorkbookError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            throw .missingFile(path: path, reason: !exists ? "no such file" : isFolder.boolValue ? "it is a folder" : "permission denied")
        }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        try? handle.close()
        try self.init(path: path, head: head) { try Archive(url: URL(fileURLWithPath: path), accessMode: .read) }
    }

    /// Opens the workbook whose bytes the caller has read (and hashed) itself, without touching
    /// the file again; `path` names it in messages.
    public convenience init(bytes: [UInt8], path: String) throws(WorkbookError) {
        if bytes.starts(with: Self.zipSignature) { try ZipDirectory.check(bytes, path: path) }
        try self.init(path: path, head: Array(bytes.prefix(8))) { try Archive(data: Data(bytes), accessMode: .read) }
    }

    /// Calls `body` with the workbook whose bytes the caller has read (and hashed) itself, read in
    /// place: the zip reads them where they are instead of a copy (a million-row sheet's workbook
    /// is some 20 MB). The workbook must not outlive `body`.
    public static func withBytes<R>(_ bytes: [UInt8], path: String, _ body: (Workbook) throws -> R) throws -> R {
        if bytes.starts(with: zipSignature) { try ZipDirectory.check(bytes, path: path) }
        return try bytes.withUnsafeBytes { raw in
            // Read mode only reads the data; `bytes` outlives it, as the workbook doesn't outlive this call.
            let data = raw.baseAddress.map { Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: raw.count, deallocator: .none) }
                ?? Data()
            let book = try Workbook(path: path, head: Array(raw.prefix(8))) { try Archive(data: data, accessMode: .read) }
            return try body(book)
        }
    }

    private init(path: String, head: [UInt8], open: () throws -> Archive) throws(WorkbookError) {
        self.path = path
        if head == Self.oleSignature { throw .legacyExcel(path: path) }
        guard head.starts(with: Self.zipSignature) else {
            throw .notAWorkbook(path: path, reason: head.isEmpty ? "the file is empty" : "it is not a zip archive")
        }
        do {
            archive = try open()
        } catch {
            throw .notAWorkbook(path: path, reason: "its zip directory can't be read (\(error))")
        }

        var root = Relationships()
        let listLimit = WorkbookLimits.listPartBytes
        if archive["_rels/.rels"] != nil { try Self.scan(archive, "_rels/.rels", path: path, into: &root, limit: listLimit) }
        let workbookPart = root.byType["officeDocument"].map { Relationships.resolve($0, from: "") } ?? "xl/workbook.xml"
        guard archive[workbookPart] != nil else {
            throw .notAWorkbook(path: path, reason: "the zip holds no \(workbookPart)")
        }
        var list = SheetList()
        try Self.scan(archive, workbookPart, path: path, into: &list, limit: listLimit)
        var relationships = Relationships()
        let relationshipsPart = Self.relationshipsPart(of: workbookPart)
        if archive[relationshipsPart] != nil {
            try Self.scan(archive, relationshipsPart, path: path, into: &relationships, limit: listLimit)
        }
        sheetNames = list.sheets.map(\.name)
        sheetParts = list.sheets.map { entry in
            relationships.targets[entry.relationship].map { Relationships.resolve($0, from: workbookPart) } ?? ""
        }
        uses1904DateSystem = list.uses1904
        self.workbookPart = workbookPart
        guard !sheetNames.isEmpty else { throw .notAWorkbook(path: path, reason: "it lists no sheet") }
    }

    /// Converts sheet `name` (the first sheet when nil) to CSV text, handing it to `write` in
    /// pieces of about `pieceSize` bytes, in order, each a whole number of rows (a quoted value's
    /// line break never falls between two pieces), with the sheet's map as far as its rows go;
    /// returns the whole map. The sheet's XML streams out of the zip in 64 KB chunks and its text
    /// is never held whole. An error `write` throws ends the reading and is thrown as it is.
    public func readSheet(_ name: String?, pieceSize: Int = 1 << 20,
                          into write: (_ text: [UInt8], _ map: SheetMap) throws -> Void) throws -> SheetMap {
        try readSheet(name, pieceSize: pieceSize, chunkSize: 64 * 1024, into: write)
    }

    /// `readSheet` inflating the sheet `chunkSize` bytes at a time (tests cut it in tiny chunks).
    func readSheet(_ name: String?, pieceSize: Int, chunkSize: Int,
                   into write: (_ text: [UInt8], _ map: SheetMap) throws -> Void) throws -> SheetMap {
        let index: Int
        if let name {
            guard let found = sheetNames.firstIndex(of: name) else {
                throw WorkbookError.missingSheet(path: path, sheet: name, sheets: sheetNames)
            }
            index = found
        } else {
            index = 0
        }
        let part = sheetParts[index]
        guard !part.isEmpty, archive[part] != nil else {
            throw WorkbookError.damaged(path: path, part: workbookPart, reason: "sheet \"\(sheetNames[index])\" has no part in the zip")
        }
        let rels = Self.relationshipsPart(of: workbookPart)
        var relationships = Relationships()
        if archive[rels] != nil { try Self.scan(archive, rels, path: path, into: &relationships, limit: WorkbookLimits.listPartBytes) }
        var strings = SharedStrings.Reader()
        if let target = relationships.byType["sharedStrings"] {
            let stringsPart = Relationships.resolve(target, from: workbookPart)
            if archive[stringsPart] != nil {
                try Self.scan(archive, stringsPart, path: path, into: &strings, limit: WorkbookLimits.sharedStringsPartBytes)
            }
        }
        var styles = DateStyles.Reader()
        if let target = relationships.byType["styles"] {
            let stylesPart = Relationships.resolve(target, from: workbookPart)
            if archive[stylesPart] != nil { try Self.scan(archive, stylesPart, path: path, into: &styles, limit: WorkbookLimits.stylesPartBytes) }
        }
        var text = SheetText(path: path, sheet: sheetNames[index], part: part, strings: strings.strings, dates: styles.styles,
                             system1904: uses1904DateSystem)
        try Self.scan(archive, part, path: path, into: &text, chunkSize: chunkSize) { text in
            // The text holds whole rows only: the row being read is in the handler, not in it.
            if text.pendingCount >= pieceSize { try write(text.take(), text.map) }
        }
        try write(text.take(), text.map)
        return text.map
    }

    /// Converts sheet `name` (the first when nil) and writes its text to the file `output`.
    public func writeSheet(_ name: String?, toFile output: String) throws(WorkbookError) -> SheetMap {
        guard FileManager.default.createFile(atPath: output, contents: nil),
              let handle = FileHandle(forWritingAtPath: output) else {
            throw .writeFailed(path: path, reason: "can't create \(output)")
        }
        defer { try? handle.close() }
        let path = self.path
        do {
            return try readSheet(name) { bytes, _ in
                do {
                    try handle.write(contentsOf: bytes)
                } catch {
                    throw WorkbookError.writeFailed(path: path, reason: "\(error)")
                }
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }

    /// The sheet's text in memory: for small sheets and tests.
    public func sheetText(_ name: String?) throws(WorkbookError) -> (text: [UInt8], map: SheetMap) {
        var collected: [UInt8] = []
        do {
            let map = try readSheet(name) { bytes, _ in collected.append(contentsOf: bytes) }
            return (collected, map)
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }

    private static func relationshipsPart(of part: String) -> String {
        var pieces = part.split(separator: "/").map(String.init)
        let file = pieces.popLast() ?? ""
        return (pieces + ["_rels", file + ".rels"]).joined(separator: "/")
    }

    /// Streams zip entry `part` through an XML scanner into `handler`, calling `afterChunk` after
    /// each chunk, and checks the entry's CRC-32 against the zip's central directory.
    ///
    /// ZIPFoundation is asked to skip its own CRC-32 (a Swift loop on Linux); `EntryChecksum`
    /// takes it with zlib from the same chunks. A `WorkbookError` of the handler and any error of
    /// `afterChunk` are thrown as they are; the zip's own errors say the entry can't be read.
    static func scan<H: XMLHandler>(_ archive: Archive, _ part: String, path: String, into handler: inout H,
                                    limit: Int = .max, chunkSize: Int = 64 * 1024,
                                    afterChunk: (inout H) throws -> Void) throws {
        guard let entry = archive[part] else { throw WorkbookError.damaged(path: path, part: part, reason: "missing from the zip") }
        var scanner = XMLScanner()
        var checksum = EntryChecksum()
        var failure: (any Error)?
        var local = handler
        var size = 0
        do {
            _ = try archive.extract(entry, bufferSize: chunkSize, skipCRC32: true) { data in
                do {
                    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                        checksum.update(raw)
                        size += raw.count
                        guard size <= limit else {
                            throw WorkbookError.damaged(path: path, part: part, reason: "it is larger than "
                                + WorkbookLimits.mebibytes(limit) + " uncompressed, the most trueup reads of this part")
                        }
                        try scanner.feed(UncheckedBytes(unchecked: raw), into: &local)
                        guard scanner.pendingCount <= XMLScanner.maxTokenBytes else {
                            throw WorkbookError.damaged(path: path, part: part, reason: "a tag, comment or text at byte "
                                + "\(scanner.offset) runs past " + WorkbookLimits.mebibytes(XMLScanner.maxTokenBytes)
                                + " without its end")
                        }
                    }
                    try afterChunk(&local)
                } catch {
                    failure = error
                    throw error
                }
            }
        } catch {
            if let failure = failure as? WorkbookError { throw failure.named(path: path, part: part) }
            if let failure { throw failure }
            throw WorkbookError.damaged(path: path, part: part, reason: "the zip entry can't be read (\(error))")
        }
        handler = local
        guard checksum.value == entry.checksum else {
            throw WorkbookError.damaged(path: path, part: part, reason: "its bytes don't match the zip's checksum (CRC-32 "
                + Self.hex(checksum.value) + ", the zip's directory says " + Self.hex(entry.checksum) + ")")
        }
        guard scanner.isComplete else {
            throw WorkbookError.damaged(path: path, part: part, reason: "the XML ends inside a tag")
        }
    }

    /// `scan` without a call after each chunk: only a `WorkbookError` can come out.
    static func scan<H: XMLHandler>(_ archive: Archive, _ part: String, path: String, into handler: inout H,
                                    limit: Int) throws(WorkbookError) {
        do {
            try scan(archive, part, path: path, into: &handler, limit: limit, afterChunk: { _ in })
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw .damaged(path: path, part: part, reason: "\(error)")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

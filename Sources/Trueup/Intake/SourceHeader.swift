import TrueupCSV
import TrueupSystem

/// A source's header, found before any of its rows is read: `--columns` is checked against every
/// source's header, and a side that lacks columns is told from its headers alone.
///
/// It is found as intake finds it: the first record with a non-blank field, its fields trimmed,
/// in the text the source's bytes decode to (`SourceEncoding`), in the dialect sniffed from the
/// same first 64 KiB. A file is read only as far as its header (128 KiB, more for a longer
/// header); standard input as the run keeps it (`InputFiles.standardInput`); a workbook's
/// sheet until its first record.
struct SourceHeader: Equatable {
    var fields: [String]
    /// The header's line in the source's text (a workbook's: its sheet row).
    var line: Int

    /// A record's fields as a header, trimmed; nil for a record whose fields are all blank, which
    /// comes before the header and is passed over. Intake and the look before it both use this.
    static func fields(_ record: [String]) -> [String]? {
        let trimmed = record.map { $0.trimmingCharacters() }
        return trimmed.allSatisfy(\.isEmpty) ? nil : trimmed
    }

    /// The header of `source`, or nil when it can't be found here (a source that can't be read,
    /// is empty, or ends in a quote): reading the source then says why.
    static func peek(_ source: SideSource, encoding: SourceEncoding, files: InputFiles,
                     workbookReader: WorkbookReader?, sheet: String?) -> SourceHeader? {
        switch source.kind {
        case .standardInput:
            guard let bytes = try? files.standardInput().bytes else { return nil }
            return first(in: encoding.decode(bytes).text, isWhole: true)
        case .workbook:
            return workbookReader.flatMap { peekWorkbook(source.path, reader: $0, sheet: sheet) }
        case .file:
            guard let file = try? files.open(source.path).file else { return nil }
            return peekFile(file, encoding: encoding)
        case .folderMember:
            // A folder's files are opened one at a time as intake reads them, never all at once.
            guard let file = try? SystemFile.openRegular(source.path).file else { return nil }
            defer { file.close() }
            return peekFile(file, encoding: encoding)
        }
    }

    /// The first record of the file's first bytes, read again with twice as many while it may go on past them.
    private static func peekFile(_ file: SystemFile, encoding: SourceEncoding) -> SourceHeader? {
        var size = 2 * CSVSniffer.sampleSize
        while size <= SourceBytes.longestLine * 2 {
            var bytes = [UInt8](repeating: 0, count: size)
            guard let got = try? file.readFully(into: &bytes, at: 0) else { return nil }
            let isWhole = got < size
            bytes.removeLast(size - got)
            if !isWhole, let lastLineEnd = bytes.lastIndex(of: 0x0A) {
                // Whole lines only: a character cut at the end would change how the bytes decode.
                bytes.removeLast(bytes.count - lastLineEnd - 1)
            }
            if let header = first(in: encoding.decode(bytes).text, isWhole: isWhole) { return header }
            if isWhole { return nil }
            size *= 2
        }
        return nil
    }

    /// The first non-blank record of `text`; nil when there is none, or when it reaches the end
    /// of a text that is not the source's whole (it may go on).
    private static func first(in text: [UInt8], isWhole: Bool, dialect: CSVDialect? = nil) -> SourceHeader? {
        guard let reader = try? CSVReader(bytes: text, dialect: dialect) else { return nil }
        var header: SourceHeader?
        var end = 0
        _ = try? reader.records { record in
            guard let fields = fields((0..<record.count).map { record.string($0) }) else { return true }
            header = SourceHeader(fields: fields, line: record.line)
            end = record.byteOffset + record.raw.count
            return false
        }
        guard let header, isWhole || end < text.count else { return nil }
        return header
    }

    private struct Found: Error {
        var header: SourceHeader
    }

    /// The first record of the sheet: its conversion stops at the first piece that holds one.
    private static func peekWorkbook(_ path: String, reader: WorkbookReader, sheet: String?) -> SourceHeader? {
        guard let raw = try? SourceBytes.read(SideSource(kind: .workbook, path: path)) else { return nil }
        var linesBefore = 0
        do {
            _ = try reader(path, raw.bytes, sheet) { text, _ in
                // A sheet's text is always commas and RFC 4180 quotes, and its pieces hold whole records.
                if var header = first(in: text, isWhole: true, dialect: CSVDialect()) {
                    header.line += linesBefore
                    throw Found(header: header)
                }
                linesBefore += text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
        } catch let found as Found {
            return found.header
        } catch {
            return nil
        }
        return nil
    }
}

extension SideRequest {
    /// Every source the side names, in order, with its header found before any row is read; nil
    /// when one of the headers can't be found here (the read then says why).
    func sourceHeaders(files: InputFiles) -> [(source: SideSource, header: SourceHeader)]? {
        guard let sources = try? SideSource.resolve(arguments, followLinks: followLinks) else { return nil }
        var found: [(source: SideSource, header: SourceHeader)] = []
        for source in sources {
            guard let header = SourceHeader.peek(source, encoding: encoding, files: files, workbookReader: workbookReader, sheet: sheet)
            else { return nil }
            found.append((source, header))
        }
        return found
    }

    /// The first error the side's headers give on their own, as reading it would give it: a
    /// column it lacks, a file name the pattern doesn't match; nil when they give none or can't be found.
    func headerError(files: InputFiles) -> InputError? {
        guard let found = sourceHeaders(files: files) else { return nil }
        let intake = SideIntake(kind: kind, encoding: encoding, dateOrder: dateOrder, pattern: pattern, overrides: overrides,
                                workbookReader: workbookReader, sheet: sheet, files: files)
        for (source, header) in found {
            do throws(InputError) {
                _ = try intake.plan(header: header.fields, line: header.line, of: source)
            } catch {
                return error
            }
        }
        return nil
    }
}

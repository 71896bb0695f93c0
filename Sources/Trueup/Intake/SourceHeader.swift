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

    /// What a look at a source's first lines found: its header, or, when no line is one, the first
    /// record with why it is not (the error reading the source would give).
    struct Peeked {
        var header: SourceHeader
        var error: InputError?
    }

    /// A side's header rule and columns: what `peek` looks for.
    struct Rule {
        var headerRow: Int?
        var plan: ([String], Int) throws(InputError) -> Void
    }

    /// The header of `source` found by `rule` (`HeaderRow`), or nil when it can't be found here (a
    /// source that can't be read, is empty, or ends in a quote): reading the source then says why.
    static func peek(_ source: SideSource, encoding: SourceEncoding, files: InputFiles,
                     workbookReader: WorkbookReader?, sheet: String?, rule: Rule) -> Peeked? {
        var search = Search(row: HeaderRow(given: rule.headerRow, path: source.displayName), plan: rule.plan)
        switch source.kind {
        case .standardInput:
            guard let bytes = try? files.standardInput().bytes else { return nil }
            return search.run(encoding.decode(bytes).text, isWhole: true)
        case .workbook:
            return workbookReader.flatMap { peekWorkbook(source.path, reader: $0, sheet: sheet, search: search) }
        case .file:
            guard let file = try? files.open(source.path).file else { return nil }
            return peekFile(file, encoding: encoding, search: search)
        case .folderMember:
            // A folder's files are opened one at a time as intake reads them, never all at once.
            guard let file = try? SystemFile.openRegular(source.path).file else { return nil }
            defer { file.close() }
            return peekFile(file, encoding: encoding, search: search)
        }
    }

    /// The header in the file's first bytes, read again with twice as many while it may go on past them.
    private static func peekFile(_ file: SystemFile, encoding: SourceEncoding, search: Search) -> Peeked? {
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
            var attempt = search
            if let found = attempt.run(encoding.decode(bytes).text, isWhole: isWhole) { return found }
            if isWhole { return nil }
            size *= 2
        }
        return nil
    }

    /// The header rule applied to the records of a text, piece after piece.
    struct Search {
        var row: HeaderRow
        let plan: ([String], Int) throws(InputError) -> Void
        /// The first non-blank record, for a search that ends without a header.
        var first: SourceHeader?
        var linesBefore = 0

        /// The header or the error, once the records of `text` settle it; nil when they don't (a text
        /// that is not the source's whole, or a piece of a sheet, may go on).
        /// `wholeRecords`: the text ends at a record's end (a sheet's piece), though the source may go on.
        mutating func run(_ text: [UInt8], isWhole: Bool, wholeRecords: Bool = false, dialect: CSVDialect? = nil) -> Peeked? {
            guard let reader = try? CSVReader(bytes: text, dialect: dialect) else { return nil }
            var found: Peeked?
            var end = 0
            var row = self.row, first = self.first
            let plan = self.plan, before = linesBefore
            _ = try? reader.records { record in
                let fields = (0..<record.count).map { record.string($0) }
                let line = before + record.line
                if first == nil, let trimmed = SourceHeader.fields(fields) { first = SourceHeader(fields: trimmed, line: line) }
                end = record.byteOffset + record.raw.count
                switch row.offer(fields, line: line, plan: plan) {
                case .skip: return true
                case .header(let header, let line, _): found = Peeked(header: SourceHeader(fields: header, line: line))
                case .stop(let error): found = first.map { Peeked(header: $0, error: error) }
                }
                return false
            }
            self.row = row
            self.first = first
            if let found { return isWhole || wholeRecords || end < text.count ? found : nil }
            // The whole source, and no header: the first record and why, or nothing to show.
            return isWhole ? first.map { Peeked(header: $0, error: row.end()) } : nil
        }
    }

    private struct Found: Error {
        var peeked: Peeked
    }

    /// The header of the sheet: its conversion stops at the first piece that settles it.
    private static func peekWorkbook(_ path: String, reader: WorkbookReader, sheet: String?, search: Search) -> Peeked? {
        guard let raw = try? SourceBytes.read(SideSource(kind: .workbook, path: path)) else { return nil }
        var search = search
        do {
            _ = try reader(path, raw.bytes, sheet) { text, _ in
                // A sheet's text is always commas and RFC 4180 quotes, and its pieces hold whole records.
                if let found = search.run(text, isWhole: false, wholeRecords: true, dialect: CSVDialect()) { throw Found(peeked: found) }
                search.linesBefore += text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
        } catch let found as Found {
            return found.peeked
        } catch {
            return nil
        }
        // The sheet ended without settling it.
        return search.first.map { Peeked(header: $0, error: search.row.end()) }
    }
}

extension SideRequest {
    /// The rule that finds this side's headers: `--header-row`, and the columns the side needs.
    func headerRule(_ source: SideSource, files: InputFiles) -> SourceHeader.Rule {
        let intake = SideIntake(kind: kind, encoding: encoding, dateOrder: dateOrder, pattern: pattern, overrides: overrides,
                                workbookReader: workbookReader, sheet: sheet, files: files)
        return SourceHeader.Rule(headerRow: headerRow) { fields, line throws(InputError) in
            _ = try intake.plan(header: fields, line: line, of: source)
        }
    }

    /// Every source the side names, in order, with its header found before any row is read (or its
    /// first record, when no line is a header); nil when one of them can't be found here (the read then says why).
    func sourceHeaders(files: InputFiles) -> [(source: SideSource, header: SourceHeader, error: InputError?)]? {
        guard let sources = try? SideSource.resolve(arguments, followLinks: followLinks) else { return nil }
        var found: [(source: SideSource, header: SourceHeader, error: InputError?)] = []
        for source in sources {
            guard let peeked = SourceHeader.peek(source, encoding: encoding, files: files, workbookReader: workbookReader, sheet: sheet,
                                                 rule: headerRule(source, files: files))
            else { return nil }
            found.append((source, peeked.header, peeked.error))
        }
        return found
    }

    /// The first error the side's headers give on their own, as reading it would give it: a
    /// column it lacks, a file name the pattern doesn't match; nil when they give none or can't be found.
    func headerError(files: InputFiles) -> InputError? {
        sourceHeaders(files: files)?.lazy.compactMap(\.error).first
    }

    /// Whether the source's first line with a value, which lacks the side's columns, is a title: a
    /// header is found below it, or the message on it suggests `--header-row`. The fast reader,
    /// which takes the first line, leaves such a file to intake.
    func headerIsBelowTitle(_ source: SideSource, files: InputFiles) -> Bool {
        guard let peeked = SourceHeader.peek(source, encoding: encoding, files: files, workbookReader: workbookReader, sheet: sheet,
                                             rule: headerRule(source, files: files)) else { return false }
        guard let error = peeked.error else { return true }
        if case .missingColumns(_, _, _, _, .titleAbove?) = error { return true }
        return false
    }
}

import TrueupCSV
import TrueupSystem

/// Whether a side can go straight to the fast reader, or needs intake first.
///
/// One plain CSV file goes straight: UTF-8 or Latin-1, no pattern to apply, a header with the
/// columns trueup reads and no name column, and, in a sample of its first and last rows,
/// periods (and snapshots) and quantities the fast reader reads (`Month.parse`,
/// `Quantity.parse`: a decimal comma in a semicolon file) and no totals row. Quoted fields,
/// CRLF line ends and the delimiter are the CSV reader's, and the common dialects of those
/// (dates, quoted fields, decimal commas, a snapshot column) are its plain path's too
/// (`PlainLayout`). Anything else (several sources, a pipe, a workbook, month columns, named
/// months, grouped numbers, Windows-1252, a lag beside a snapshot column) goes through
/// `SideIntake`, and so does a semicolon file whose quantities turn out, once read, to use the
/// decimal marks otherwise than the fast reader took them (`DecimalMarks`).
enum SidePlan {
    static func isPlain(_ sources: [SideSource], kind: RowParser.Kind, pattern: NamePattern?, encoding: SourceEncoding,
                        overrides: [Column: String], files: InputFiles = InputFiles(),
                        headerIsBelowTitle: (SideSource) -> Bool = { _ in false }) -> Bool {
        guard sources.count == 1, let source = sources.first, pattern == nil, encoding != .windows1252 else { return false }
        switch source.kind {
        case .file, .folderMember: break
        case .standardInput, .workbook: return false
        }
        let quantity: Column = kind == .actuals ? .actual : .forecast
        let required: [Column] = [.customer, .item, .period, quantity]
        let optional: [Column] = (kind == .forecasts ? [.lag, .snapshot] : []) + [.name]
        let header: Ingest.Header
        do {
            header = try Ingest.Header(files.open(source.path), required: required, optional: optional, overrides: overrides,
                                       encoding: encoding == .latin1 ? .latin1 : .utf8)
        } catch InputError.missingColumns(_, _, _, let names, _) {
            // Month columns, or a header below a title line: intake's. Else the fast reader says what is missing.
            return !SheetLayout(header: names, order: nil).isWide && !headerIsBelowTitle(source)
        } catch InputError.unsupportedEncoding {
            return false
        } catch {
            // Let the fast reader report it as it always has.
            return true
        }
        // Names are carried by intake; the fast reader reads codes only.
        if header.mapping.index[.name] != nil { return false }
        // With a lag and a snapshot column, intake decides which one counts.
        if header.mapping.index[.lag] != nil && header.mapping.index[.snapshot] != nil { return false }
        return sampleIsPlain(header, kind: kind)
    }

    /// Reads up to 256 rows from the start and 64 KB from the end.
    private static func sampleIsPlain(_ header: Ingest.Header, kind: RowParser.Kind) -> Bool {
        let index = header.mapping.index
        let quantity = index[kind == .actuals ? .actual : .forecast] ?? -1
        let period = index[.period] ?? -1
        let snapshot = index[.snapshot] ?? -1
        let customer = index[.customer] ?? -1
        let item = index[.item] ?? -1
        let decimalComma = header.dialect.delimiter == UInt8(ascii: ";")
        var plain = true
        func check(_ record: borrowing CSVRecord) -> Bool {
            guard record.count == header.mapping.header.count else { return true }
            if Month.parse(record.field(period)) == nil { plain = false }
            if snapshot >= 0, Month.parse(record.field(snapshot)) == nil { plain = false }
            if Quantity.parse(record.field(quantity), decimalComma: decimalComma) == nil { plain = false }
            for k in [customer, item, 0] where TotalsRow.isTotals(record.string(k)) { plain = false }
            return plain
        }
        do {
            let reader = try CSVReader(file: header.file, name: header.path, dialect: header.dialect, bufferSize: 64 * 1024)
            var seen = 0
            _ = try reader.records(from: header.dataStart, firstLine: header.firstDataLine) { record in
                seen += 1
                return check(record) && seen < 256
            }
            let tail = header.fileSize - 64 * 1024
            if plain && tail > header.dataStart {
                var first = true
                _ = try reader.records(from: tail) { record in
                    // The first record may begin mid-line.
                    if first {
                        first = false
                        return true
                    }
                    return check(record)
                }
            }
        } catch {
            return true
        }
        return plain
    }
}

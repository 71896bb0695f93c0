import TrueupCSV
import TrueupSystem
/// Reads the actuals, then the forecasts, into a `Panel`, and logs every row it can't use.
///
/// Each file's header is read first; its data rows are parsed in blocks on
/// `threads` cores (`BlockReader`) and merged into the panel in file order, so
/// the panel, the problems and their order are the same for any thread count.
/// Actuals come first so that the last closed period is known; both files are
/// read to the end even after a bad row, so the count of bad rows is complete.
struct Ingest {
    var panel = Panel()
    var problems: ProblemLog
    let overrides: [Column: String]
    let threads: Int
    let blockSize: Int
    let encoding: TextEncoding
    let progress: ReadProgress?
    /// The run's input files, each opened once.
    let files: InputFiles
    /// Parsed blocks already merged, written into again by the next file's parses (the actuals'
    /// by the forecasts'), and let go once the forecasts are read.
    private let spares = BlockReader.Spares()
    /// `--normalize-keys`: applied to both files' codes as they enter the panel.
    var normalization: KeyNormalization = []
    /// `--partition`: only the rows of the partition's groups enter the panel.
    var partition: PartitionFilter? {
        didSet { if partition != nil && panel.positions == nil { panel.positions = PanelPositions() } }
    }
    /// Duplicate forecasts found during the merge. Their message names the line of the row they
    /// repeat, which the panel doesn't keep (4 bytes a row, for a rare error): one more read of the
    /// file finds it (`reread`).
    private var duplicates: [Duplicate] = []
    /// Lines of rows rejected during the merge, whose byte offset (and raw text, for rejects.csv) is still needed.
    private var rawPending: [Int] = []
    /// With `--partition`, while intake's normalized text is read: the lines of the rows that are
    /// another partition's, for intake to count each source's own rows.
    var foreignLines: [Int32]?
    /// Where a duplicate's first line is, as seen from the duplicate's line: a line of the file
    /// being read, or for intake's normalized text the source and line (or cell) it came from.
    var describeLine: ((_ line: Int, _ from: Int) -> RowProblem.FirstLine)?

    init(overrides: [Column: String], keepAllProblems: Bool, threads: Int, blockSize: Int = BlockReader.defaultBlockSize,
         encoding: TextEncoding = .utf8, progress: ReadProgress? = nil, files: InputFiles = InputFiles()) {
        self.overrides = overrides
        self.files = files
        self.progress = progress
        self.encoding = encoding
        self.threads = max(1, threads)
        self.blockSize = blockSize
        problems = ProblemLog(keepsAll: keepAllProblems)
    }

    mutating func readActuals(_ path: String) throws(InputError) -> InputFile {
        try read(path, kind: .actuals, required: [.customer, .item, .period, .actual], optional: []) { ingest, block, rows in
            ingest.panel.addActuals(rows, of: block)
        }
    }

    mutating func readForecasts(_ path: String) throws(InputError) -> InputFile {
        defer { spares.removeAll() }
        return try read(path, kind: .forecasts, required: [.customer, .item, .period, .forecast], optional: [.lag, .snapshot]) { ingest, block, rows in
            for (r, slot) in ingest.panel.addForecasts(rows, of: block) {
                let duplicate = Duplicate(
                    line: Int(block.line[r] + block.lineShift), slot: slot, customer: block.customers[Int(block.customer[r])],
                    item: block.items[Int(block.item[r])], month: Month(index: Int(block.month[r])), lag: Int(block.lag[r]))
                ingest.problems.add(RowProblem(file: path, line: duplicate.line, byte: nil, column: nil,
                                               kind: ingest.kind(duplicate, firstLine: nil), raw: ""))
                ingest.duplicates.append(duplicate)
                ingest.rawPending.append(duplicate.line)
                block.rejectedInMerge += 1
            }
        }
    }

    /// A forecast row whose (customer, item, period, lag) an earlier row had.
    private struct Duplicate {
        var line: Int
        var slot: Int
        var customer: Int32
        var item: Int32
        var month: Month
        var lag: Int

        /// The (slot, lag) it shares with the row it repeats.
        var key: UInt64 { UInt64(slot) << 6 | UInt64(lag) }
    }

    private func kind(_ duplicate: Duplicate, firstLine: Int?) -> RowProblem.Kind {
        .duplicate(customer: panel.customerName(duplicate.customer), item: panel.itemName(duplicate.item), period: duplicate.month,
                   lag: duplicate.lag, firstLine: firstLine.map { describeLine?($0, duplicate.line) ?? .line($0) })
    }

    // MARK: - One file

    /// The rows of a block ready to merge: its keys as panel ids, its lines as file lines. The
    /// columns are views of the parsed block's, valid while it is merged.
    struct MergeBlock {
        var customers: [Int32]
        var items: [Int32]
        var customer: UncheckedColumn<Int32>
        var item: UncheckedColumn<Int32>
        var month: UncheckedColumn<Int32>
        var lag: UncheckedColumn<UInt8>
        var value: UncheckedColumn<Double>
        /// Lines counted from the block's first line; `+ lineShift` makes them file lines.
        var line: UncheckedColumn<Int32>
        var lineShift: Int32
        var rejectedInMerge = 0
    }

    /// Reads one file, held open from start to end: a file changed meanwhile is `changedWhileRead`,
    /// whatever else went wrong (a row cut short by a truncation is not a bad row of the file).
    private mutating func read(
        _ path: String, kind: RowParser.Kind, required: [Column], optional: [Column],
        merge: (inout Ingest, inout MergeBlock, Range<Int>) -> Void
    ) throws(InputError) -> InputFile {
        let source = try files.open(path)
        let file: InputFile
        do {
            file = try read(source, kind: kind, required: required, optional: optional, merge: merge)
        } catch {
            try source.checkUnchanged()
            throw error
        }
        try source.checkUnchanged()
        return file
    }

    private mutating func read(
        _ source: InputSource, kind: RowParser.Kind, required: [Column], optional: [Column],
        merge: (inout Ingest, inout MergeBlock, Range<Int>) -> Void
    ) throws(InputError) -> InputFile {
        let path = source.path
        let header: Header
        do {
            header = try Header(source, required: required, optional: optional, overrides: overrides, encoding: encoding)
        } catch let error as InputError {
            throw error
        } catch let error as CSVError {
            throw BlockReader.error(error, path: path, firstLine: 1)
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        let parser = RowParser(kind: kind, file: path, mapping: header.mapping, dialect: header.dialect,
                               decimalComma: header.dialect.delimiter == UInt8(ascii: ";"), encoding: encoding)
        // With --partition over the whole book, room for about the partition's share (more is made as needed).
        let rows = header.estimatedRows() / (partition.map { $0.routes == nil && !$0.givenOwnRows ? $0.partition.count : 1 } ?? 1)
        // With one thread the read is one sequential pass: no thread of its own faults the pages in.
        if kind == .actuals {
            panel.reserve(keys: rows, prefault: threads > 1)
        } else {
            panel.reserve(forecastRows: rows, prefault: threads > 1)
        }
        var read = 0
        var rejected = 0
        var foreign = 0
        var marks: DecimalMarks = []
        try BlockReader.read(file: header.file, path: path, dialect: header.dialect, parser: parser, dataStart: header.dataStart,
                             firstLine: header.firstDataLine, fileSize: header.fileSize, threads: threads, blockSize: blockSize,
                             spares: spares, progress: progress.map { report in { bytes in report(path, bytes, header.fileSize) } }) { block, firstLine throws(InputError) in
            let shift = Int32(firstLine - 1)
            panel.admit(decimals: block.decimals)
            var rows = MergeBlock(
                customers: panelIDs(block.customers, items: false, kind: kind), items: panelIDs(block.items, items: true, kind: kind),
                customer: block.rows.customer, item: block.rows.item, month: block.rows.month, lag: block.rows.lag,
                value: block.rows.value, line: block.rows.line, lineShift: shift)
            guard panel.customers.count <= Panel.maximumKeys, panel.items.count <= Panel.maximumKeys else {
                throw InputError.tooManyKeys(path: path, limit: Panel.maximumKeys)
            }
            // Rows and the block's problems are merged in line order, so problems stay in file order.
            var problem = 0
            var start = 0
            while start < rows.value.count || problem < block.problems.count {
                // Lines within the block: the problems' and the rows' are both counted from the block's first line.
                let nextProblemLine = problem < block.problems.count ? Int32(block.problems[problem].line) : Int32.max
                var end = start
                while end < rows.value.count && rows.line[end] < nextProblemLine { end += 1 }
                if partition == nil {
                    merge(&self, &rows, start..<end)
                } else {
                    foreign += mergeOwned(start..<end, of: &rows, items: partition!.byItem, merge: merge)
                }
                start = end
                if problem < block.problems.count {
                    var moved = block.problems[problem]
                    moved.line += Int(shift)
                    if partition?.partition.keepsUnownedRows ?? true { problems.add(moved) }
                    problem += 1
                }
            }
            let unowned = partition?.partition.keepsUnownedRows ?? true ? 0 : block.problems.count
            read += block.rowsRead - unowned
            rejected += block.problems.count - unowned + rows.rejectedInMerge
            marks.formUnion(block.marks)
        }
        if !duplicates.isEmpty || !rawPending.isEmpty {
            try reread(path: path, header: header, parser: parser)
        }
        rawPending = []
        duplicates = []
        // The SHA-256 is filled in by the caller, which hashes the files on a thread of their own (`FileDigest`).
        return InputFile(path: path, bytes: header.fileSize, sha256: "", delimiter: header.dialect.delimiterName,
                         hadByteOrderMark: header.hadByteOrderMark, columns: header.mapping, rowsRead: read - foreign,
                         rowsRejected: rejected, readStatus: source.start, decimalMarks: marks, otherPartitions: foreign)
    }

    /// Merges the rows of `rows` whose group is the partition's, run by run, and returns how many were another's.
    private mutating func mergeOwned(_ rows: Range<Int>, of block: inout MergeBlock, items: Bool,
                                     merge: (inout Ingest, inout MergeBlock, Range<Int>) -> Void) -> Int {
        var foreign = 0
        var runStart = rows.lowerBound
        for r in rows {
            let id = items ? block.items[Int(block.item[r])] : block.customers[Int(block.customer[r])]
            guard !partition!.keeps(id, line: block.line[r] + block.lineShift, names: items ? panel.items : panel.customers) else { continue }
            merge(&self, &block, runStart..<r)
            runStart = r + 1
            foreign += 1
            foreignLines?.append(block.line[r] + block.lineShift)
        }
        merge(&self, &block, runStart..<rows.upperBound)
        return foreign
    }

    /// The panel's ids of a block's customers or items, through `--normalize-keys` when given.
    private mutating func panelIDs(_ keys: KeyDictionary, items: Bool, kind: RowParser.Kind) -> [Int32] {
        if normalization.isEmpty { return items ? keys.mapped(into: &panel.items) : keys.mapped(into: &panel.customers) }
        if items {
            return keys.mapped(into: &panel.items, normalizing: normalization, spellings: &panel.itemSpellings,
                               fromForecasts: kind == .forecasts)
        }
        return keys.mapped(into: &panel.customers, normalizing: normalization, spellings: &panel.customerSpellings,
                           fromForecasts: kind == .forecasts)
    }

    /// Reads the file once more, in one sequential pass, for what the merge doesn't keep: where the
    /// rows it rejected start and their exact text (for rejects.csv), and the line of the row each
    /// duplicate repeats.
    private mutating func reread(path: String, header: Header, parser: RowParser) throws(InputError) {
        let wanted = Set(rawPending)
        var text: [Int: String] = [:]
        var bytes: [Int: Int] = [:]
        // (slot, lag) of every duplicate; the first row read with that key is the one kept.
        var firstLines: [UInt64: Int] = [:]
        for duplicate in duplicates { firstLines[duplicate.key] = 0 }
        var unresolved = firstLines.count
        var scratch = ParsedBlock(start: 0)
        var customerIDs: [Int32: Int32] = [:]
        var itemIDs: [Int32: Int32] = [:]
        let panel = panel
        do {
            let reader = try CSVReader(file: header.file, name: path, dialect: header.dialect)
            _ = try reader.records(from: header.dataStart, firstLine: header.firstDataLine) { record in
                if wanted.contains(record.line) {
                    bytes[record.line] = record.byteOffset
                    if problems.keepsAll { text[record.line] = encoding.string(record.raw) }
                }
                if unresolved > 0 {
                    if scratch.rows.count >= 4096 {
                        scratch.reuse(start: 0)
                        customerIDs = [:]
                        itemIDs = [:]
                    }
                    let before = scratch.rows.count
                    parser.parse(record, into: &scratch)
                    if scratch.rows.count > before, let c = scratch.rows.customer.last, let i = scratch.rows.item.last,
                       let m = scratch.rows.month.last, let lag = scratch.rows.lag.last {
                        let customer = customerIDs[c] ?? panel.customers.existingID(normalization.apply(scratch.customers.name(c))) ?? -1
                        let item = itemIDs[i] ?? panel.items.existingID(normalization.apply(scratch.items.name(i))) ?? -1
                        customerIDs[c] = customer
                        itemIDs[i] = item
                        if let slot = panel.find(customer: customer, item: item, month: Month(index: Int(m)), near: -1) {
                            let key = UInt64(slot) << 6 | UInt64(lag)
                            if firstLines[key] == 0 {
                                firstLines[key] = record.line
                                unresolved -= 1
                            }
                        }
                    }
                }
                return bytes.count < wanted.count || unresolved > 0
            }
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        problems.fill(file: path, raw: text, bytes: bytes)
        var kinds: [Int: RowProblem.Kind] = [:]
        for duplicate in duplicates {
            let first = firstLines[duplicate.key] ?? 0
            kinds[duplicate.line] = kind(duplicate, firstLine: first == 0 ? nil : first)
        }
        problems.rewrite(file: path, kinds)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingCharacters() -> String {
        // Most cells have nothing to trim: a Character that is a space or tab starts (and ends) with that byte.
        if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

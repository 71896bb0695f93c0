/// What one side of a run is read from, and how.
struct SideRequest {
    var kind: RowParser.Kind
    var arguments: [String]
    var pattern: NamePattern?
    var encoding: SourceEncoding
    var dateOrder: DateOrder?
    var overrides: [Column: String]
    var workbookReader: WorkbookReader?
    var sheet: String?
    var followLinks = false
    /// The decimal mark the user set for this side; nil to read it from the values.
    var decimalMark: DecimalMark?
    /// The line of the header the user gave for this side (`--header-row`); nil to find it.
    var headerRow: Int?
    /// Read through intake even when the fast reader could take it: a semicolon file whose
    /// quantities the fast reader found to read otherwise than intake does (`DecimalMarks`).
    var throughIntake = false

    /// The side as messages and run.json name it: its arguments, `-` as standard input.
    var displayName: String { arguments.map { $0 == "-" ? "standard input" : $0 }.joined(separator: ", ") }
}

extension Ingest {
    /// Reads one side from every source its arguments name: a single plain file straight into the
    /// fast reader, anything else through intake's normalized text first. Either way the
    /// problems name the sources' own files, lines and columns. Nil when the file, read straight,
    /// showed quantities intake would read otherwise (`DecimalMarks`): the caller reads the
    /// sides again from the start, this one with `throughIntake`.
    mutating func readSide(_ side: SideRequest) throws(InputError) -> InputFile? {
        let (sources, leftOut) = try SideSource.resolveWithLeftOut(side.arguments, followLinks: side.followLinks)
        // A mark the user set is applied by intake, which reads the marks; the fast reader doesn't.
        // So is a header line the user gave, and a header below a title, which the fast reader (first line) doesn't find.
        let inputs = files
        if !side.throughIntake, side.decimalMark == nil, side.headerRow == nil,
           SidePlan.isPlain(sources, kind: side.kind, pattern: side.pattern, encoding: side.encoding, overrides: side.overrides,
                            files: files, headerIsBelowTitle: { side.headerIsBelowTitle($0, files: inputs) }),
           let source = sources.first {
            var file = side.kind == .actuals ? try readActuals(source.path) : try readForecasts(source.path)
            guard file.decimalMarks.readAsIntakeReads, !panel.hasTotalsNames, !hasQuantitiesIntakeReads(source.path) else { return nil }
            if side.kind == .actuals { file.latestMonthRows = panel.latestMonthLines.map { RowPlace(file: source.path, line: $0) } }
            file.files = [SourceFile(path: source.path, bytes: file.bytes, sha256: "", encoding: side.encoding.rawValue,
                                     delimiter: file.delimiter, layout: "long", columns: file.columns,
                                     rowsRead: file.rowsRead, rowsRejected: file.rowsRejected)]
            file.leftOut = leftOut
            return file
        }
        var intake = SideIntake(kind: side.kind, encoding: side.encoding, dateOrder: side.dateOrder, pattern: side.pattern,
                                overrides: side.overrides, workbookReader: side.workbookReader, sheet: side.sheet, files: files)
        intake.decimalMark = side.decimalMark
        intake.headerRow = side.headerRow
        let normalized = try NormalizedFile()
        defer { files.close(normalized.path) }
        let result = try intake.read(sources, into: normalized)
        try normalized.open(in: files)
        let map = result.map
        describeLine = { map.describe($0, from: $1) }
        // The reader's problems are kept apart, placed in their sources, then merged with intake's in file order.
        let outer = problems
        problems = ProblemLog(keepsAll: true)
        defer { describeLine = nil }
        var file: InputFile
        if partition != nil { foreignLines = [] }
        defer { foreignLines = nil }
        do {
            file = side.kind == .actuals ? try readActuals(normalized.path) : try readForecasts(normalized.path)
        } catch {
            problems = outer
            throw error
        }
        let placed = problems.kept.map { $0.file == normalized.path ? map.place($0) : $0 }
        problems = outer
        let order = Dictionary(map.origins.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let merged = (result.problems + placed).enumerated().sorted { a, b in
            let ka = (order[a.element.file] ?? 0, a.element.line, a.offset), kb = (order[b.element.file] ?? 0, b.element.line, b.offset)
            return ka < kb
        }
        // Routing: each row's line in its source.
        if let routes = partition?.routes {
            partition?.routes = routes.map { (Int32(truncatingIfNeeded: map.sourceLine(ofLine: Int($0.line)) ?? Int($0.line)), $0.partition) }
        }
        let keepsUnowned = partition?.partition.keepsUnownedRows ?? true
        for problem in merged where keepsUnowned || problem.offset >= result.problems.count { problems.add(problem.element) }
        var files = result.files
        // With --partition: each source counts the rows of this partition's groups, and the first partition its rejected and totals rows.
        if let foreign = foreignLines {
            for line in foreign {
                if let k = map.source(ofLine: Int(line)) { files[k].rowsRead -= 1 }
            }
            if !keepsUnowned {
                for k in files.indices {
                    files[k].rowsRead -= files[k].rowsRejected + files[k].totalsRows
                    files[k].rowsRejected = 0
                    files[k].totalsRows = 0
                }
            }
        }
        // The reader's own rejections (duplicates, lags) belong to the sources their rows came from.
        for problem in placed {
            if let k = files.firstIndex(where: { $0.path == problem.file }) { files[k].rowsRejected += 1 }
        }
        if side.kind == .actuals {
            file.latestMonthRows = panel.latestMonthLines.map { line in
                switch map.describe(line, from: 0) {
                case .line(let line): return RowPlace(file: side.displayName, line: line)
                case .inSource(let name, let line): return RowPlace(file: name, line: line)
                case .cell(let name, let reference): return RowPlace(file: name, line: line, reference: reference)
                }
            }
        }
        try Self.refuseSameFileTwice(files)
        file.path = side.displayName
        file.bytes = files.reduce(0) { $0 + $1.bytes }
        file.sha256 = files.count == 1 ? files[0].sha256 : Self.digestOfList(files)
        file.delimiter = files.first?.delimiter ?? file.delimiter
        file.hadByteOrderMark = files.contains { $0.encoding.contains("bom") || $0.encoding.hasPrefix("utf-16") }
        file.columns = files.first?.columns ?? file.columns
        if keepsUnowned {
            file.rowsRead += result.problems.count + result.totalsRows
            file.rowsRejected += result.problems.count
            file.totalsRows = result.totalsRows
        }
        file.files = files
        file.customerNames = result.names
        file.leftOut = leftOut
        file.decimalMark = side.decimalMark.map { DecimalMarkChoice(mark: $0, evidence: .given) } ?? result.decimalMark
        // The status read was the normalized text's; intake hashed the sources from the bytes it read.
        file.readStatus = nil
        return file
    }

    /// Whether a row of `path` the fast reader rejected has a quantity intake reads (`5,000-`, `(123)`,
    /// `1.234,5`, as exports write them): the sample `SidePlan` looks at missed it, and the side is
    /// read again through intake rather than such a row reported as bad.
    func hasQuantitiesIntakeReads(_ path: String) -> Bool {
        problems.kept.contains { problem in
            guard problem.file == path, case .number(let text, let decimalComma) = problem.kind, !text.isCut else { return false }
            return ExportNumber.plain(text.text, mark: decimalComma ? .comma : .point) != nil
        }
    }

    /// Two sources of one side with the same bytes (the same SHA-256) are the same export saved
    /// twice: read both and every row counts twice, so the run stops naming both.
    static func refuseSameFileTwice(_ files: [SourceFile]) throws(InputError) {
        var seen: [String: String] = [:]
        for file in files where !file.sha256.isEmpty && file.rowsRead > 0 {
            if let first = seen[file.sha256] { throw .sameFileTwice(first: first, second: file.path) }
            seen[file.sha256] = file.path
        }
    }

    /// The SHA-256 of the list of sources as `sha256sum` prints it (`DIGEST  NAME` lines), so the
    /// side's digest changes when any file, or the set of files, does.
    static func digestOfList(_ files: [SourceFile]) -> String {
        let hasher = SHA256Hasher()
        let list = files.map { "\($0.sha256)  \($0.path)\n" }.joined()
        hasher.update(Array(list.utf8))
        return hasher.finalizeHex()
    }
}

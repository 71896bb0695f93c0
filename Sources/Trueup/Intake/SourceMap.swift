/// From a line of the normalized text that intake hands the reader back to where the value
/// came from: the source, its line, its column (or a workbook's cell), and the row as written.
struct SourceMap {
    /// A source's text, for the raw rows of rejects.csv: decoded in memory, or a workbook's sheet
    /// spilled to a temporary file as it was converted.
    enum RawRows {
        case memory([UInt8])
        case spilled(SpilledText)

        func bytes(_ range: Range<Int>) -> [UInt8] {
            switch self {
            case .memory(let text): return Array(text[min(range.lowerBound, text.count)..<min(range.upperBound, text.count)])
            case .spilled(let file): return file.bytes(range)
            }
        }
    }

    struct Origin {
        var name: String
        var rows: RawRows
        var header: [String]
        /// The source's column of each normalized column (customer, item, period, quantity, lag), -1 when none.
        var columns: [Column: Int]
        var cellReference: (@Sendable (Int, Int) -> String?)?
        /// A workbook's sheet: its error cells' fields start with `ConvertedSheet.errorMarker`.
        var isWorkbook = false
        /// What to add to an offset in `text` to make it an offset in the file: 0, or 3 after a
        /// UTF-8 byte order mark; nil when `text` is not the file's own bytes (a workbook, a transcoded file).
        var byteShift: Int? = 0

        /// A row's text as rejects.csv shows it: a workbook's error cell as its error alone, without the marker.
        func rawText<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
            guard isWorkbook, bytes.contains(ConvertedSheet.errorMarker) else { return String(decoding: bytes, as: UTF8.self) }
            return String(decoding: bytes.filter { $0 != ConvertedSheet.errorMarker }, as: UTF8.self)
        }
    }

    var origins: [Origin] = []
    // One entry per normalized data row, in order.
    /// The row's first line in the normalized text (a name with a line break in it takes two).
    var normalizedLine: [Int32] = []
    var source: [Int32] = []
    var line: [Int32] = []
    /// The source column of a wide row's value, -1 for a long row.
    var valueColumn: [Int32] = []
    var rawStart: [Int] = []
    var rawLength: [Int32] = []

    mutating func add(normalizedLine first: Int, source index: Int, line number: Int, valueColumn column: Int, raw: Range<Int>) {
        normalizedLine.append(Int32(truncatingIfNeeded: first))
        source.append(Int32(index))
        line.append(Int32(truncatingIfNeeded: number))
        valueColumn.append(Int32(column))
        rawStart.append(raw.lowerBound)
        rawLength.append(Int32(truncatingIfNeeded: raw.count))
    }

    /// The row at normalized line `normalized`, or nil for a line intake didn't write.
    private func row(_ normalized: Int) -> Int? {
        var low = 0, high = normalizedLine.count
        while low < high {
            let middle = (low + high) / 2
            if Int(normalizedLine[middle]) < normalized { low = middle + 1 } else { high = middle }
        }
        return low < normalizedLine.count && Int(normalizedLine[low]) == normalized ? low : nil
    }

    /// The index in `origins` of the source the row at normalized line `normalized` came from.
    func source(ofLine normalized: Int) -> Int? { row(normalized).map { Int(source[$0]) } }

    /// The line in its source of the row at normalized line `normalized`.
    func sourceLine(ofLine normalized: Int) -> Int? { row(normalized).map { Int(line[$0]) } }

    /// Where the row at normalized line `normalized` came from, for a problem of the row at
    /// normalized line `from` that names it: just its line when both are in the same source.
    func describe(_ normalized: Int, from: Int) -> RowProblem.FirstLine {
        guard let k = row(normalized) else { return .line(normalized) }
        let origin = origins[Int(source[k])]
        if let other = row(from), source[other] == source[k], origin.cellReference == nil { return .line(Int(line[k])) }
        if let reference = origin.cellReference?(Int(line[k]), Int(valueColumn[k])) { return .cell(origin.name, reference: reference) }
        return .inSource(origin.name, line: Int(line[k]))
    }

    /// The problem with its place in the source instead of the normalized text.
    func place(_ problem: RowProblem) -> RowProblem {
        guard let k = row(problem.line) else {
            var unplaced = problem
            unplaced.byte = nil  // an offset in the normalized text, not in any source
            return unplaced
        }
        let origin = origins[Int(source[k])]
        var placed = problem
        placed.file = origin.name
        placed.line = Int(line[k])
        placed.byte = origin.byteShift.map { rawStart[k] + $0 }
        if let column = problem.column, let normalized = Column(rawValue: column) {
            var index = origin.columns[normalized] ?? -1
            if normalized == .forecast || normalized == .actual || normalized == .period, valueColumn[k] >= 0 { index = Int(valueColumn[k]) }
            placed.column = SideIntake.columnName(origin, index: index, line: Int(line[k])) ?? column
        }
        let start = rawStart[k], end = start + Int(rawLength[k])
        placed.raw = origin.rawText(origin.rows.bytes(start..<end))
        return placed
    }
}

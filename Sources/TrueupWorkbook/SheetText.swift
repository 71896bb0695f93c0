import TrueupCSV

import Foundation

/// Turns a worksheet's XML into CSV text, one line per sheet row, as the XML streams by.
///
/// Each row is written with as many fields as the sheet is wide (its `<dimension>`, or the first
/// row with a value when it has none, whichever is wider), more when a row has a value further
/// right; a row without a value is an empty line, and so is each row the XML skips, so line n
/// is row n (`SheetMap` keeps track when a value's line break moves the rows down).
struct SheetText: XMLHandler {
    /// The byte that starts an error cell's field: never part of UTF-8 text, so every reader
    /// of names, periods and quantities rejects the field.
    static let errorMarker: UInt8 = 0xFF

    private let strings: SharedStrings
    private let dates: DateStyles
    private let system1904: Bool
    private let path: String
    private let part: String
    private(set) var map: SheetMap
    private(set) var rows = 0

    /// Text of whole rows not yet taken (`take`).
    private var output: [UInt8] = []
    /// The line the next row starts on, and the row it would be without shifts.
    private var line = 1
    private var nextRow = 1
    private var width = 0
    /// Whether a row with a value has been read: the first one sets the width with the dimension.
    private var sawFirstRow = false

    private var inSheetData = false
    // The row being read: its fields' text in `fields`, (column, range) in `cells`.
    private var row = 0
    private var fields: [UInt8] = []
    private var cells: [(column: Int, range: Range<Int>)] = []
    private var nextColumn = 0
    // The cell being read.
    private var column = 0
    private var type = CellType.number
    private var style = 0
    private var value: [UInt8] = []
    private var sawValue = false
    private var hasFormula = false
    private var collecting = false
    private var inInlineString = false
    private var phoneticDepth = 0

    private enum CellType { case number, sharedString, inlineString, formulaString, boolean, error, isoDate }

    init(path: String, sheet: String, part: String, strings: SharedStrings, dates: DateStyles, system1904: Bool) {
        map = SheetMap(sheet: sheet)
        self.path = path
        self.part = part
        self.strings = strings
        self.dates = dates
        self.system1904 = system1904
    }

    mutating func start(_ tag: XMLTag) throws(WorkbookError) {
        let name = tag.name
        if name.equals("c") {
            column = tag.attribute("r").flatMap(Self.column(of:)) ?? nextColumn
            guard column < WorkbookLimits.columns, cells.count < WorkbookLimits.columns else {
                throw .damaged(path: path, part: part, reason: "row \(row) has a cell in column \(SheetMap.columnName(column)) "
                    + "or more than \(WorkbookLimits.columns) cells, past Excel's last column XFD")
            }
            nextColumn = column + 1
            type = tag.attribute("t").map(Self.cellType) ?? .number
            style = tag.attribute("s").flatMap(Self.integer) ?? 0
            value.removeAll(keepingCapacity: true)
            sawValue = false
            hasFormula = false
        } else if name.equals("v") {
            collecting = true
            sawValue = true
        } else if name.equals("f") {
            hasFormula = true
        } else if name.equals("is") {
            inInlineString = true
            sawValue = true
        } else if name.equals("t") {
            collecting = inInlineString && phoneticDepth == 0
        } else if name.equals("rPh") {
            phoneticDepth += 1
        } else if name.equals("row") {
            try startRow(tag.attribute("r"))
        } else if name.equals("sheetData") {
            inSheetData = true
        } else if name.equals("dimension"), let reference = tag.string("ref") {
            // "A1:F1200", or "A1" alone for an empty sheet.
            var last = reference.split(separator: ":").last.map(String.init) ?? reference
            if let column = last.withUncheckedBytes({ Self.column(of: $0) }) {
                width = min(column + 1, WorkbookLimits.columns)
            }
        }
    }

    mutating func end(_ name: UncheckedBytes) throws(WorkbookError) {
        if name.equals("c") {
            try endCell()
        } else if name.equals("v") || name.equals("t") {
            collecting = false
        } else if name.equals("is") {
            inInlineString = false
        } else if name.equals("rPh") {
            phoneticDepth -= 1
        } else if name.equals("row") {
            try endRow()
        } else if name.equals("sheetData") {
            inSheetData = false
        }
    }

    mutating func text(_ raw: UncheckedBytes, isCDATA: Bool) throws(WorkbookError) {
        guard collecting else { return }
        if isCDATA { value.append(contentsOf: raw) } else { XMLText.decode(raw, into: &value) }
        guard value.count <= WorkbookLimits.cellBytes else {
            throw .damaged(path: path, part: part, reason: "cell \(map.reference(line: line, column: column)) holds more than "
                + "\(WorkbookLimits.cellBytes) bytes of text, more than a cell can hold")
        }
    }

    /// The bytes of text written and not yet taken.
    var pendingCount: Int { output.count }

    /// The text of the rows read since the last call: whole rows, each ending in LF (the row being
    /// read stays behind). After the last element the text is complete, and so is `map`.
    mutating func take() -> [UInt8] {
        let piece = output
        output = []
        output.reserveCapacity(piece.count)
        return piece
    }

    // MARK: - Rows

    private mutating func startRow(_ reference: UncheckedBytes?) throws(WorkbookError) {
        let number: Int
        if let reference {
            guard let written = Self.integer(reference.trimmingWhitespace), written >= 1 else {
                throw .damaged(path: path, part: part, reason: "a row after row \(nextRow - 1) is numbered "
                    + "\"\(reference[0..<min(40, reference.count)].text)\", which is not a row number")
            }
            number = written
        } else {
            number = nextRow
        }
        guard number <= WorkbookLimits.rows else {
            throw .damaged(path: path, part: part, reason: "a row after row \(nextRow - 1) is numbered \(number), past "
                + "Excel's last row \(WorkbookLimits.rows)")
        }
        // Rows the XML skips are empty lines, so the lines keep step with the rows.
        while nextRow < number {
            output.append(0x0A)
            line += 1
            nextRow += 1
        }
        row = number
        map.place(row: row, at: line)
        fields.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        nextColumn = 0
    }

    private mutating func endRow() throws(WorkbookError) {
        defer { nextRow = max(nextRow, row + 1) }
        rows += 1
        var lastColumn = -1
        for cell in cells where cell.column > lastColumn { lastColumn = cell.column }
        guard lastColumn >= 0 else {
            output.append(0x0A)
            line += 1
            return
        }
        if !sawFirstRow {
            // The dimension widens the rows, but by no more than a bounded number of columns.
            width = max(lastColumn + 1, min(width, lastColumn + 1 + WorkbookLimits.dimensionColumns))
            sawFirstRow = true
        }
        if !cells.indices.dropFirst().allSatisfy({ cells[$0 - 1].column < cells[$0].column }) {
            cells.sort { $0.column < $1.column }
        }
        var next = 0
        for cell in cells {
            // Two cells with one reference: the XML is odd, the first is kept (it is what came first).
            guard cell.column >= next else { continue }
            while next < cell.column {
                if next > 0 { output.append(CellText.comma) }
                next += 1
            }
            if cell.column > 0 { output.append(CellText.comma) }
            output.append(contentsOf: fields[cell.range])
            next = cell.column + 1
        }
        while next < width {
            output.append(CellText.comma)
            next += 1
        }
        for byte in fields where byte == 0x0A { line += 1 }
        output.append(0x0A)
        line += 1
    }

    // MARK: - Cells

    private mutating func endCell() throws(WorkbookError) {
        guard inSheetData else { return }
        let start = fields.count
        // A formula never calculated has no value, or an empty one where a number would be.
        if hasFormula && (!sawValue || (value.isEmpty && type != .formulaString && type != .inlineString)) {
            writeError(SheetMap.CellError.uncalculated)
        } else {
            try writeValue()
        }
        if fields.count > start { cells.append((column, start..<fields.count)) }
        guard fields.count <= WorkbookLimits.rowBytes else {
            throw .damaged(path: path, part: part, reason: "row \(row) holds more than "
                + WorkbookLimits.mebibytes(WorkbookLimits.rowBytes) + " of text, the most trueup reads in a row")
        }
    }

    private mutating func writeValue() throws(WorkbookError) {
        switch type {
        case .number:
            guard !value.isEmpty else { return }
            let written = value.withUncheckedBytes { raw in
                if dates.isDate(style: style), let serial = Double(raw.trimmingWhitespace.text),
                   let date = CellText.date(serial: serial, system1904: system1904) {
                    fields.append(contentsOf: date.utf8)
                    return true
                }
                guard let number = CellText.number(raw) else { return false }
                fields.append(contentsOf: number)
                return true
            }
            guard written else {
                throw .damaged(path: path, part: part, reason: "cell \(map.reference(line: line, column: column)) holds "
                    + "\"\(String(decoding: value.prefix(40), as: UTF8.self))\", which is not a number")
            }
        case .sharedString:
            let index = value.withUncheckedBytes { Self.integer($0.trimmingWhitespace) } ?? -1
            let found: Void? = strings.withString(index) { text in appendText(text, unescape: false) }
            guard found != nil else {
                throw .damaged(path: path, part: part, reason: "cell \(map.reference(line: line, column: column)) refers to "
                    + "shared string \(index), but the workbook has \(strings.count)")
            }
        case .inlineString, .formulaString:
            value.withUncheckedBytes { appendText($0, unescape: true) }
        case .boolean:
            let isTrue = value.first == UInt8(ascii: "1") || value.first == UInt8(ascii: "t") || value.first == UInt8(ascii: "T")
            if !value.isEmpty { fields.append(contentsOf: (isTrue ? "TRUE" : "FALSE").utf8) }
        case .error:
            writeError(String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        case .isoDate:
            // An ISO 8601 date or date and time: the date part.
            let date = value.prefix { $0 != UInt8(ascii: "T") && $0 != UInt8(ascii: " ") }
            date.withUncheckedBytes { appendText($0, unescape: false) }
        }
    }

    private mutating func writeError(_ text: String) {
        map.recordError(line: line, column: column, row: row, value: text.isEmpty ? "an error" : text)
        var marked = [Self.errorMarker]
        marked.append(contentsOf: text.utf8)
        marked.withUncheckedBytes { CellText.appendField($0, to: &fields) }
    }

    /// Appends a string value as a field, its line ends made LF (the lines are counted by LF).
    private mutating func appendText(_ text: UncheckedBytes, unescape: Bool) {
        if !text.contains(0x0D) && !(unescape && text.contains(UInt8(ascii: "_"))) {
            CellText.appendField(text, to: &fields)
            return
        }
        var bytes: [UInt8] = []
        if unescape { OOXMLEscapes.decode(Array(text), into: &bytes) } else { bytes = Array(text) }
        if bytes.contains(0x0D) {
            var normal: [UInt8] = []
            normal.reserveCapacity(bytes.count)
            for (k, byte) in bytes.enumerated() {
                if byte == 0x0D {
                    if k + 1 < bytes.count && bytes[k + 1] == 0x0A { continue }
                    normal.append(0x0A)
                } else {
                    normal.append(byte)
                }
            }
            bytes = normal
        }
        bytes.withUncheckedBytes { CellText.appendField($0, to: &fields) }
    }

    // MARK: - Attributes

    private static func cellType(_ raw: UncheckedBytes) -> CellType {
        if raw.equals("s") { return .sharedString }
        if raw.equals("inlineStr") { return .inlineString }
        if raw.equals("str") { return .formulaString }
        if raw.equals("b") { return .boolean }
        if raw.equals("e") { return .error }
        if raw.equals("d") { return .isoDate }
        return .number
    }

    /// The 0-based column of a reference such as `D17` (its letters), or nil without letters.
    static func column(of reference: UncheckedBytes) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference {
            let upper = byte & 0xDF
            guard upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    static func integer(_ raw: UncheckedBytes) -> Int? {
        guard !raw.isEmpty, raw.count <= 18 else { return nil }
        var value = 0
        for byte in raw {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

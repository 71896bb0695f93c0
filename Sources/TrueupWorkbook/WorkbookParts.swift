import TrueupCSV

/// The sheets a workbook lists (`xl/workbook.xml`), in tab order, and its date system.
struct SheetList: XMLHandler {
    struct Entry {
        var name: String
        var relationship: String
    }

    var sheets: [Entry] = []
    var uses1904 = false

    mutating func start(_ tag: XMLTag) throws(WorkbookError) {
        if tag.name.equals("sheet") {
            guard sheets.count < WorkbookLimits.sheets else { throw .inPart("it lists more than \(WorkbookLimits.sheets) sheets") }
            sheets.append(Entry(name: tag.string("name") ?? "", relationship: tag.string("id") ?? ""))
        } else if tag.name.equals("workbookPr"), let value = tag.string("date1904") {
            uses1904 = value == "1" || value.lowercased() == "true"
        }
    }

    mutating func end(_ name: UncheckedBytes) throws(WorkbookError) {}
    mutating func text(_ raw: UncheckedBytes, isCDATA: Bool) throws(WorkbookError) {}
}

/// A part's relationships (`_rels/NAME.rels`): id to target, and the target of each type.
struct Relationships: XMLHandler {
    var targets: [String: String] = [:]
    var byType: [String: String] = [:]

    mutating func start(_ tag: XMLTag) throws(WorkbookError) {
        guard tag.name.equals("Relationship"), let target = tag.string("Target") else { return }
        guard targets.count < WorkbookLimits.sheets else {
            throw .inPart("it has more than \(WorkbookLimits.sheets) relationships")
        }
        if let id = tag.string("Id") { targets[id] = target }
        if let type = tag.string("Type"), let last = type.split(separator: "/").last, byType[String(last)] == nil {
            byType[String(last)] = target
        }
    }

    mutating func end(_ name: UncheckedBytes) throws(WorkbookError) {}
    mutating func text(_ raw: UncheckedBytes, isCDATA: Bool) throws(WorkbookError) {}

    /// The zip path of `target`, a relationship target of the part at `base` (`xl/workbook.xml`):
    /// relative to the base's folder, or from the root when it starts with `/`.
    static func resolve(_ target: String, from base: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = base.split(separator: "/").dropLast().map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." {
                if !parts.isEmpty { parts.removeLast() }
            } else if piece != "." {
                parts.append(String(piece))
            }
        }
        return parts.joined(separator: "/")
    }
}

/// A row that sums the rows above it, as spreadsheets and pivot exports write them: not data.
///
/// A cell says so when, trimmed, without case and without a trailing `:` or `.`, it is one of
/// `words` (`Total`, `Sum`, `Grand total`, `Subtotal`, `Zwischensumme`, `Summe`, `Gesamt`,
/// `Ergebnis`, ...), or one of `labelWords` beside one code, as pivot tables label the sums of a
/// group: the word after the code (`100232 Ergebnis`, `C-232 Total`), or before a code that has a
/// digit in it (`Total 100232`, `Summe: C-232`). A word before a code without a digit is a name
/// (`Total Energies`), and a word inside a longer text (`Totalizer`, `Subtotal of May orders`)
/// is none.
enum TotalsRow {
    static let words: Set<String> = ["total", "totals", "sum", "grand total", "summe", "gesamt", "gesamtsumme", "insgesamt",
                                     "total general", "gesamtergebnis", "ergebnis", "subtotal", "subtotals", "sub-total",
                                     "sub total", "zwischensumme", "teilsumme"]
    /// The words that label a group's sum beside its code.
    static let labelWords: Set<String> = ["total", "subtotal", "zwischensumme", "teilsumme", "summe", "gesamt", "ergebnis",
                                          "gesamtergebnis"]
    /// The words' first letters, lower case.
    private static let initials = Set(words.compactMap(\.utf8.first))

    static func isTotals(_ cell: String) -> Bool {
        let space = UInt8(ascii: " ")
        let bytes = cell.utf8
        // Every word starts with one of these letters: a cell without a space inside that starts
        // with another ASCII byte is no totals row, and most codes are decided here.
        if let first = bytes.first(where: { $0 != space && $0 != 0x09 }), first < 0x80, !initials.contains(first | 0x20) {
            guard Self.hasInnerSpace(bytes) else { return false }
        }
        let text = Self.withoutTrailingMarks(cell.trimmingCharacters().lowercased())
        if words.contains(text) { return true }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return false }
        if labelWords.contains(String(parts[1])) { return true }
        let word = Self.withoutTrailingMarks(String(parts[0]))
        return labelWords.contains(word) && parts[1].contains(where: \.isNumber)
    }

    private static func withoutTrailingMarks(_ text: String) -> String {
        var text = text
        while let last = text.last, last == ":" || last == "." { text.removeLast() }
        return text
    }

    /// Whether a space lies between two other bytes of the cell.
    private static func hasInnerSpace(_ bytes: String.UTF8View) -> Bool {
        var seenText = false, spaceAfterText = false
        for byte in bytes {
            if byte == UInt8(ascii: " ") || byte == 0x09 {
                if seenText { spaceAfterText = true }
            } else {
                if spaceAfterText { return true }
                seenText = true
            }
        }
        return false
    }
}

extension Panel {
    /// Whether a customer or item code of the panel is a totals row's (`TotalsRow`): the fast
    /// reader took a totals row as data, and the side is read again through intake, which leaves
    /// such rows out and counts them.
    var hasTotalsNames: Bool {
        (0..<customers.count).contains { TotalsRow.isTotals(customers.name(Int32($0))) }
            || (0..<items.count).contains { TotalsRow.isTotals(items.name(Int32($0))) }
    }
}

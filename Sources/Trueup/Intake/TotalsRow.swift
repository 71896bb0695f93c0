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

    static func isTotals(_ cell: String) -> Bool {
        // Most codes are decided from their bytes (contiguous: a String's UTF-8 view is slow to walk).
        var cell = cell
        guard cell.withUTF8({ mayBeTotals($0) }) else { return false }
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
}

extension TotalsRow {
    /// The first two letters, lower case, of every word that is a totals cell on its own.
    private static let leads: Set<UInt16> = Set(words.map { word in
        let bytes = Array(word.utf8)
        return UInt16(bytes[0]) << 8 | UInt16(bytes[1])
    })

    /// Whether a code's bytes may be a totals cell, decided without making it text: a code with a
    /// space between other bytes is asked in full, and one without must start with the first two
    /// letters of a totals word and be no longer than the longest (with a `:` or `.` or two).
    /// Most codes (`C0001`, `SKU-1`) are decided here.
    static func mayBeTotals<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bool {
        let space = UInt8(ascii: " "), tab: UInt8 = 0x09
        guard let first = bytes.firstIndex(where: { $0 != space && $0 != tab }),
              let last = bytes.lastIndex(where: { $0 != space && $0 != tab }) else { return false }
        let text = bytes[first...last]
        if text.contains(space) || text.contains(tab) { return true }
        guard text.count >= 3, text.count <= longestWord + 2 else { return false }
        let second = text.index(after: text.startIndex)
        let lead = UInt16(text[text.startIndex] | 0x20) << 8 | UInt16(text[second] | 0x20)
        return leads.contains(lead)
    }

    private static let longestWord = words.map(\.utf8.count).max() ?? 0
}

extension Panel {
    /// Whether a customer or item code of the panel is a totals row's (`TotalsRow`): the fast
    /// reader took a totals row as data, and the side is read again through intake, which leaves
    /// such rows out and counts them.
    var hasTotalsNames: Bool {
        customers.containsName(worthAsking: TotalsRow.mayBeTotals, TotalsRow.isTotals)
            || items.containsName(worthAsking: TotalsRow.mayBeTotals, TotalsRow.isTotals)
    }
}

/// A source's text kept aside instead of in the process's own memory, written as it streams by,
/// for the few rows whose raw text a problem shows (rejects.csv); it goes when the value does.
///
/// A workbook's sheet is converted piece by piece and never held whole; the problems the fast
/// reader finds later (a duplicate, a lag) still show the sheet row as it was.
final class SpilledText {
    private static let what = "the workbook's text"
    private let file: ScratchFile
    private(set) var count = 0

    init() throws(InputError) {
        file = try ScratchFile(prefix: "trueup-sheet-", what: Self.what)
    }

    deinit { file.remove() }

    func append(_ bytes: [UInt8]) throws(InputError) {
        try file.append(bytes, what: Self.what)
        count += bytes.count
    }

    /// The bytes in `range` (fewer if the text is shorter or can't be read: they only show a row).
    func bytes(_ range: Range<Int>) -> [UInt8] {
        let end = min(range.upperBound, count)
        return range.lowerBound < end ? file.bytes(range.lowerBound..<end) : []
    }
}

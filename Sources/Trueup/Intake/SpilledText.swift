/// A source's text kept aside instead of in the process's own memory (`ScratchFile`), written as
/// it streams by, for the few rows whose raw text a problem shows (rejects.csv).
///
/// A workbook's sheet is converted piece by piece and never held whole; the problems the fast
/// reader finds later (a duplicate, a lag) still show the sheet row as it was.
final class SpilledText {
    private let file: ScratchFile

    init() throws(InputError) {
        file = try ScratchFile(prefix: "trueup-sheet-", what: "the workbook's text")
    }

    var count: Int { file.count }

    func append(_ bytes: [UInt8]) throws(InputError) { try file.append(bytes) }

    /// The bytes in `range` (fewer if the text is shorter or can't be read: they only show a row).
    func bytes(_ range: Range<Int>) -> [UInt8] { file.bytes(range) }
}

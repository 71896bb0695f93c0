import TrueupSystem

/// A source's text kept in a temporary file instead of memory, written as it streams by, for the
/// few rows whose raw text a problem shows (rejects.csv); the file goes when the value does.
///
/// A workbook's sheet is converted piece by piece and never held whole; the problems the fast
/// reader finds later (a duplicate, a lag) still show the sheet row as it was.
final class SpilledText {
    private let path: String
    private let fd: Int32
    private(set) var count = 0

    init() throws(InputError) {
        (path, fd) = try TemporaryFile.create(prefix: "trueup-sheet-", what: "the workbook's text")
    }

    deinit {
        Syscalls.close(fd)
        Syscalls.unlink(path)
    }

    func append(_ bytes: [UInt8]) throws(InputError) {
        do {
            try Syscalls.writeAll(fd, bytes)
        } catch {
            throw .unreadable(path: "the workbook's text", reason: "\(error)")
        }
        count += bytes.count
    }

    /// The bytes in `range` (fewer if the file is shorter or can't be read: they only show a row).
    func bytes(_ range: Range<Int>) -> [UInt8] {
        let end = min(range.upperBound, count)
        guard range.lowerBound < end, let reader = try? Syscalls.openForReading(path) else { return [] }
        defer { Syscalls.close(reader) }
        var result = [UInt8](repeating: 0, count: end - range.lowerBound)
        let got = (try? Syscalls.readFully(reader, into: &result, at: range.lowerBound)) ?? 0
        return Array(result[0..<got])
    }
}

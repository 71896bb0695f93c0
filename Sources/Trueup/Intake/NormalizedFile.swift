import TrueupSystem

/// Intake's normalized text in a file of its own, for the block reader: written as intake makes
/// it (`append`), closed, read, then removed.
struct NormalizedFile {
    let path: String
    private let fd: Int32

    init() throws(InputError) {
        (path, fd) = try TemporaryFile.create(prefix: "trueup-intake-", what: "the normalized input")
    }

    func append(_ bytes: [UInt8]) throws(InputError) {
        do {
            try Syscalls.writeAll(fd, bytes)
        } catch {
            throw .unreadable(path: "the normalized input", reason: "\(error)")
        }
    }

    /// Closes the file once the text is all written.
    func close() { Syscalls.close(fd) }

    func remove() { Syscalls.unlink(path) }
}

import TrueupSystem

/// An input file held open while it is read, so that a change made to it meanwhile is noticed.
///
/// Only regular files are read: a directory, a device (`/dev/zero` never ends) or a FIFO
/// (which waits for a writer forever) is refused when it is opened. A file whose size,
/// modification time or identity at the end of the reading differ from the start was
/// changed under the reader: whatever was read is a mix, and the run stops rather than
/// report rows it cut in half as bad ones.
struct InputSource {
    let path: String
    let file: SystemFile
    /// What the file was when it was opened.
    let start: FileStatus
    /// False for a file taken open (`InputFiles.adopt`: intake's text, in memory or in a scratch file): only the open file is checked.
    var hasPath = true

    static func open(_ path: String) throws(InputError) -> InputSource {
        do {
            let (file, status) = try SystemFile.openRegular(path)
            return InputSource(path: path, file: file, start: status)
        } catch {
            switch error {
            case .cantOpen(let reason): throw .missingFile(path: path, reason: reason.description)
            case .notRegular(let kind): throw .notRegularFile(path: path, kind: kind.described)
            }
        }
    }

    /// Throws `changedWhileRead` when the open file, or the file now at its path, is not the one opened.
    func checkUnchanged() throws(InputError) {
        guard let now = try? file.status(), !now.changed(since: start) else { throw .changedWhileRead(path: path) }
        guard hasPath else { return }
        guard let atPath = try? Syscalls.status(path: path), !atPath.changed(since: start) else {
            throw .changedWhileRead(path: path)
        }
    }

    func close() { file.close() }
}

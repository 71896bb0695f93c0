import TrueupSystem

/// A new file in the temporary folder (`TMPDIR`, else /tmp), open for writing.
///
/// Created with O_EXCL and O_NOFOLLOW under an unpredictable name, so a link planted there
/// can't redirect it. `what` names the file in an error (`the normalized input`).
enum TemporaryFile {
    static func create(prefix: String, what: String) throws(InputError) -> (path: String, fd: Int32) {
        let directory = Syscalls.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var lastError: SystemError?
        for _ in 0..<8 {
            let name = directory + "/" + prefix + String(UInt64.random(in: .min ... .max), radix: 16)
            do {
                return (name, try Syscalls.createExclusive(name, permissions: 0o600))
            } catch {
                lastError = error
            }
        }
        throw .temporaryFolder(path: directory, what: what, reason: lastError.map { "\($0)" } ?? "no temporary file")
    }
}

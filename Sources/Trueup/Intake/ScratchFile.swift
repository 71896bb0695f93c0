import TrueupSystem

/// Text intake keeps aside while it reads (the normalized text, a workbook's sheet): in a file
/// that lives in memory only, so nothing is written to any folder and nothing is left behind
/// whatever ends the run; where the system has no such file, a new file in the temporary folder
/// (`TMPDIR`, else /tmp), created with O_EXCL and O_NOFOLLOW under an unpredictable name so a
/// link planted there can't redirect it. `what` names it in messages (`the normalized input`).
struct ScratchFile {
    /// Open to read and write (in memory), or to write (on disk).
    let fd: Int32
    /// The file's path on disk; nil in memory.
    let path: String?

    init(prefix: String, what: String) throws(InputError) {
        if let fd = Syscalls.createInMemory(prefix) {
            (self.fd, path) = (fd, nil)
            return
        }
        let directory = Syscalls.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var lastError: SystemError?
        for _ in 0..<8 {
            let name = directory + "/" + prefix + String(UInt64.random(in: .min ... .max), radix: 16)
            do {
                (fd, path) = (try Syscalls.createExclusive(name, permissions: 0o600), name)
                return
            } catch {
                lastError = error
            }
        }
        throw .temporaryFolder(path: directory, what: what, reason: lastError.map { "\($0)" } ?? "no temporary file")
    }

    func append(_ bytes: [UInt8], what: String) throws(InputError) {
        do {
            try Syscalls.writeAll(fd, bytes)
        } catch {
            throw .unreadable(path: what, reason: "\(error)")
        }
    }

    /// Reads up to `count` bytes at `offset` (fewer at the end, none when it can't be read).
    func bytes(_ range: Range<Int>) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        var result = [UInt8](repeating: 0, count: range.count)
        let got: Int
        if let path {
            guard let reader = try? Syscalls.openForReading(path) else { return [] }
            defer { Syscalls.close(reader) }
            got = (try? Syscalls.readFully(reader, into: &result, at: range.lowerBound)) ?? 0
        } else {
            got = (try? Syscalls.readFully(fd, into: &result, at: range.lowerBound)) ?? 0
        }
        return Array(result[0..<got])
    }

    /// Closes it and, on disk, removes it.
    func remove() {
        Syscalls.close(fd)
        if let path { Syscalls.unlink(path) }
    }
}

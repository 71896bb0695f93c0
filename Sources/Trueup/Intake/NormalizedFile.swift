import TrueupSystem

/// Intake's normalized text in a file of its own, for the block reader; removed when read.
///
/// Created with O_EXCL and O_NOFOLLOW under an unpredictable name in the temporary folder, so a
/// link planted there can't redirect it.
struct NormalizedFile {
    let path: String

    init(_ bytes: [UInt8]) throws(InputError) {
        let directory = Syscalls.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var created: (path: String, fd: Int32)?
        var lastError: SystemError?
        for _ in 0..<8 where created == nil {
            let name = directory + "/trueup-intake-" + String(UInt64.random(in: .min ... .max), radix: 16)
            do {
                created = (name, try Syscalls.createExclusive(name, permissions: 0o600))
            } catch {
                lastError = error
            }
        }
        guard let created else {
            throw .unreadable(path: "the normalized input", reason: lastError.map { "\($0)" } ?? "no temporary file")
        }
        defer { Syscalls.close(created.fd) }
        path = created.path
        let written: Result<Void, SystemError> = bytes.withUnsafeBytes { all in
            Result { () throws(SystemError) in try Syscalls.writeAll(created.fd, all) }
        }
        if case .failure(let error) = written {
            Syscalls.unlink(created.path)
            throw .unreadable(path: "the normalized input", reason: "\(error)")
        }
    }

    func remove() { Syscalls.unlink(path) }
}

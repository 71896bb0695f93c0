import TrueupSystem

/// Text intake keeps aside while it reads (the normalized text, a workbook's sheet): in a file
/// that lives in memory only, so nothing is written to any folder and nothing is left behind
/// whatever ends the run. Past `memoryLimit` bytes (a sheet that inflates to gigabytes, a huge
/// re-encoded file), or where the system has no such file, it goes on in a new file in the
/// temporary folder (`TMPDIR`, else /tmp), created with O_EXCL and O_NOFOLLOW under an
/// unpredictable name so a link planted there can't redirect it, and removed with the value.
/// `what` names it in messages (`the normalized input`).
final class ScratchFile {
    /// The most bytes kept in memory: 1 GiB, about 30 million normalized values.
    static let defaultMemoryLimit = 1 << 30

    /// Open to read and write (in memory), or to write (on disk).
    private(set) var fd: Int32
    /// The file's path on disk; nil in memory.
    private(set) var path: String?
    private(set) var count = 0
    private let prefix: String
    private let what: String
    private let memoryLimit: Int

    init(prefix: String, what: String, memoryLimit: Int = ScratchFile.defaultMemoryLimit) throws(InputError) {
        self.prefix = prefix
        self.what = what
        self.memoryLimit = memoryLimit
        if let fd = Syscalls.createInMemory(prefix) {
            (self.fd, path) = (fd, nil)
        } else {
            (fd, path) = try Self.createOnDisk(prefix: prefix, what: what)
        }
    }

    deinit {
        Syscalls.close(fd)
        if let path { Syscalls.unlink(path) }
    }

    private static func createOnDisk(prefix: String, what: String) throws(InputError) -> (Int32, String) {
        let directory = Syscalls.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var lastError: SystemError?
        for _ in 0..<8 {
            let name = directory + "/" + prefix + String(UInt64.random(in: .min ... .max), radix: 16)
            do {
                return (try Syscalls.createExclusive(name, permissions: 0o600), name)
            } catch {
                lastError = error
            }
        }
        throw .temporaryFolder(path: directory, what: what, reason: lastError.map { "\($0)" } ?? "no temporary file")
    }

    func append(_ bytes: [UInt8]) throws(InputError) {
        if path == nil && count + bytes.count > memoryLimit { try moveToDisk() }
        do {
            try Syscalls.writeAll(fd, bytes)
        } catch {
            throw .unreadable(path: what, reason: "\(error)")
        }
        count += bytes.count
    }

    /// Copies the text so far from memory to a new file on disk, which takes the rest.
    private func moveToDisk() throws(InputError) {
        let (disk, diskPath) = try Self.createOnDisk(prefix: prefix, what: what)
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        do {
            while offset < count {
                let got = try Syscalls.readFully(fd, into: &chunk, at: offset)
                guard got > 0 else { break }
                try Syscalls.writeAll(disk, Array(chunk[0..<got]))
                offset += got
            }
        } catch {
            Syscalls.close(disk)
            Syscalls.unlink(diskPath)
            throw .unreadable(path: what, reason: "\(error)")
        }
        Syscalls.close(fd)
        (fd, path) = (disk, diskPath)
    }

    /// A descriptor of its own to read the text with (the reader closes it).
    func reader() throws(SystemError) -> SystemFile {
        if let path { return try SystemFile.openForReading(path) }
        return try SystemFile(descriptor: fd).duplicate()
    }

    /// The bytes in `range` (fewer at the end, none when they can't be read).
    func bytes(_ range: Range<Int>) -> [UInt8] {
        let end = min(range.upperBound, count)
        guard range.lowerBound < end, let reader = try? reader() else { return [] }
        defer { reader.close() }
        var result = [UInt8](repeating: 0, count: end - range.lowerBound)
        let got = (try? reader.readFully(into: &result, at: range.lowerBound)) ?? 0
        return Array(result[0..<got])
    }
}

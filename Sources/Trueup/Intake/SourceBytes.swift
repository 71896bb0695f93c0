import TrueupSystem

/// The bytes of one source exactly as they arrived, and their SHA-256 taken from the same read.
struct SourceBytes {
    var bytes: [UInt8]
    var sha256: String

    /// The most bytes read without a line end before the read stops: a record can't be longer
    /// (the CSV reader's own limit), and an endless stream without lines can't fill the memory.
    static let longestLine = 16 << 20

    /// The bytes of `source`: standard input's as the run keeps them (`InputFiles.standardInput`),
    /// a file's read now.
    static func read(_ source: SideSource, files: InputFiles) throws(InputError) -> SourceBytes {
        source.kind == .standardInput ? try files.standardInput() : try read(source)
    }

    /// Reads the whole file, or standard input to its end. Standard input must be a pipe or a
    /// regular file (a device such as /dev/zero is refused).
    static func read(_ source: SideSource) throws(InputError) -> SourceBytes {
        let fd: Int32
        do {
            fd = source.kind == .standardInput ? 0 : try Syscalls.openForReading(source.path)
        } catch {
            throw .missingFile(path: source.displayName, reason: "\(error)")
        }
        let status: FileStatus
        do {
            status = try Syscalls.status(fd)
        } catch {
            if fd != 0 { Syscalls.close(fd) }
            throw .unreadable(path: source.displayName, reason: "\(error)")
        }
        guard status.kind == .regular || (source.kind == .standardInput && status.kind == .pipe) else {
            if fd != 0 { Syscalls.close(fd) }
            throw .notRegularFile(path: source.displayName, kind: status.kind.described)
        }
        defer { if fd != 0 { Syscalls.close(fd) } }
        var bytes: [UInt8] = []
        // A file's size is known: one allocation, not a doubling array's slack (a third more, for a large workbook).
        if status.kind == .regular && status.size > 0 { bytes.reserveCapacity(status.size) }
        let hasher = SHA256Hasher()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var sinceLineEnd = 0
        var line = 1
        while true {
            let got: Int
            do {
                got = try Syscalls.read(fd, into: &chunk)
            } catch {
                throw .unreadable(path: source.displayName, reason: "\(error)")
            }
            if got == 0 { break }
            for byte in chunk[0..<got] {
                if byte == 10 || byte == 13 {
                    if byte == 10 { line += 1 }
                    sinceLineEnd = 0
                } else {
                    sinceLineEnd += 1
                }
            }
            if sinceLineEnd > longestLine {
                throw .recordTooLong(path: source.displayName, line: line, limit: longestLine)
            }
            hasher.update(chunk[0..<got])
            bytes.append(contentsOf: chunk[0..<got])
        }
        return SourceBytes(bytes: bytes, sha256: hasher.finalizeHex())
    }
}

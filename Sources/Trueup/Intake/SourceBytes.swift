import TrueupSystem

/// The bytes of one source exactly as they arrived, and their SHA-256 taken from the same read.
struct SourceBytes {
    var bytes: [UInt8]
    var sha256: String

    /// The most bytes read without a line end before the read stops: a record can't be longer
    /// (the CSV reader's own limit), and an endless stream without lines can't fill the memory.
    static let longestLine = 16 << 20

    /// The most standard input trueup keeps: it is held in memory whole (its header is looked at
    /// before its rows), so an endless stream stops here, named, instead of filling the memory.
    /// A larger export is read from a file, which is not held whole.
    static let longestStandardInput = 256 << 20

    /// The bytes of `source`: standard input's as the run keeps them (`InputFiles.standardInput`),
    /// a file's read now.
    static func read(_ source: SideSource, files: InputFiles) throws(InputError) -> SourceBytes {
        source.kind == .standardInput ? try files.standardInput() : try read(source)
    }

    /// Reads the whole file, or standard input to its end. Standard input must be a pipe or a
    /// regular file (a device such as /dev/zero is refused).
    static func read(_ source: SideSource) throws(InputError) -> SourceBytes {
        try read(source, chunkSize: 1 << 20, afterChunk: nil)
    }

    /// `read` in chunks of `chunkSize`, calling `afterChunk` after each (tests change the file
    /// there). A regular file whose size, modification time or identity differ at the end from
    /// the start, or whose bytes are not as many as its size said, was changed while it was read:
    /// `changedWhileRead`, whatever else went wrong, as for a file read in blocks.
    static func read(_ source: SideSource, chunkSize: Int, afterChunk: (() -> Void)?) throws(InputError) -> SourceBytes {
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
        func checkUnchanged(_ count: Int?) throws(InputError) {
            guard status.kind == .regular else { return }
            guard let now = try? Syscalls.status(fd), !now.changed(since: status),
                  source.kind == .standardInput
                    || (try? Syscalls.status(path: source.path)).map({ !$0.changed(since: status) }) == true,
                  count.map({ $0 == status.size }) ?? true else {
                throw .changedWhileRead(path: source.displayName)
            }
        }
        do {
            let read = try readAll(fd, source: source, status: status, chunkSize: chunkSize, afterChunk: afterChunk)
            try checkUnchanged(read.bytes.count)
            return read
        } catch {
            try checkUnchanged(nil)
            throw error
        }
    }

    private static func readAll(_ fd: Int32, source: SideSource, status: FileStatus, chunkSize: Int,
                                afterChunk: (() -> Void)?) throws(InputError) -> SourceBytes {
        var bytes: [UInt8] = []
        // A file's size is known: one allocation, not a doubling array's slack (a third more, for a large workbook).
        if status.kind == .regular && status.size > 0 { bytes.reserveCapacity(status.size) }
        let hasher = SHA256Hasher()
        var chunk = [UInt8](repeating: 0, count: chunkSize)
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
            if source.kind == .standardInput && bytes.count > longestStandardInput {
                throw .standardInputTooLong(limit: longestStandardInput)
            }
            afterChunk?()
        }
        return SourceBytes(bytes: bytes, sha256: hasher.finalizeHex())
    }
}

/// An open file descriptor, closed by its owner with `close()`.
///
/// A plain value over the descriptor number: whoever opened it closes it once.
package struct SystemFile: Sendable {
    package let descriptor: Int32

    package init(descriptor: Int32) { self.descriptor = descriptor }

    package static let standardInput = SystemFile(descriptor: 0)
    package static let standardOutput = SystemFile(descriptor: 1)
    package static let standardError = SystemFile(descriptor: 2)

    /// Opens `path` to read: never waits for a FIFO's writer; the caller checks `status().kind`.
    package static func openForReading(_ path: String) throws(SystemError) -> SystemFile {
        SystemFile(descriptor: try Syscalls.openForReading(path))
    }

    /// Opens `path` to read and refuses anything but a regular file (a FIFO, a device, a directory).
    package static func openRegular(_ path: String) throws(InputRefusal) -> (file: SystemFile, status: FileStatus) {
        let file: SystemFile
        let status: FileStatus
        do {
            file = try openForReading(path)
        } catch {
            throw .cantOpen(error)
        }
        do {
            status = try file.status()
        } catch {
            file.close()
            throw .cantOpen(error)
        }
        guard status.kind == .regular else {
            file.close()
            throw .notRegular(status.kind)
        }
        return (file, status)
    }

    /// Creates a file that must not exist yet, not through a symbolic link (O_CREAT|O_EXCL|O_NOFOLLOW).
    package static func createNew(_ path: String, permissions: UInt16 = 0o644) throws(SystemError) -> SystemFile {
        SystemFile(descriptor: try Syscalls.createExclusive(path, permissions: permissions))
    }

    /// Opens or creates `path` to write from its start (truncating it).
    package static func openForWriting(_ path: String, permissions: UInt16 = 0o644) throws(SystemError) -> SystemFile {
        SystemFile(descriptor: try Syscalls.openForWriting(path, permissions: permissions))
    }

    package static func openDirectory(_ path: String) throws(SystemError) -> SystemFile {
        SystemFile(descriptor: try Syscalls.openDirectory(path))
    }

    package func close() { Syscalls.close(descriptor) }

    /// A path that opens this very file, not whatever is at its name now (nil where the system has none).
    package var openFilePath: String? { Syscalls.pathOfOpenFile(descriptor) }

    /// A second descriptor of this open file, for a reader that may outlive the owner's (the same
    /// file, not the path opened again: a file replaced at its path meanwhile is not read).
    package func duplicate() throws(SystemError) -> SystemFile { SystemFile(descriptor: try Syscalls.duplicate(descriptor)) }

    package func status() throws(SystemError) -> FileStatus { try Syscalls.status(descriptor) }

    /// Reads up to `buffer.count` bytes at `offset`; 0 at the end.
    package func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemError) -> Int {
        try Syscalls.read(descriptor, into: buffer, at: offset)
    }

    /// Reads up to `buffer.count` bytes at the current position; 0 at the end.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        try Syscalls.read(descriptor, into: buffer)
    }

    /// Fills `buffer` from `offset` as far as the file goes; returns how many bytes it read.
    package func readFully(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let got = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), at: offset + filled)
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws(SystemError) { try Syscalls.writeAll(descriptor, bytes) }

    /// Writes every byte of `bytes`.
    package func write(_ bytes: [UInt8]) throws(SystemError) { try Syscalls.writeAll(descriptor, bytes) }

    /// Reads up to `bytes.count` bytes into `bytes` at `offset`; 0 at the end.
    package func read(into bytes: inout [UInt8], at offset: Int) throws(SystemError) -> Int {
        let got = bytes.withUnsafeMutableBytes { bytes in Result { () throws(SystemError) in try read(into: bytes, at: offset) } }
        return try got.get()
    }

    /// Fills `bytes` from `offset` as far as the file goes; returns how many bytes it read.
    package func readFully(into bytes: inout [UInt8], at offset: Int) throws(SystemError) -> Int {
        try Syscalls.readFully(descriptor, into: &bytes, at: offset)
    }

    package func write(_ text: String) throws(SystemError) {
        var text = text
        let failure: SystemError? = text.withUTF8 { bytes -> SystemError? in
            do throws(SystemError) {
                try write(UnsafeRawBufferPointer(bytes))
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    package func sync() throws(SystemError) { try Syscalls.sync(descriptor) }

    package var isTerminal: Bool { Syscalls.isTerminal(descriptor) }
}

/// Why an input path is not read: it can't be opened, or it is not a regular file.
package enum InputRefusal: Error, Sendable, Equatable {
    case cantOpen(SystemError)
    case notRegular(FileStatus.Kind)
}

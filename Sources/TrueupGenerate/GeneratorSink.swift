import TrueupSystem

/// One output file, written through a 1 MiB byte buffer the generator formats into directly.
///
/// The generator writes hundreds of megabytes; building a `String` per row, or
/// formatting numbers through Foundation, would dominate the run. Instead the
/// caller reserves room for a row (`reserve(_:)`, which writes a full buffer out
/// with one large `write(2)`) and appends bytes and numbers to a byte array whose
/// capacity is kept from one flush to the next; its system calls go through `SystemFile`.
struct GeneratorSink: ~Copyable {
    private static let flushSize = 1 << 20

    let path: String
    private var file: SystemFile?
    private var buffer: [UInt8] = []
    /// Bytes handed to the file so far, the buffered ones included.
    private(set) var bytesWritten = 0

    /// Creates (or truncates) the file at `path`.
    init(path: String, longestRow: Int) throws(GeneratorError) {
        do {
            file = try SystemFile.openForWriting(path)
        } catch {
            throw .cannotWrite(path: path, reason: error.description)
        }
        self.path = path
        buffer.reserveCapacity(Self.flushSize + max(longestRow, 64))
    }

    deinit {
        file?.close()
    }

    /// Makes room for a row: writes the buffer out once it holds 1 MiB.
    mutating func reserve(_ bytes: Int) throws(GeneratorError) {
        if buffer.count >= Self.flushSize || buffer.count + bytes > buffer.capacity {
            try flush()
        }
    }

    /// Appends `length` bytes of `bytes` starting at `start`.
    mutating func append(_ bytes: [UInt8], from start: Int, length: Int) {
        buffer.append(contentsOf: bytes[start..<(start + length)])
        bytesWritten += length
    }

    /// Appends all of `bytes`.
    mutating func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        bytesWritten += bytes.count
    }

    /// Appends one byte.
    mutating func append(byte: UInt8) {
        buffer.append(byte)
        bytesWritten += 1
    }

    /// Appends `value` in decimal, without separators.
    mutating func append(decimal value: UInt64) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var position = start + digits - 1
        var remaining = value
        repeat {
            buffer[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ 48
            remaining /= 10
            position -= 1
        } while remaining > 0
        bytesWritten += digits
    }

    /// Appends `tenths / 10` with at most one decimal: `1234` is "123.4", `1230` is "123".
    mutating func append(tenths: UInt64) {
        append(decimal: tenths / 10)
        let fraction = tenths % 10
        if fraction != 0 {
            append(byte: UInt8(ascii: "."))
            append(byte: UInt8(truncatingIfNeeded: fraction) &+ 48)
        }
    }

    /// Appends text of any length (for headers and small files).
    mutating func append(text: String) throws(GeneratorError) {
        try reserve(0)
        buffer.append(contentsOf: text.utf8)
        bytesWritten += text.utf8.count
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Writes out what is buffered and closes the file; returns the file's size in bytes.
    mutating func finish() throws(GeneratorError) -> Int {
        try flush()
        file?.close()
        file = nil
        return bytesWritten
    }

    private mutating func flush() throws(GeneratorError) {
        do {
            try file?.write(buffer)
        } catch {
            throw .cannotWrite(path: path, reason: error.description)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Creating the output directory, parents included, like `mkdir -p`.
enum GeneratorDirectory {
    /// Throws unless `path` is missing or a regular file (not a link, a folder or a device).
    static func checkTarget(_ path: String) throws(GeneratorError) {
        let kind: FileStatus.Kind
        do {
            kind = try Syscalls.status(path: path, followingLinks: false).kind
        } catch where error.isNotFound {
            return
        } catch {
            throw .cannotWrite(path: path, reason: error.description)
        }
        guard kind == .regular else {
            throw .cannotWrite(path: path, reason: kind == .symbolicLink ? "it is a symbolic link, which is never written through"
                : "it exists and is not a regular file")
        }
    }

    /// Creates `path` and any missing parents; an existing directory is fine.
    static func create(_ path: String) throws(GeneratorError) {
        guard !path.isEmpty else { throw .cannotWrite(path: path, reason: "empty directory path") }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            do {
                try Syscalls.makeDirectory(prefix)
            } catch where !error.isExisting {
                throw .cannotWrite(path: prefix, reason: error.description)
            } catch {}
            prefix += "/"
        }
        guard (try? Syscalls.status(path: path))?.kind == .directory else {
            throw .cannotWrite(path: path, reason: "exists and is not a directory")
        }
    }
}

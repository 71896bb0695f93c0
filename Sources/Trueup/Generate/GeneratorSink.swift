import TrueupSystem

/// One output file, written through a 1 MiB byte buffer the generator formats into directly.
///
/// The generator writes hundreds of megabytes; building a `String` per row, or
/// formatting numbers through Foundation, would dominate the run. Instead the
/// caller reserves room for a row once (`reserve(_:)`, which flushes a full
/// buffer with large `write(2)` calls) and then appends bytes and numbers with
/// the `unchecked` methods, which trust that reservation (an `UncheckedMutableColumn`
/// asserts each byte's position in debug builds); its system calls go through `SystemFile`.
struct GeneratorSink: ~Copyable {
    private static let flushSize = 1 << 20

    let path: String
    private var file: SystemFile?
    private let buffer: UncheckedMutableColumn<UInt8>
    private let capacity: Int
    private var count = 0
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
        capacity = Self.flushSize + max(longestRow, 64)
        buffer = .allocate(count: capacity)
    }

    deinit {
        buffer.deallocate()
        file?.close()
    }

    /// Makes room for `bytes` more bytes, writing the buffer out once it holds 1 MiB.
    mutating func reserve(_ bytes: Int) throws(GeneratorError) {
        if count >= Self.flushSize || count + bytes > capacity {
            try flush()
        }
        assert(count + bytes <= capacity, "a row longer than the sink was sized for")
    }

    /// Appends `length` bytes of `bytes` starting at `start` (within the reserved room).
    mutating func appendUnchecked(_ bytes: borrowing [UInt8], from start: Int, length: Int) {
        precondition(start >= 0 && length >= 0 && start + length <= bytes.count, "byte range out of bounds")
        bytes.withUncheckedColumn { all in buffer[count..<(count + length)].update(from: all[start..<(start + length)]) }
        count += length
        bytesWritten += length
    }

    /// Appends all of `bytes` (within the reserved room).
    mutating func appendUnchecked(_ bytes: borrowing [UInt8]) {
        appendUnchecked(bytes, from: 0, length: bytes.count)
    }

    /// Appends one byte (within the reserved room).
    mutating func appendUnchecked(byte: UInt8) {
        buffer[count] = byte
        count += 1
        bytesWritten += 1
    }

    /// Appends `value` in decimal, without separators (within the reserved room).
    mutating func appendUnchecked(decimal value: UInt64) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var position = count + digits - 1
        var remaining = value
        repeat {
            buffer[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ 48
            remaining /= 10
            position -= 1
        } while remaining > 0
        count += digits
        bytesWritten += digits
    }

    /// Appends `tenths / 10` with at most one decimal: `1234` is "123.4", `1230` is "123".
    mutating func appendUnchecked(tenths: UInt64) {
        appendUnchecked(decimal: tenths / 10)
        let fraction = tenths % 10
        if fraction != 0 {
            appendUnchecked(byte: UInt8(ascii: "."))
            appendUnchecked(byte: UInt8(truncatingIfNeeded: fraction) &+ 48)
        }
    }

    /// Appends text of any length, reserving room as it goes (for headers and small files).
    mutating func append(_ text: String) throws(GeneratorError) {
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let chunk = min(bytes.count - start, Self.flushSize)
            try reserve(chunk)
            appendUnchecked(bytes, from: start, length: chunk)
            start += chunk
        }
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
            try file?.write(buffer.prefix(count).readOnly)
        } catch {
            throw .cannotWrite(path: path, reason: error.description)
        }
        count = 0
    }
}

/// Creating the output directory, parents included, like `mkdir -p`.
enum GeneratorDirectory {
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

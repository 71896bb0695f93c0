#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one source exactly as they arrived, and their SHA-256 taken from the same read.
struct SourceBytes {
    var bytes: [UInt8]
    var sha256: String

    /// Reads the whole file, or standard input to its end.
    static func read(_ source: SideSource) throws(InputError) -> SourceBytes {
        let fd: Int32 = source.kind == .standardInput ? 0 : open(source.path, O_RDONLY)
        guard fd >= 0 else { throw .missingFile(path: source.path, reason: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        var bytes: [UInt8] = []
        let hasher = SHA256Hasher()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: source.displayName, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return SourceBytes(bytes: bytes, sha256: hasher.finalizeHex())
    }
}

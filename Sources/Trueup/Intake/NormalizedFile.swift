#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Intake's normalized text in a file of its own, for the block reader; removed when read.
struct NormalizedFile {
    let path: String

    init(_ bytes: [UInt8]) throws(InputError) {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/trueup-intake-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw .unreadable(path: "the normalized input", reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { all in
                write(fd, UnsafeRawBufferPointer(rebasing: all[written...]).baseAddress, all.count - written)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                unlink(path)
                throw .unreadable(path: "the normalized input", reason: String(cString: strerror(errno)))
            }
            written += n
        }
    }

    func remove() { unlink(path) }
}

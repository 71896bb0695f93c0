import Crypto
import Dispatch
import TrueupCSV
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What trueup learned about one input file while reading it.
public struct InputFile: Sendable {
    public var path: String
    public var bytes: Int
    /// SHA-256 of the file's bytes, lower-case hex.
    public var sha256: String
    public var delimiter: String
    public var hadByteOrderMark: Bool
    public var columns: ColumnMapping
    /// Data rows read: the header and blank lines are not rows.
    public var rowsRead: Int
    public var rowsRejected: Int
}

/// SHA-256 of a file, computed on a thread of its own that yields to the report's work.
///
/// Hashing is about a tenth of the work of a run, and every core is busy while
/// the files are read. The hashing thread runs at the lowest priority (nice 19),
/// so it takes the time the reading, joining and writing threads leave idle
/// instead of slowing them down; the digest is only needed at the end of the
/// run, for run.json and the history, and is waited for there.
final class FileDigest: @unchecked Sendable {
    // Written once by the hashing thread before `done` is signalled, read only after waiting on it.
    private var digest = ""
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        let work = { [self] in
            #if os(Linux)
            // On Linux the call sets the priority of the calling thread only.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            #endif
            digest = Self.hash(path) ?? ""
            done.signal()
        }
        if !Self.startThread(work) {
            DispatchQueue.global(qos: .utility).async { [self] in
                digest = Self.hash(path) ?? ""
                done.signal()
            }
        }
    }

    /// Runs `work` on a new detached thread (not a shared worker, whose priority would outlive the work).
    private static func startThread(_ work: @escaping () -> Void) -> Bool {
        final class Box { let work: () -> Void; init(_ work: @escaping () -> Void) { self.work = work } }
        let box = Unmanaged.passRetained(Box(work)).toOpaque()
        #if os(Linux)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let started = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Box>.fromOpaque(argument).takeRetainedValue().work()
            return nil
        }, box)
        guard started == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return false
        }
        #if os(Linux)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
        return true
    }

    /// The digest as lower-case hex; waits for the hashing to finish. Empty if the file could not be read.
    func hex() -> String {
        done.wait()
        done.signal()
        return digest
    }

    private static func hash(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        // Hashing straight from the page cache through a mapping saves copying the file once more.
        // The mapping moves along the file in windows, so the pages it holds stay a few MB, not the file.
        var status = stat()
        if fstat(fd, &status) == 0, status.st_size > 0 {
            let size = Int(status.st_size), window = 32 << 20
            var offset = 0
            while offset < size {
                let length = min(window, size - offset)
                guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, off_t(offset)), mapped != MAP_FAILED else { break }
                _ = madvise(mapped, length, MADV_SEQUENTIAL)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(start: mapped, count: length))
                munmap(mapped, length)
                offset += length
            }
            if offset == size { return hex(hasher.finalize()) }
            hasher = SHA256()
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let got = read(fd, buffer.baseAddress, buffer.count)
            if got < 0 { if errno == EINTR { continue }; return nil }
            if got == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
        }
        return hex(hasher.finalize())
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = ""
        for byte in digest {
            text.unicodeScalars.append(digits[Int(byte >> 4)])
            text.unicodeScalars.append(digits[Int(byte & 15)])
        }
        return text
    }
}

import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 of a file, computed on a thread of its own that yields to the report's work.
///
/// Hashing is about a tenth of the work of a run, and every core is busy while
/// the files are read. The hashing thread runs at the lowest priority (nice 19),
/// so it takes the time the reading, joining and writing leave idle instead of
/// slowing them down. The digest is needed only at the end of the run (run.json
/// and the history): whatever is left then is hashed by the thread that asks,
/// at its own priority, so a machine busy with other work can't starve it.
final class FileDigest: @unchecked Sendable {
    private let path: String
    /// Held by whichever thread is hashing; everything below is touched only under `lock`
    /// or by the thread that holds the hashing.
    private let lock = DispatchSemaphore(value: 1)
    /// Signalled once, when the background thread stops: finished, failed or handing over.
    private let stopped = DispatchSemaphore(value: 0)
    private var wanted = false
    private var result: String?
    private var state: State?
    /// Whether the caller of `hex` finished the hashing (for tests).
    private(set) var finishedByCaller = false

    /// The hash so far and where it has got to.
    private struct State {
        var hasher = SHA256Hasher()
        var offset = 0
        let size: Int
        let fd: Int32
    }

    /// The file is hashed in steps of this many bytes; between two, the caller may take over.
    private static let step = 4 << 20

    init(path: String) {
        self.path = path
        let fd = open(path, O_RDONLY)
        var status = stat()
        guard fd >= 0, fstat(fd, &status) == 0 else {
            if fd >= 0 { close(fd) }
            result = ""
            stopped.signal()
            return
        }
        state = State(size: Int(status.st_size), fd: fd)
        let background: @Sendable () -> Void = { [self] in
            #if os(Linux)
            // On Linux this sets the priority of the calling thread only.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            #endif
            hashInBackground()
        }
        if !Self.startThread(background) { DispatchQueue.global(qos: .utility).async(execute: background) }
    }

    /// The digest as lower-case hex, hashing what is left on the calling thread. Empty if the file could not be read.
    func hex() -> String {
        lock.wait()
        wanted = true
        lock.signal()
        stopped.wait()
        stopped.signal()
        lock.wait()
        defer { lock.signal() }
        if let result { return result }
        // The background thread handed over: finish here.
        guard var state else { return "" }
        finishedByCaller = true
        while state.offset < state.size {
            guard Self.hashStep(&state) else {
                close(state.fd)
                result = ""
                return ""
            }
        }
        close(state.fd)
        self.state = nil
        let digest = state.hasher.finalizeHex()
        result = digest
        return digest
    }

    private func hashInBackground() {
        lock.wait()
        guard var state = self.state else {
            lock.signal()
            stopped.signal()
            return
        }
        self.state = nil
        lock.signal()
        var failed = false
        while state.offset < state.size {
            lock.wait()
            let handOver = wanted
            lock.signal()
            if handOver { break }
            if !Self.hashStep(&state) {
                failed = true
                break
            }
        }
        lock.wait()
        if failed {
            close(state.fd)
            result = ""
        } else if state.offset >= state.size {
            close(state.fd)
            result = state.hasher.finalizeHex()
        } else {
            self.state = state
        }
        lock.signal()
        stopped.signal()
    }

    /// Hashes the next step of the file straight from the page cache, through a mapping (no copy);
    /// false when the file can't be read.
    private static func hashStep(_ state: inout State) -> Bool {
        let length = min(step, state.size - state.offset)
        if let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, state.fd, off_t(state.offset)), mapped != MAP_FAILED {
            _ = madvise(mapped, length, MADV_SEQUENTIAL)
            state.hasher.update(UnsafeRawBufferPointer(start: mapped, count: length))
            munmap(mapped, length)
            state.offset += length
            return true
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        while filled < length {
            let got = pread(state.fd, buffer.baseAddress! + filled, length - filled, off_t(state.offset + filled))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return false }
            filled += got
        }
        state.hasher.update(UnsafeRawBufferPointer(buffer))
        state.offset += length
        return true
    }

    /// Runs `work` on a new detached thread (not a shared worker, whose priority would outlive the work).
    private static func startThread(_ work: @escaping () -> Void) -> Bool {
        final class Box {
            let work: () -> Void
            init(_ work: @escaping () -> Void) { self.work = work }
        }
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
}

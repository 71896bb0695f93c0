import Dispatch
import Synchronization
import TrueupSystem

/// SHA-256 of a file, computed on a thread of its own that yields to the report's work.
///
/// Hashing is about a tenth of the work of a run, and every core is busy while
/// the files are read. The hashing thread runs at the lowest priority (nice 19),
/// so it takes the time the reading, joining and writing leave idle instead of
/// slowing them down. The digest is needed only at the end of the run (run.json
/// and the history): whatever is left then is hashed by the thread that asks,
/// at its own priority, so a machine busy with other work can't starve it.
///
/// The file is read into a buffer (never mapped: a mapped file truncated under the
/// reader raises SIGBUS), and its status at the end is compared with the status when
/// it was opened and with the status the reading of its rows saw: a file changed in
/// between gives no digest but `InputError.changedWhileRead`.
final class FileDigest: Sendable {
    private let path: String
    /// Everything the two threads share. A step of hashing is taken with the lock held, so the
    /// caller of `hex` waits at most one step for the background thread to stop.
    private let shared: Mutex<Shared>
    /// Signalled once, when the background thread stops: finished, failed or handing over.
    private let stopped = DispatchSemaphore(value: 0)
    /// The file's status when it was opened; nil if it could not be.
    let opened: FileStatus?

    private struct Shared {
        var wanted = false
        var result: String?
        /// Why there is no digest: the file could not be read or changed while it was.
        var failure: InputError?
        var state: State?
        /// Whether the caller of `hex` finished the hashing (for tests).
        var finishedByCaller = false
    }

    /// The hash so far and where it has got to.
    private struct State {
        var hasher = SHA256Hasher()
        /// One step's bytes, read into the same storage each time.
        var buffer: [UInt8] = []
        var offset = 0
        let size: Int
        let file: SystemFile
        let opened: FileStatus
    }

    /// The file is hashed in steps of this many bytes; between two, the caller may take over.
    private static let step = 4 << 20

    /// Whether the caller of `hex` finished the hashing (for tests).
    var finishedByCaller: Bool { shared.withLock { $0.finishedByCaller } }

    /// Hashes the file at `path`, opened here and closed when hashed.
    convenience init(path: String) {
        guard let (file, status) = try? SystemFile.openRegular(path) else {
            self.init(path: path, unreadable: ())
            return
        }
        self.init(path: path, file: file, status: status)
    }

    /// Hashes `source`'s file, open already, through a descriptor of its own: the file opened, not
    /// the path opened again, and one the hashing may still read after a failed run closed the source's.
    convenience init(_ source: InputSource) {
        guard let file = try? source.file.duplicate() else {
            self.init(path: source.path, unreadable: ())
            return
        }
        self.init(path: source.path, file: file, status: source.start)
    }

    private init(path: String, unreadable: ()) {
        self.path = path
        opened = nil
        shared = Mutex(Shared(failure: .unreadable(path: path, reason: "can't be opened to compute its SHA-256")))
        stopped.signal()
    }

    private init(path: String, file: SystemFile, status: FileStatus) {
        self.path = path
        opened = status
        shared = Mutex(Shared(state: State(size: status.size, file: file, opened: status)))
        let background: @Sendable () -> Void = { [self] in
            Syscalls.lowerThreadPriority()
            hashInBackground()
        }
        if !Syscalls.startDetachedThread(background) { DispatchQueue.global(qos: .utility).async(execute: background) }
    }

    /// The digest as lower-case hex, hashing what is left on the calling thread.
    ///
    /// Throws `changedWhileRead` when the file at the end of hashing is not the one opened, or
    /// not the one `read` (the status the reading of the rows saw) describes.
    func hex(matching read: FileStatus? = nil) throws(InputError) -> String {
        shared.withLock { $0.wanted = true }
        stopped.wait()
        stopped.signal()
        let path = path, opened = opened
        return try shared.withLock { (shared) throws(InputError) -> String in
            if shared.result == nil, shared.failure == nil, var state = shared.state.take() {
                // The background thread handed over: finish here.
                shared.finishedByCaller = true
                Self.finish(&state, into: &shared, path: path)
            }
            if let failure = shared.failure { throw failure }
            if let read, let opened, read.changed(since: opened) { throw .changedWhileRead(path: path) }
            return shared.result ?? ""
        }
    }

    /// Hashes the rest of the file and sets the result or the failure.
    private static func finish(_ state: inout State, into shared: inout Shared, path: String) {
        while state.offset < state.size {
            guard hashStep(&state) else {
                close(state, failed: true, into: &shared, path: path)
                return
            }
        }
        close(state, failed: false, into: &shared, path: path)
    }

    /// Closes the file and sets the outcome: a digest only if the file is as it was when opened.
    private static func close(_ state: State, failed: Bool, into shared: inout Shared, path: String) {
        let now = try? state.file.status()
        state.file.close()
        if let now, now.changed(since: state.opened) {
            shared.failure = .changedWhileRead(path: path)
        } else if failed {
            shared.failure = .unreadable(path: path, reason: "it could not be read to compute its SHA-256")
        } else {
            shared.result = state.hasher.finalizeHex()
        }
    }

    /// Hashes step by step until done, failed, or the caller wants the digest (then it hands over).
    private func hashInBackground() {
        let path = path
        var going = true
        while going {
            going = shared.withLock { shared in
                guard !shared.wanted, var state = shared.state.take() else { return false }
                guard state.offset < state.size else {
                    Self.close(state, failed: false, into: &shared, path: path)
                    return false
                }
                guard Self.hashStep(&state) else {
                    Self.close(state, failed: true, into: &shared, path: path)
                    return false
                }
                shared.state = state
                return true
            }
        }
        stopped.signal()
    }

    /// Hashes the next step of the file, read into a buffer; false when it can't be read or ends
    /// early (a truncated file).
    private static func hashStep(_ state: inout State) -> Bool {
        let length = min(step, state.size - state.offset)
        if state.buffer.count < length { state.buffer = [UInt8](repeating: 0, count: length) }
        let file = state.file, offset = state.offset, hasher = state.hasher
        if state.buffer.count > length { state.buffer.removeLast(state.buffer.count - length) }
        guard let filled = try? file.readFully(into: &state.buffer, at: offset), filled == length else { return false }
        hasher.update(state.buffer)
        state.offset += length
        return true
    }
}

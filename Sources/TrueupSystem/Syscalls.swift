import CMemoryFile
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The package's one door to the C library: every system call trueup makes passes through here.
///
/// Each function is a thin wrapper that retries after EINTR and turns a failure into a
/// `SystemError` carrying errno; the rest of the package sees Swift types only.
package enum Syscalls {
    // MARK: - Opening and closing

    /// Opens an existing file to read, without following a FIFO's wait for a writer or a terminal's control.
    ///
    /// O_NONBLOCK makes opening a FIFO with no writer return at once; it changes nothing for a
    /// regular file, and the caller refuses anything else after `status`.
    package static func openForReading(_ path: String) throws(SystemError) -> Int32 {
        readOpens.withLock { $0[path, default: 0] += 1 }
        return try retrying { open(systemPath(path), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
    }

    /// How many times each path was opened for reading: a few entries a run, kept so that tests can
    /// hold each input file to one open.
    package static let readOpens = Mutex<[String: Int]>([:])

    /// Creates a new file that must not exist yet and is not a symbolic link (O_EXCL and O_NOFOLLOW).
    ///
    /// Every such file is a temporary until it is renamed or unlinked: it is kept in
    /// `temporaries`, which a SIGINT or SIGTERM removes (`removeTemporariesOnSignal`).
    package static func createExclusive(_ path: String, permissions: UInt16) throws(SystemError) -> Int32 {
        let fd = try retrying { open(systemPath(path), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(permissions)) }
        temporaries.withLock { _ = $0.insert(path) }
        return fd
    }

    /// A file in memory only, open to read and write (`memfd_create`): it has no name in any folder,
    /// so nothing is left behind, whatever ends the process. Nil where the system has none.
    package static func createInMemory(_ name: String) -> Int32? {
        let fd = trueup_memory_file(name)
        return fd >= 0 ? fd : nil
    }

    /// Files created by `createExclusive` and not yet renamed or unlinked.
    package static let temporaries = Mutex<Set<String>>([])

    /// On SIGINT, SIGTERM and SIGHUP, removes the temporaries still there and ends the process
    /// as the signal would (status 128 + its number). The handler only writes the signal's
    /// number to a pipe (all a handler may safely do); a thread of its own reads it and does the
    /// rest. A signal the process was started ignoring (SIGINT of a background job) stays ignored.
    package static func removeTemporariesOnSignal() {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        signalPipe.store(ends[1], ordering: .sequentiallyConsistent)
        let reading = ends[0]
        _ = startDetachedThread {
            var number: UInt8 = 0
            #if canImport(Glibc)
            while Glibc.read(reading, &number, 1) != 1 {}
            #else
            while Darwin.read(reading, &number, 1) != 1 {}
            #endif
            let left = Syscalls.temporaries.withLock { $0 }
            #if canImport(Glibc)
            for path in left { _ = Glibc.unlink(Syscalls.systemPath(path)) }
            #else
            for path in left { _ = Darwin.unlink(Syscalls.systemPath(path)) }
            #endif
            _exit(128 + Int32(number))
        }
        for number in [SIGINT, SIGTERM, SIGHUP] {
            var old = sigaction()
            guard sigaction(number, nil, &old) == 0 else { continue }
            #if canImport(Glibc)
            let ignored = unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == 1  // SIG_IGN
            #else
            let ignored = unsafeBitCast(old.__sigaction_u.__sa_handler, to: Int.self) == 1  // SIG_IGN
            #endif
            if ignored { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(Syscalls.signalPipe.load(ordering: .relaxed), &byte, 1)
            }
            #else
            action.__sigaction_u.__sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(Syscalls.signalPipe.load(ordering: .relaxed), &byte, 1)
            }
            #endif
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            _ = sigaction(number, &action, nil)
            // A mask inherited blocked (some launchers block them) would keep the handler from running.
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, number)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        }
    }

    /// The write end of the pipe the signal handler writes to: set once, before any handler is installed.
    /// An atomic, lock-free load: safe in a signal handler.
    static let signalPipe = Atomic<Int32>(-1)

    /// Opens or creates a file to write from its start, as a shell's `>` does, but never through a
    /// symbolic link (a link planted at the path fails with ELOOP instead of redirecting the write).
    package static func openForWriting(_ path: String, permissions: UInt16) throws(SystemError) -> Int32 {
        try retrying { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW, mode_t(permissions)) }
    }

    /// Opens a directory, for `fsync` after renames into it.
    package static func openDirectory(_ path: String) throws(SystemError) -> Int32 {
        try retrying { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
    }

    /// A second descriptor of the same open file (its own to close), as `dup` makes it, close-on-exec.
    package static func duplicate(_ fd: Int32) throws(SystemError) -> Int32 {
        try retrying { fcntl(fd, F_DUPFD_CLOEXEC, 0) }
    }

    package static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    // MARK: - Reading and writing

    /// Reads up to `buffer.count` bytes at `offset`; 0 at the end of the file.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        return try retrying { pread(fd, base, buffer.count, off_t(offset)) }
    }

    /// Reads up to `buffer.count` bytes at the descriptor's position; 0 at the end.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        #if canImport(Glibc)
        return try retrying { Glibc.read(fd, base, buffer.count) }
        #else
        return try retrying { Darwin.read(fd, base, buffer.count) }
        #endif
    }

    /// Writes every byte, however many calls it takes.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let written = try retrying { Glibc.write(fd, base + offset, bytes.count - offset) }
            #else
            let written = try retrying { Darwin.write(fd, base + offset, bytes.count - offset) }
            #endif
            offset += written
        }
    }

    /// Writes every byte of `bytes` (see `writeAll(_:_:)`).
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(SystemError) {
        let written = bytes.withUnsafeBytes { bytes in Result { () throws(SystemError) in try writeAll(fd, bytes) } }
        try written.get()
    }

    /// Reads up to `bytes.count` bytes into `bytes` at the descriptor's position; 0 at the end.
    package static func read(_ fd: Int32, into bytes: inout [UInt8]) throws(SystemError) -> Int {
        let got = bytes.withUnsafeMutableBytes { bytes in Result { () throws(SystemError) in try read(fd, into: bytes) } }
        return try got.get()
    }

    /// Fills `bytes[start...]` from `offset` as far as the file goes; returns how many bytes it read.
    package static func readFully(_ fd: Int32, into bytes: inout [UInt8], from start: Int = 0, at offset: Int) throws(SystemError) -> Int {
        precondition(start >= 0 && start <= bytes.count, "a read into byte \(start) of \(bytes.count)")
        let got = bytes.withUnsafeMutableBytes { all in
            Result { () throws(SystemError) -> Int in
                var filled = start
                while filled < all.count {
                    let got = try read(fd, into: UnsafeMutableRawBufferPointer(rebasing: all[filled...]), at: offset + filled - start)
                    if got == 0 { break }
                    filled += got
                }
                return filled - start
            }
        }
        return try got.get()
    }

    package static func sync(_ fd: Int32) throws(SystemError) {
        _ = try retrying { fsync(fd) }
    }

    // MARK: - Files and folders

    /// What `fstat` says of an open file.
    package static func status(_ fd: Int32) throws(SystemError) -> FileStatus {
        var raw = stat()
        _ = try retrying { fstat(fd, &raw) }
        return FileStatus(raw)
    }

    /// What `stat` (or, with `followingLinks: false`, `lstat`) says of a path.
    package static func status(path: String, followingLinks: Bool = true) throws(SystemError) -> FileStatus {
        var raw = stat()
        let bytes = systemPath(path)
        _ = try retrying { followingLinks ? stat(bytes, &raw) : lstat(bytes, &raw) }
        return FileStatus(raw)
    }

    package static func rename(_ from: String, to: String) throws(SystemError) {
        defer { temporaries.withLock { _ = $0.remove(from) } }
        #if canImport(Glibc)
        _ = try retrying { Glibc.rename(from, to) }
        #else
        _ = try retrying { Darwin.rename(from, to) }
        #endif
    }

    package static func unlink(_ path: String) {
        temporaries.withLock { _ = $0.remove(path) }
        #if canImport(Glibc)
        _ = Glibc.unlink(systemPath(path))
        #else
        _ = Darwin.unlink(systemPath(path))
        #endif
    }

    /// Makes one directory; an existing one is an error (EEXIST) the caller may accept.
    package static func makeDirectory(_ path: String) throws(SystemError) {
        _ = try retrying { mkdir(path, 0o755) }
    }

    /// Whether the calling process may write to `path` (access(2) with W_OK).
    package static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

    /// The names in a directory, "." and ".." left out. A name that is not UTF-8 has each byte from
    /// 0x80 up as the private-use character U+F700 + byte (`nameBytesBase`), which `systemPath`
    /// turns back into the byte: the file is opened by its own name, and shown escaped.
    package static func names(in directory: String) -> [String] {
        guard let folder = opendir(systemPath(directory)) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            let name: String
            if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: isNameByte) {
                name = text
            } else {
                var scalars = String.UnicodeScalarView()
                for byte in bytes {
                    scalars.append(byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(nameBytesBase + UInt32(byte)) ?? "?")
                }
                name = String(scalars)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// A byte of a name that is not UTF-8 is U+F700 + the byte: U+F780 to U+F7FF, private use.
    package static let nameBytesBase: UInt32 = 0xF700

    package static func isNameByte(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0xF780 && scalar.value <= 0xF7FF }

    /// The bytes of `path` for the system, NUL-terminated: UTF-8, with each U+F780...U+F7FF the
    /// byte of a name that is not UTF-8 (`names(in:)`).
    package static func systemPath(_ path: String) -> [CChar] {
        var out: [CChar] = []
        out.reserveCapacity(path.utf8.count + 1)
        if !path.unicodeScalars.contains(where: isNameByte) {
            for byte in path.utf8 { out.append(CChar(bitPattern: byte)) }
        } else {
            for scalar in path.unicodeScalars {
                if isNameByte(scalar) {
                    out.append(CChar(bitPattern: UInt8(scalar.value - nameBytesBase)))
                } else {
                    for byte in String(scalar).utf8 { out.append(CChar(bitPattern: byte)) }
                }
            }
        }
        out.append(0)
        return out
    }

    /// The path with every link and `..` resolved (realpath), or nil when it can't be resolved.
    package static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(systemPath(path), nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A path that opens the very file `fd` is open on, whatever is at its name now, or nil: on
    /// Linux /proc/self/fd/N, elsewhere /dev/fd/N. For a library that writes only to a file name.
    package static func pathOfOpenFile(_ fd: Int32) -> String? {
        #if os(Linux)
        let path = "/proc/self/fd/\(fd)"
        #else
        let path = "/dev/fd/\(fd)"
        #endif
        return access(path, F_OK) == 0 ? path : nil
    }

    // MARK: - Processes, terminals, threads

    package static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    package static var processID: Int32 { getpid() }

    /// The value of an environment variable, or nil.
    package static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    /// Makes a write to a closed pipe fail with EPIPE instead of killing the process with SIGPIPE.
    package static func ignoreBrokenPipeSignal() { _ = signal(SIGPIPE, SIG_IGN) }

    /// Whether a process with this id exists (kill(pid, 0) says ESRCH when none does).
    package static func processExists(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno != ESRCH }

    package static var onlineProcessors: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// The most memory the process has held in RAM so far (its peak resident set), in bytes; 0 when unknown.
    package static var peakResidentBytes: Int {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)  // bytes on macOS
        #endif
    }

    /// Sets the calling thread's nice value to the lowest priority (Linux only; elsewhere nothing).
    package static func lowerThreadPriority() {
        #if os(Linux)
        // On Linux this sets the priority of the calling thread only.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }

    /// Faults in the pages of `addresses` (whole pages of the process's own memory) for writing,
    /// as the first write to each would, without changing a byte: on Linux 5.14 and later
    /// (MADV_POPULATE_WRITE); false where it can't, and then the first writes fault them in.
    ///
    /// Memory that was freed meanwhile is harmless here: an unmapped range fails, and a range
    /// mapped again keeps its contents.
    package static func populateForWriting(_ addresses: Range<UInt>) -> Bool {
        #if os(Linux)
        guard !addresses.isEmpty, let start = UnsafeMutableRawPointer(bitPattern: addresses.lowerBound) else { return false }
        return madvise(start, Int(addresses.upperBound - addresses.lowerBound), MADV_POPULATE_WRITE) == 0
        #else
        return false
        #endif
    }

    /// The size of a page of memory.
    package static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

    /// Runs `work` on a new detached thread; false when no thread could be started.
    package static func startDetachedThread(_ work: @escaping () -> Void) -> Bool {
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
            // The argument is optional on Linux and not on Darwin: made optional here for both.
            let pointer: UnsafeMutableRawPointer? = argument
            guard let pointer else { return nil }
            Unmanaged<Box>.fromOpaque(pointer).takeRetainedValue().work()
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

    /// The current time in UTC, broken down: year, month (1-12), day, hour, minute, second.
    package static func utcNow() -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// The C library's correctly rounded decimal-to-binary conversion of a NUL-terminated text.
    package static func parseDouble(_ text: UnsafePointer<CChar>) -> Double { strtod(text, nil) }

    /// The message the C library has for an errno value.
    package static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    // MARK: - errno values the package tells apart

    package static let brokenPipe = EPIPE
    package static let exists = EEXIST
    package static let noSpace = ENOSPC
    package static let notFound = ENOENT

    /// Calls `call` until it does not fail with EINTR; a negative result is the errno it set.
    private static func retrying<T: BinaryInteger>(_ call: () -> T) throws(SystemError) -> T {
        while true {
            let result = call()
            if result >= 0 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemError(code: code)
        }
    }
}

extension FileStatus {
    fileprivate init(_ raw: stat) {
        let kind: Kind
        switch raw.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFIFO: kind = .pipe
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        case S_IFSOCK: kind = .socket
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        #if canImport(Darwin)
        let modified = Int64(raw.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(raw.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(raw.st_mtim.tv_sec) * 1_000_000_000 + Int64(raw.st_mtim.tv_nsec)
        #endif
        self.init(kind: kind, size: Int(raw.st_size), modifiedNanoseconds: modified,
                  device: UInt64(raw.st_dev), inode: UInt64(raw.st_ino))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that a reader never sees half of one.
///
/// Each file is written to a temporary name in the same directory, flushed,
/// and renamed over the target: an interrupted run leaves the old file or the
/// new one, never a truncated mix.
enum FileOutput {
    /// Makes `directory` (and its parents) if needed and checks it can be written, before any work is done.
    static func prepareDirectory(_ directory: String) throws(Failure) {
        var path = directory.hasPrefix("/") ? "/" : ""
        for part in directory.split(separator: "/") {
            path += (path.isEmpty || path.hasSuffix("/") ? "" : "/") + part
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw Failure("\(directory): can't create the output directory (\(String(cString: strerror(errno)))).", code: Failure.cantCreate)
            }
        }
        var status = stat()
        guard stat(directory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure("\(directory): is not a directory.", code: Failure.cantCreate)
        }
        guard access(directory, W_OK) == 0 else {
            throw Failure("\(directory): the output directory can't be written (\(String(cString: strerror(errno)))).", code: Failure.cantCreate)
        }
    }

    /// Writes `text` to `directory/name` atomically.
    static func write(_ text: String, to name: String, in directory: String) throws(Failure) {
        let target = directory + "/" + name
        removeAbandonedTemporaries(of: name, in: directory)
        let temporary = directory + "/." + name + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw Failure("\(target): can't be created (\(String(cString: strerror(errno)))).", code: Failure.cantCreate)
        }
        let ok = writeAll(text, to: fd) && fsync(fd) == 0
        let error = errno
        close(fd)
        guard ok, rename(temporary, target) == 0 else {
            unlink(temporary)
            throw Failure("\(target): writing failed (\(String(cString: strerror(ok ? errno : error)))).", code: Failure.ioError)
        }
    }

    /// Removes `.NAME.tmp-PID` files left by runs that were killed before they could rename them:
    /// those whose process no longer exists. A run still writing keeps its file.
    static func removeAbandonedTemporaries(of name: String, in directory: String) {
        guard let folder = opendir(directory) else { return }
        defer { closedir(folder) }
        let prefix = "." + name + ".tmp-"
        while let entry = readdir(folder) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard file.hasPrefix(prefix), let pid = Int32(file.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + file) }
        }
    }

    /// The directory and file name of a path ("." when it has no directory).
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    static func writeStandardOutput(_ text: String) { writeAll(text, to: 1) }
    static func writeStandardError(_ text: String) { writeAll(text, to: 2) }

    /// Writes every byte of `text`, retrying after interruptions; false on an error.
    @discardableResult
    private static func writeAll(_ text: String, to fd: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}

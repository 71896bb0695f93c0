import Dispatch
import Synchronization
import TrueupReports
import TrueupSystem

/// What one file of a run holds: text, or a workbook that libxlsxwriter writes to a file name, or
/// a temporary already written (`FileOutput.TemporaryInProgress`), only to be renamed.
enum FileContent: Sendable {
    case text(String)
    /// A partial (`report --partition`).
    case bytes([UInt8])
    case workbook(ReportWorkbook)
    /// Text written to the file piece by piece as it is rendered (`ReportOutput.files`).
    case rendered(@Sendable (TextStream) -> Void)
    case temporary(String)
}

/// Writes a run's files so that a reader never sees half of one, nor a mix of two runs where it can be helped,
/// and so that nobody who can write to the output folder can redirect them.
///
/// Every file is first written in full to a new temporary in the same folder, created with
/// O_CREAT|O_EXCL|O_NOFOLLOW under an unpredictable name (a link planted there makes the
/// creation fail instead of writing through it), and flushed to disk. Only when all are
/// written are they renamed over their targets, one by one, and the folder flushed, so
/// an interrupted run leaves the old files or the new ones; a failure during the renames
/// says which files were already replaced.
enum FileOutput {
    /// Makes `directory` (and its parents) if needed and checks it can be written, before any work is done.
    static func prepareDirectory(_ directory: String) throws(Failure) {
        try refuseLink(directory, what: "the output directory")
        var path = directory.hasPrefix("/") ? "/" : ""
        for part in directory.split(separator: "/") {
            path += (path.isEmpty || path.hasSuffix("/") ? "" : "/") + part
            do {
                try Syscalls.makeDirectory(path)
            } catch where !error.isExisting {
                throw Failure("\(directory): can't create the output directory (\(error)).", code: Failure.cantCreate)
            } catch {}
        }
        try checkDirectory(directory)
    }

    /// Checks that `directory` exists, is a directory and can be written; creates nothing.
    static func checkDirectory(_ directory: String) throws(Failure) {
        try refuseLink(directory, what: "the output directory")
        guard let status = try? Syscalls.status(path: directory) else {
            throw Failure("\(directory): the folder does not exist; create it first.", code: Failure.cantCreate)
        }
        guard status.kind == .directory else {
            throw Failure("\(directory): is not a directory.", code: Failure.cantCreate)
        }
        guard Syscalls.isWritable(directory) else {
            throw Failure("\(directory): the output directory can't be written.", code: Failure.cantCreate)
        }
    }

    /// Refuses a path that is a symbolic link (a dangling one too): trueup never writes through a
    /// link it was not told to, so nobody who can plant one redirects a run's files or history.
    static func refuseLink(_ path: String, what: String) throws(Failure) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard (try? Syscalls.status(path: trimmed, followingLinks: false))?.kind == .symbolicLink else { return }
        let target = Syscalls.resolvedPath(trimmed).map { " to \($0)" } ?? " that points nowhere"
        throw Failure("\(path): \(what) is a symbolic link\(target); trueup doesn't follow it. Name the real path instead.",
                      code: Failure.cantCreate)
    }

    /// Refuses a target that exists and is not a regular file (a device, a FIFO, a folder, a link to one).
    /// A link to a regular file is fine: the rename replaces the link itself, never what it points to.
    static func checkTarget(_ path: String) throws(Failure) {
        guard let status = try? Syscalls.status(path: path) else { return }
        guard status.kind == .regular else {
            throw Failure("\(path): is \(status.kind.described), not a regular file; trueup replaces only regular files.", code: Failure.cantCreate)
        }
    }

    /// Writes every file to `directory` (see the type's comment): temporaries first, then the renames.
    ///
    /// `replacing` names every file this kind of run writes: those of them this run doesn't write
    /// are removed after the renames, so the folder holds this run's set and no earlier one's.
    static func write(_ files: [(name: String, text: String)], in directory: String, replacing: [String] = []) throws(Failure) {
        try write(files.map { ($0.name, FileContent.text($0.text)) }, in: directory, replacing: replacing)
    }

    /// Writes every file to `directory`, as `write` does, a workbook among them; returns the time
    /// spent writing workbooks (for `--timings`).
    @discardableResult
    static func write(_ files: [(name: String, content: FileContent)], in directory: String, replacing: [String] = []) throws(Failure) -> Duration {
        let clock = ContinuousClock()
        var workbookTime = Duration.zero
        do {
            for file in files { try checkTarget(directory + "/" + file.name) }
        } catch {
            for case .temporary(let path) in files.map(\.content) { Syscalls.unlink(path) }
            throw error
        }
        removeAbandonedTemporaries(of: files.map(\.name), in: directory)
        var temporaries: [String] = []
        for file in files {
            do {
                let start = clock.now
                temporaries.append(try writeTemporary(file.content, for: file.name, in: directory))
                if case .workbook = file.content { workbookTime += clock.now - start }
            } catch {
                for temporary in temporaries { Syscalls.unlink(temporary) }
                for case .temporary(let path) in files.map(\.content) { Syscalls.unlink(path) }
                throw Failure("\(directory)/\(file.name): writing failed (\(error)); no file of this run was replaced.", code: Failure.ioError)
            }
        }
        var replaced: [String] = []
        for (file, temporary) in zip(files, temporaries) {
            do {
                try Syscalls.rename(temporary, to: directory + "/" + file.name)
                replaced.append(file.name)
            } catch {
                for rest in temporaries.dropFirst(replaced.count) { Syscalls.unlink(rest) }
                let done = replaced.isEmpty ? "no file was replaced" : "already replaced: " + replaced.joined(separator: ", ")
                throw Failure("\(directory)/\(file.name): renaming into place failed (\(error)); \(done); the others are as before.", code: Failure.ioError)
            }
        }
        let written = Set(files.map(\.name))
        for stale in replacing where !written.contains(stale) {
            let path = directory + "/" + stale
            // Only a regular file or a link is removed (unlink never follows a link); anything else is not ours.
            guard let kind = (try? Syscalls.status(path: path, followingLinks: false))?.kind,
                  kind == .regular || kind == .symbolicLink else { continue }
            Syscalls.unlink(path)
        }
        // The renames and removals are in the folder's entries: flushed, they survive a power cut.
        if let folder = try? SystemFile.openDirectory(directory) {
            _ = try? folder.sync()
            folder.close()
        }
        return workbookTime
    }

    /// The prefix of `name`'s temporaries: `.NAME.tmp-`, then the process id and 16 random hex digits.
    private static func temporaryPrefix(_ name: String) -> String { "." + name + ".tmp-" }

    /// Writes one file of bytes (a partial) the same way: a temporary beside it, flushed, then renamed over it.
    static func write(bytes: [UInt8], to path: String) throws(Failure) {
        try checkTarget(path)
        let (directory, name) = split(path)
        removeAbandonedTemporaries(of: [name], in: directory)
        let temporary: String
        do {
            temporary = try writeTemporary(.bytes(bytes), for: name, in: directory)
        } catch {
            throw Failure("\(path): writing failed (\(error)).", code: Failure.ioError)
        }
        do {
            try Syscalls.rename(temporary, to: path)
        } catch {
            Syscalls.unlink(temporary)
            throw Failure("\(path): renaming into place failed (\(error)).", code: Failure.ioError)
        }
    }

    /// Writes `content` to a new temporary for `name` and flushes it; returns its path.
    ///
    /// A workbook is written by libxlsxwriter, which opens a file by name: it is given the path of
    /// the temporary already created here (/proc/self/fd/N), so it writes into that file even if
    /// someone replaced its name meanwhile, and its scratch files go into the output folder.
    static func writeTemporary(_ content: FileContent, for name: String, in directory: String) throws(FileOutputError) -> String {
        if case .temporary(let path) = content { return path }
        var random = SystemRandomNumberGenerator()
        var attempts = 0
        while true {
            let suffix = String(random.next() as UInt64, radix: 16)
            let path = directory + "/" + temporaryPrefix(name) + "\(Syscalls.processID)-" + String(repeating: "0", count: 16 - suffix.count) + suffix
            let file: SystemFile
            do {
                file = try SystemFile.createNew(path)
            } catch where error.isExisting && attempts < 8 {
                attempts += 1
                continue
            } catch {
                throw .system(error)
            }
            defer { file.close() }
            do {
                switch content {
                case .text(let text): try file.write(text)
                case .bytes(let bytes): try file.write(bytes)
                case .workbook(let workbook): try workbook.write(to: file.openFilePath ?? path, scratchFolder: directory)
                case .rendered(let render):
                    let stream = TextStream { bytes throws(SystemError) in try file.write(bytes) }
                    render(stream)
                    stream.finish()
                    if let failure = stream.failure { throw failure }
                case .temporary: break
                }
                try file.sync()
            } catch let error as SystemError {
                Syscalls.unlink(path)
                throw .system(error)
            } catch let error as XLSXError {
                Syscalls.unlink(path)
                throw .workbook(error)
            } catch {
                Syscalls.unlink(path)
                throw .workbook(XLSXError("\(error)"))
            }
            return path
        }
    }

    /// Removes temporaries left by runs that were killed before they could rename them: those
    /// whose process no longer exists. A run still writing keeps its files. Unlinking a name
    /// never follows a link, so a planted one is only removed.
    static func removeAbandonedTemporaries(of names: [String], in directory: String) {
        let prefixes = names.map(temporaryPrefix)
        for file in Syscalls.names(in: directory) {
            guard let prefix = prefixes.first(where: { file.hasPrefix($0) }),
                  let pid = Int32(file.dropFirst(prefix.count).prefix { $0 != "-" }),
                  pid != Syscalls.processID, !Syscalls.processExists(pid) else { continue }
            Syscalls.unlink(directory + "/" + file)
        }
    }

    /// The directory and file name of a path ("." when it has no directory).
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}

/// Why a temporary could not be written: the system's error, or libxlsxwriter's.
enum FileOutputError: Error, CustomStringConvertible {
    case system(SystemError)
    case workbook(XLSXError)

    var description: String {
        switch self {
        case .system(let error): return "\(error)"
        case .workbook(let error): return "\(error)"
        }
    }
}

extension FileOutput {
    /// Writes the temporary of every file at once on `cores` cores (every core when nil), while
    /// `beside` makes standard output's text; returns that text and the files as temporaries, to be
    /// renamed by `write` (nothing is replaced yet). On a failure every temporary made is removed,
    /// those of `files` already made too.
    static func writeTemporaries(_ files: [(name: String, content: FileContent)], in directory: String, cores: Int? = nil,
                                 beside: @escaping @Sendable () -> String) throws(Failure) -> (String, [(name: String, content: FileContent)]) {
        let outcomes = Mutex([Result<String, FileOutputError>?](repeating: nil, count: files.count))
        let besideText = Mutex("")
        let contents = files.map(\.content), names = files.map(\.name)
        // Each worker takes the next task (standard output's text last) until none is left.
        let next = Mutex(0)
        let tasks = files.count + 1
        DispatchQueue.concurrentPerform(iterations: max(1, min(cores ?? tasks, tasks))) { _ in
            while true {
                let k = next.withLock { (k: inout Int) -> Int in
                    defer { k += 1 }
                    return k
                }
                guard k < tasks else { return }
                guard k < contents.count else {
                    let text = beside()
                    besideText.withLock { $0 = text }
                    continue
                }
                let outcome = Result { () throws(FileOutputError) in try writeTemporary(contents[k], for: names[k], in: directory) }
                outcomes.withLock { $0[k] = outcome }
            }
        }
        let results = outcomes.withLock { $0 }
        var written: [(name: String, content: FileContent)] = []
        var failed: (name: String, error: FileOutputError?)?
        for (name, outcome) in zip(names, results) {
            switch outcome {
            case .success(let path): written.append((name, .temporary(path)))
            case .failure(let error): failed = failed ?? (name, error)
            case nil: failed = failed ?? (name, nil)
            }
        }
        if let failed {
            for case .temporary(let path) in written.map(\.content) + contents { Syscalls.unlink(path) }
            let why = failed.error.map { " (\($0))" } ?? ""
            throw Failure("\(directory)/\(failed.name): writing failed\(why); no file of this run was replaced.", code: Failure.ioError)
        }
        return (besideText.withLock { $0 }, written)
    }

    /// A file's temporary written on a thread of its own, while the run renders its other files on
    /// the other cores: report.xlsx, whose writer (libxlsxwriter) works on one thread.
    final class TemporaryInProgress: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let outcome = Mutex<Result<String, FileOutputError>?>(nil)
        let name: String
        let directory: String

        init(_ content: FileContent, for name: String, in directory: String) {
            self.name = name
            self.directory = directory
            DispatchQueue.global().async { [self] in
                let result = Result { () throws(FileOutputError) in try FileOutput.writeTemporary(content, for: name, in: directory) }
                outcome.withLock { $0 = result }
                done.signal()
            }
        }

        /// Waits for the temporary and returns its path, to be renamed with the others (`FileContent.temporary`).
        func finish() throws(Failure) -> String {
            done.wait()
            switch outcome.withLock({ $0 }) {
            case .success(let path): return path
            case .failure(let error):
                throw Failure("\(directory)/\(name): writing failed (\(error)); no file of this run was replaced.", code: Failure.ioError)
            case nil:
                throw Failure("\(directory)/\(name): writing failed; no file of this run was replaced.", code: Failure.ioError)
            }
        }
    }
}

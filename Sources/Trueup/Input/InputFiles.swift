import Synchronization
import TrueupSystem

/// Every plain input file of a run, each opened once and held open until the run ends.
///
/// The check that a file is a regular one, its hashing, the plan that looks at its header and
/// sample, its header, every block of its rows (on several threads) and the second read for
/// rejects.csv all read the one descriptor, each at its own offsets (`pread`). A file replaced
/// at its path meanwhile is still the file opened, and `InputSource.checkUnchanged` notices.
final class InputFiles: Sendable {
    private let sources = Mutex<[String: InputSource]>([:])
    private let standardInputRead = Mutex<Result<SourceBytes, InputError>?>(nil)

    init() {}

    /// The file at `path`, opened the first time it is asked for.
    func open(_ path: String) throws(InputError) -> InputSource {
        if let source = sources.withLock({ $0[path] }) { return source }
        let source = try InputSource.open(path)
        // Two threads may open it at once: the first one kept is everyone's.
        let kept = sources.withLock { open in
            if let earlier = open[path] { return earlier }
            open[path] = source
            return source
        }
        if kept.file.descriptor != source.file.descriptor { source.close() }
        return kept
    }

    /// Takes `file`, open already, as the source named `name` (intake's normalized text: a name for
    /// messages, not a path), to be read as `open(name)` reads a file and closed by `close(name)`;
    /// only the open file is checked for change, as it may have no path.
    func adopt(_ name: String, file: SystemFile) throws(InputError) {
        let status: FileStatus
        do {
            status = try file.status()
        } catch {
            file.close()
            throw .unreadable(path: name, reason: "\(error)")
        }
        let replaced = sources.withLock { $0.updateValue(InputSource(path: name, file: file, start: status, hasPath: false), forKey: name) }
        replaced?.close()
    }

    /// Standard input's bytes, read to the end the first time they are asked for and kept for the
    /// reading of the sides: its header looked at before its rows (`--columns`), and a side read
    /// again from the start (`DecimalMarks`), see the same bytes, not a pipe already emptied.
    func standardInput() throws(InputError) -> SourceBytes {
        try standardInputRead.withLock { (kept: inout Result<SourceBytes, InputError>?) throws(InputError) -> SourceBytes in
            if kept == nil {
                do throws(InputError) {
                    kept = .success(try SourceBytes.read(SideSource(kind: .standardInput, path: "-")))
                } catch {
                    kept = .failure(error)
                }
            }
            return try kept!.get()
        }
    }

    /// Lets standard input's bytes go once both sides are read: the scoring doesn't need them.
    func releaseStandardInput() {
        // Asked for again after this, they are an error, never a silently empty pipe.
        standardInputRead.withLock { $0 = .failure(.unreadable(path: "standard input", reason: "it was read to its end already")) }
    }

    /// Closes `path`'s file (a temporary file about to be removed); a later `open` opens it again.
    func close(_ path: String) {
        sources.withLock { $0.removeValue(forKey: path) }?.close()
    }

    deinit {
        for source in sources.withLock({ Array($0.values) }) { source.close() }
    }
}

import TrueupSystem

/// Where the history file is, and the moments it records.
enum HistoryFile {
    /// The default file's name, beside the output directory.
    static let defaultName = "trueup-history.sqlite"

    /// The history's path: `explicit` when given; else, with an output directory, `trueup-history.sqlite`
    /// in that directory's parent, so monthly runs into reports/2026-05 and reports/2026-06 share
    /// reports/trueup-history.sqlite; else nil.
    static func path(explicit: String?, out: String?) -> String? {
        if let explicit { return explicit }
        guard let out else { return nil }
        return beside(out)
    }

    /// `trueup-history.sqlite` in the parent of `directory` ("." for a directory with no parent named).
    static func beside(_ directory: String) -> String {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let parent = FileOutput.split(trimmed).directory
        if parent == "." { return defaultName }
        return (parent.hasSuffix("/") ? parent : parent + "/") + defaultName
    }

    static func exists(_ path: String) -> Bool { (try? Syscalls.status(path: path)) != nil }

    /// What the file at `path` is, in words, when it exists and is not a regular file (a FIFO would
    /// make SQLite wait); nil otherwise.
    static func kindIfNotRegular(_ path: String) -> String? {
        guard let status = try? Syscalls.status(path: path), status.kind != .regular else { return nil }
        return status.kind.described
    }

    /// Checks, before any work, that the history at `path` can be written: an existing one is a
    /// regular file the user may write, in a folder SQLite may write its journal to; a new one's
    /// folder exists and can be written. Exit 73 otherwise.
    static func checkUsable(_ path: String) throws(Failure) {
        try FileOutput.refuseLink(path, what: "the history file")
        let folder = FileOutput.split(path).directory
        if let status = try? Syscalls.status(path: path) {
            guard status.kind == .regular else {
                throw Failure("\(path): is \(status.kind.described), not a history file; name another with --history FILE, or run with --no-history.", code: Failure.cantCreate)
            }
            guard Syscalls.isWritable(path) else {
                throw Failure("\(path): the history file can't be written; make it writable, name another with --history FILE, or run with --no-history.", code: Failure.cantCreate)
            }
        }
        guard (try? Syscalls.status(path: folder))?.kind == .directory else {
            throw Failure("\(path): the history's folder \(folder) does not exist; create it, or name another file with --history FILE.", code: Failure.cantCreate)
        }
        guard Syscalls.isWritable(folder) else {
            throw Failure("\(path): the history's folder \(folder) can't be written (SQLite keeps its journal there); name another file with --history FILE, or run with --no-history.", code: Failure.cantCreate)
        }
    }

    /// Now, in ISO 8601 and UTC to the second: 2026-06-03T07:15:42Z.
    static func now() -> String {
        let now = Syscalls.utcNow()
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(now.year)-\(two(now.month))-\(two(now.day))T\(two(now.hour)):\(two(now.minute)):\(two(now.second))Z"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Now, in ISO 8601 and UTC to the second: 2026-06-03T07:15:42Z.
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

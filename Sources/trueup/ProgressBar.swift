import Synchronization
import Trueup
import TrueupReports

/// A one-line progress bar on stderr while large files are read, drawn only when stderr is a terminal.
///
/// Redrawn in place with a carriage return when the whole percentage changes, and erased
/// when the reading is done, so a terminal ends with the report alone and a log file or a
/// pipe never sees a bar. Files read in one block never report progress, so small files
/// show nothing.
final class ProgressBar: Sendable {
    /// What the bar shows now. Called from the thread that merges blocks in file order, one call at
    /// a time; the lock only says so to the compiler.
    private let shown = Mutex((percent: -1, path: ""))
    private let width = 30

    /// The bar's callback when stderr is a terminal, else nil.
    static func forTerminal() -> ProgressBar? { StandardStreams.errorIsTerminal ? ProgressBar() : nil }

    var report: ReadProgress { { path, read, total in self.update(path: path, read: read, total: total) } }

    func update(path: String, read: Int, total: Int) {
        let percent = total > 0 ? min(100, read * 100 / total) : 100
        let changed = shown.withLock { shown in
            guard percent != shown.percent || path != shown.path else { return false }
            shown = (percent, path)
            return true
        }
        guard changed else { return }
        let filled = percent * width / 100
        let name = TerminalText.escaped(path.split(separator: "/").last.map(String.init) ?? path)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "reading \(name) [\(bar)] \(percent)%  \(read >> 20) of \(total >> 20) MB"
        StandardStreams.writeError("\r\u{1B}[2K" + line)
    }

    /// Erases the bar, if one was drawn.
    func finish() {
        let drawn = shown.withLock { shown in
            defer { shown.percent = -1 }
            return shown.percent >= 0
        }
        if drawn { StandardStreams.writeError("\r\u{1B}[2K") }
    }
}

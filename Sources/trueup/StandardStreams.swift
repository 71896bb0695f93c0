import TrueupReports
import TrueupSystem

/// Standard output and error, with every write to standard output checked.
///
/// A reader that stops early (`trueup report | head`) closes the pipe: trueup then stops
/// quietly, with status 0, since its files and history were written before anything was
/// printed. Any other failure (a full disk, `> /dev/full`) is exit 74 with a message.
enum StandardStreams {
    static func writeOutput(_ text: String) throws(Failure) {
        do {
            try SystemFile.standardOutput.write(text)
        } catch where error.isBrokenPipe {
            TrueupCommand.exit(withError: nil)
        } catch {
            throw Failure("standard output: can't be written (\(error)).", code: Failure.ioError)
        }
    }

    /// Writes `lines` to standard error, each as `trueup: LINE` through `TerminalText.lines`: the one
    /// door for what trueup says about a run, so every name in it is shown, never run.
    static func writeNotice(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        writeError(TerminalText.lines(lines).map { "trueup: " + $0 + "\n" }.joined())
    }

    /// Writes `lines` to standard error as they are but through `TerminalText.lines` (a note that
    /// isn't a message: `history: ...`, `timings:`).
    static func writeLines(_ lines: [String]) {
        writeError(TerminalText.lines(lines).map { $0 + "\n" }.joined())
    }

    /// Writes to standard error; a failure there has nowhere to be told, so it is ignored.
    static func writeError(_ text: String) {
        _ = try? SystemFile.standardError.write(text)
    }

    static var errorIsTerminal: Bool { SystemFile.standardError.isTerminal }

    /// The value of an environment variable (`COLUMNS`, the terminal's width), or nil.
    static func environment(_ name: String) -> String? { Syscalls.environment(name) }
}

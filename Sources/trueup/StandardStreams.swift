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

    static var outputIsTerminal: Bool { SystemFile.standardOutput.isTerminal }

    /// Writes `workbook`'s bytes to standard output (`--format xlsx`).
    ///
    /// libxlsxwriter writes to a file name and seeks back in it, so the workbook goes to a file in
    /// memory first (where the system has none, a temporary created in `scratchFolder`, else
    /// TMPDIR, else /tmp, and unlinked at once), written through its /proc/self/fd path and
    /// copied from there, so nothing is left behind.
    static func writeWorkbook(_ workbook: ReportWorkbook, scratchFolder: String?) throws(Failure) {
        let file: SystemFile
        if let inMemory = Syscalls.createInMemory("report.xlsx") {
            file = SystemFile(descriptor: inMemory)
        } else {
            let folder = scratchFolder ?? environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var random = SystemRandomNumberGenerator()
            let path = folder + "/.report.xlsx.tmp-\(Syscalls.processID)-" + String(random.next() as UInt64, radix: 16)
            do {
                file = try SystemFile.createNew(path, permissions: 0o600)
            } catch {
                throw Failure("\(path): can't create the workbook's temporary file (\(error)).", code: Failure.cantCreate)
            }
            Syscalls.unlink(path)
        }
        defer { file.close() }
        guard let open = file.openFilePath else {
            throw Failure("--format xlsx needs /proc/self/fd (or /dev/fd) to write the workbook; use --out DIR for DIR/report.xlsx instead.",
                          code: Failure.cantCreate)
        }
        do {
            try workbook.write(to: open, scratchFolder: scratchFolder)
        } catch {
            throw Failure("report.xlsx: writing the workbook failed (\(error)).", code: Failure.ioError)
        }
        let bytes: [UInt8]
        do {
            let reader = try SystemFile.openForReading(open)
            defer { reader.close() }
            var buffer = [UInt8](repeating: 0, count: Int(try reader.status().size))
            buffer.removeLast(buffer.count - (try reader.readFully(into: &buffer, at: 0)))
            bytes = buffer
        } catch {
            throw Failure("report.xlsx: reading the workbook back failed (\(error)).", code: Failure.ioError)
        }
        do {
            try SystemFile.standardOutput.write(bytes)
        } catch where error.isBrokenPipe {
            TrueupCommand.exit(withError: nil)
        } catch {
            throw Failure("standard output: can't be written (\(error)).", code: Failure.ioError)
        }
    }

    /// The value of an environment variable (`COLUMNS`, the terminal's width), or nil.
    static func environment(_ name: String) -> String? { Syscalls.environment(name) }
}

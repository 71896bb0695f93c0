import TrueupSystem

/// Intake's normalized text in a file of its own (`ScratchFile`: in memory where the system
/// allows), for the block reader: written as intake makes it (`append`), handed to the run's
/// input files (`open`), read, then removed.
struct NormalizedFile {
    /// The name the run's input files know it by.
    let path: String
    private let file: ScratchFile

    init() throws(InputError) {
        file = try ScratchFile(prefix: "trueup-intake-", what: "the normalized input")
        path = file.path ?? "the normalized input"
    }

    func append(_ bytes: [UInt8]) throws(InputError) {
        try file.append(bytes, what: "the normalized input")
    }

    /// Makes the written text readable as `path` through `files`: a file in memory is lent on a
    /// descriptor of its own (closed by `files.close(path)`); one on disk is opened at its path.
    func open(in files: InputFiles) throws(InputError) {
        guard file.path == nil else { return }
        do {
            try files.adopt(path, file: SystemFile(descriptor: file.fd).duplicate())
        } catch {
            throw .unreadable(path: "the normalized input", reason: "\(error)")
        }
    }

    /// Closes it and, on disk, removes it.
    func remove() { file.remove() }
}

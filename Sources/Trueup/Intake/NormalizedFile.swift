import TrueupSystem

/// Intake's normalized text in a file of its own (`ScratchFile`: in memory up to its limit), for
/// the block reader: written as intake makes it (`append`), handed to the run's input files
/// (`open`), read, then let go with the value.
struct NormalizedFile {
    /// The name the run's input files know it by.
    let path = "the normalized input"
    private let file: ScratchFile

    init() throws(InputError) {
        file = try ScratchFile(prefix: "trueup-intake-", what: "the normalized input")
    }

    func append(_ bytes: [UInt8]) throws(InputError) {
        try file.append(bytes)
    }

    /// Makes the written text readable as `path` through `files`, on a descriptor of its own
    /// (closed by `files.close(path)`).
    func open(in files: InputFiles) throws(InputError) {
        do {
            try files.adopt(path, file: file.reader())
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }
}

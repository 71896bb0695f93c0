/// Why a history file can't be opened, read or written; each names the file.
public enum HistoryError: Error, Sendable, Equatable {
    /// There is no file at the path (and it was not to be created).
    case missing(path: String)
    /// The file can't be created or opened, e.g. its directory does not exist.
    case cantOpen(path: String, reason: String)
    /// The file is not a trueup history: not SQLite, damaged, or another program's database.
    case notAHistory(path: String, reason: String)
    /// The file is SQLite but damaged: `PRAGMA quick_check` or a read found it inconsistent.
    case damaged(path: String, detail: String)
    /// The file was written by a later trueup, with migrations this version does not know.
    case newer(path: String, unknownMigrations: [String])
    /// Reading or writing failed part way (disk full, I/O error, locked for too long).
    case failed(path: String, reason: String)
}

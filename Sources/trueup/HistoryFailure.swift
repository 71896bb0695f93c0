import TrueupHistory

extension Failure {
    /// A history problem in plain words, with its sysexits code.
    init(_ error: HistoryError) {
        switch error {
        case .missing(let path):
            self.init("\(path): there is no history file here. `trueup report --out DIR` records one beside DIR; name another with --history FILE.", code: Self.noInput)
        case .cantOpen(let path, let reason):
            self.init("\(path): can't create or open the history file (\(reason)).", code: Self.cantCreate)
        case .notAHistory(let path, let reason):
            self.init("\(path): not a trueup history: \(reason). Name another file with --history FILE, or leave the history out with --no-history.", code: Self.data)
        case .damaged(let path, let detail):
            self.init("\(path): the history file is damaged (\(detail)); trueup neither reads nor writes it. Restore it from a backup, or move it aside to start a new history, or run with --no-history.", code: Self.data)
        case .newer(let path, let unknown):
            self.init("\(path): the history was written by a later trueup (schema \(unknown.joined(separator: ", "))); use that version, or another file with --history FILE.", code: Self.data)
        case .failed(let path, let reason):
            self.init("\(path): reading or writing the history failed (\(reason)); the history is as it was before this run.", code: Self.ioError)
        }
    }
}

import Trueup

/// Where a report is recorded: the history file, opened before the work when it exists.
public struct HistoryTarget {
    public var path: String
    /// The history, when it was opened before the work (an existing file is checked first); a new
    /// file is made only once there is a run to record.
    public var store: HistoryStore?
    /// When the run is recorded, ISO 8601 in UTC.
    public var recordedAt: String
    public var version: String

    public init(path: String, store: HistoryStore?, recordedAt: String, version: String) {
        self.path = path
        self.store = store
        self.recordedAt = recordedAt
        self.version = version
    }
}

extension Report {
    /// Why a recorded report can't be made: the report's own reasons, or the history's.
    public enum RecordingError: Error {
        case report(ReportError)
        case history(HistoryError)
    }

    /// The report of `request`, recorded in `history`, with the comparison against the earlier runs
    /// passed into the finished result; the recording is nil when nothing was tiered (and so nothing recorded).
    public static func run(_ request: ReportRequest, recordingIn history: HistoryTarget) throws(RecordingError)
        -> (result: ReportResult, recording: Recording?) {
        let scored: ReportResult
        do {
            scored = try run(request)
        } catch {
            throw .report(error)
        }
        guard request.grouping == .customer else { return (scored, nil) }
        let recording: Recording?
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let store: HistoryStore
            if let opened = history.store { store = opened } else { store = try HistoryStore(path: history.path, createIfMissing: true) }
            recording = try store.record(scored, recordedAt: history.recordedAt, version: history.version)
        } catch {
            throw .history(error)
        }
        let took = clock.now - start
        let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
        return (ReportResult(scored, history: recording?.comparison, recordingSeconds: seconds), recording)
    }
}

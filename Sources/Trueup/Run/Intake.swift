#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first stage of a run: both files read once into the panel, with the facts about each file
/// and every row that could not be used.
///
/// Both headers are read, and `--columns` checked against them, before any data row; then the
/// actuals (so the last closed period is known), then the forecasts. Bad rows stop the run here
/// unless the request skips them.
struct Intake {
    let panel: Panel
    let forecasts: InputFile
    let actuals: InputFile
    /// The rows left out, in file order (every one under `--skip-bad-rows`).
    let rejects: [RowProblem]
    /// The prices read, with `--prices`.
    let prices: PriceList?
    /// Both files' SHA-256, taken on threads of their own while they are read (nil when the request asks for none).
    let digests: (forecasts: FileDigest, actuals: FileDigest)?

    init(_ request: ReportRequest, stopwatch: inout Stopwatch) throws(ReportError) {
        for path in [request.forecasts, request.actuals] where access(path, R_OK) != 0 {
            throw .input(.missingFile(path: path, reason: String(cString: strerror(errno))))
        }
        // Read first: a small file, and a bad price stops the run before the large files are read.
        do {
            prices = try request.prices.map { path throws(PriceError) in
                try PriceList.read(path: path, overrides: request.columns, encoding: request.encoding)
            }
        } catch {
            throw .prices(error)
        }
        digests = request.hashesInputs ? (forecasts: FileDigest(path: request.forecasts), actuals: FileDigest(path: request.actuals)) : nil
        var ingest = Ingest(overrides: request.columns, keepAllProblems: request.skipBadRows, threads: request.threads,
                            blockSize: request.readBlockSize, encoding: request.encoding, progress: request.progress)
        do {
            let actualsHeader = try ingest.header(request.actuals, kind: .actuals)
            let forecastsHeader = try ingest.header(request.forecasts, kind: .forecasts)
            try Self.checkOverrides(request.columns, headers: [forecastsHeader.mapping.header, actualsHeader.mapping.header,
                                                               prices?.columns?.header ?? []])
            actuals = try ingest.readActuals(actualsHeader)
            stopwatch.lap("read actuals")
            forecasts = try ingest.readForecasts(forecastsHeader)
            stopwatch.lap("read forecasts")
        } catch {
            throw .input(error)
        }
        if ingest.problems.total > 0 && !request.skipBadRows {
            throw .input(.badRows(shown: ingest.problems.kept, total: ingest.problems.total))
        }
        panel = ingest.panel
        rejects = request.skipBadRows ? ingest.problems.kept : []
    }

    /// Every `--columns` name must be a header of one of the files.
    private static func checkOverrides(_ columns: [Column: String], headers: [[String]]) throws(InputError) {
        let names = headers.joined().map(Column.normalize)
        for (column, name) in columns.sorted(by: { $0.key < $1.key }) where !names.contains(Column.normalize(name)) {
            throw .unknownColumnOverride(column: column, name: name)
        }
    }
}

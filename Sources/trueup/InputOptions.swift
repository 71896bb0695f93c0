import ArgumentParser
import Trueup

/// The options every command that reads forecasts and actuals shares.
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Forecasts: customer, item, period, forecast, and lag or snapshot; or month columns. A file, a folder (its .csv, .tsv, .txt and .xlsx files in name order) or - for standard input; repeatable.", valueName: "file"))
    var forecasts: [String]

    @Option(help: ArgumentHelp("Actuals: customer, item, period, actual; several rows per key are summed. A file, a folder or -; repeatable.", valueName: "file"))
    var actuals: [String]

    @Option(help: ArgumentHelp("Fields in the forecasts' file names, e.g. '{customer}_forecast_{snapshot}.csv' (fields customer, item, snapshot, period; * matches anything).", valueName: "pattern"),
            transform: InputOptions.namePattern)
    var namePattern: NamePattern?

    @Option(help: ArgumentHelp("Fields in the actuals' file names, as --name-pattern.", valueName: "pattern"),
            transform: InputOptions.namePattern)
    var actualsNamePattern: NamePattern?

    @Option(help: ArgumentHelp("Order of NN/NN/YYYY dates when the files don't settle it: dmy (15/01/2024) or mdy (01/15/2024).", valueName: "order"))
    var dateOrder: DateOrder?

    @Option(help: ArgumentHelp("The sheet of .xlsx workbooks to read. Default: the first.", valueName: "name"))
    var sheet: String?

    @Flag(help: "Read a link inside an input folder that points outside it (left out and named otherwise).")
    var followLinks = false

    @Option(help: ArgumentHelp("First target period to score (YYYY-MM). Default: every closed period.", valueName: "YYYY-MM"),
            transform: InputOptions.month)
    var from: Month?

    @Option(help: ArgumentHelp("Last target period to score (YYYY-MM). Default: the last closed period.", valueName: "YYYY-MM"),
            transform: InputOptions.month)
    var to: Month?

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The last closed period (YYYY-MM), overriding the incomplete-month, cut-off and stray-month rules.", valueName: "YYYY-MM"),
            transform: InputOptions.month)
    var asOf: Month?

    @Flag(help: "Leave months with no actual row at all out of every figure (like open months) instead of stopping.")
    var allowGaps = false

    @Option(help: ArgumentHelp("The decimal mark of both files' quantities, where the values don't settle it.", valueName: "point|comma"))
    var decimalMark: DecimalMark?

    @Option(help: ArgumentHelp("The decimal mark of the forecasts' quantities (overrides --decimal-mark).", valueName: "point|comma"))
    var forecastsDecimalMark: DecimalMark?

    @Option(help: ArgumentHelp("The decimal mark of the actuals' quantities (overrides --decimal-mark).", valueName: "point|comma"))
    var actualsDecimalMark: DecimalMark?

    @Option(help: ArgumentHelp("The line of both files' header (1 is the first), when a title or notes come above it. Default: the first line with a value, or a header found below a title within the first 10 lines.", valueName: "n"))
    var headerRow: Int?

    @Option(help: ArgumentHelp("The line of the forecasts' header (overrides --header-row).", valueName: "n"))
    var forecastsHeaderRow: Int?

    @Option(help: ArgumentHelp("The line of the actuals' header (overrides --header-row).", valueName: "n"))
    var actualsHeaderRow: Int?

    @Flag(help: "Score a book whose join matched less than half of the actual or forecast volume instead of stopping (every output says so).")
    var allowLowCoverage = false

    @Option(help: ArgumentHelp("Make codes that look alike join: any of leading-zeros, case, spaces, punctuation (comma-separated), or none to keep them as spelled.",
                               valueName: "list"),
            transform: InputOptions.keyNormalization)
    var normalizeKeys: KeyNormalizationOption?

    @Option(help: ArgumentHelp("Header names to use, e.g. customer=Sold-To,item=Material,actual=Qty.", valueName: "column=header,..."),
            transform: InputOptions.columnOverrides)
    var columns: [Column: String] = [:]

    @Flag(help: "Leave unreadable rows out (written to DIR/rejects.csv) instead of stopping.")
    var skipBadRows = false

    @Option(help: ArgumentHelp("With --skip-bad-rows, the largest share of a file's rows (percent) left out before the run stops (default 5).", valueName: "PCT"),
            transform: InputOptions.percent)
    var maxBadRows: Double?

    @Option(help: ArgumentHelp("The files' text encoding when they have no byte order mark: utf8 (default), windows-1252 (cp1252) or latin1 (ISO 8859-1). UTF-16 with a byte order mark is recognised.", valueName: "name"),
            transform: InputOptions.encoding)
    var encoding: SourceEncoding = .utf8

    @Option(help: ArgumentHelp("Flag policy (TOML) overriding the default thresholds; `trueup policy` prints one to start from.", valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("Prices CSV: item, unit_price, and optionally customer (its own price) and unit_cost. Values the errors in money.", valueName: "file"))
    var prices: String?

    @Option(help: ArgumentHelp("Currency code to label money with in text outputs, e.g. EUR (nothing is converted; CSV keeps plain numbers).", valueName: "code"))
    var currency: String?

    @Option(help: ArgumentHelp("Supply agreements (CSV: customer, lag, under_pct, over_pct, optional revision_from_lag, revision_to_lag, revision_limit_pct; customer * for everyone else) to measure the customers against.", valueName: "file"))
    var agreements: String?

    @Option(help: ArgumentHelp("Cores to read the files with (default: all, up to 8; at most 64, a larger number counts as 64). The figures are the same for any number.", valueName: "n"))
    var threads: Int = ReportRequest.availableCores

    /// Bytes per block of the parallel read; for tests, which make it tiny to cut records everywhere.
    @Option(name: .customLong("read-block-size"), help: .hidden)
    var readBlockSize: Int?

    func validate() throws {
        if forecasts.isEmpty || actuals.isEmpty {
            throw ValidationError("Give both --forecasts and --actuals (a file, a folder or -).")
        }
        if forecasts.filter({ $0 == "-" }).count + actuals.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("Only one of --forecasts and --actuals can be - (standard input), once.")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be 1 or more.") }
        if let readBlockSize, readBlockSize < 1 { throw ValidationError("--read-block-size must be 1 or more.") }
        for (name, line) in [("--header-row", headerRow), ("--forecasts-header-row", forecastsHeaderRow), ("--actuals-header-row", actualsHeaderRow)] {
            if let line, line < 1 { throw ValidationError("\(name) takes a line number of 1 or more (1 is the first line).") }
        }
        if let currency {
            guard (1...8).contains(currency.count), currency.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else {
                throw ValidationError("--currency takes a code of 1 to 8 letters or digits, e.g. EUR; not '\(currency)'.")
            }
            guard prices != nil else { throw ValidationError("--currency labels money, which needs --prices FILE.") }
        }
    }

    /// The request these options describe, with the policy file loaded.
    func request(lag: Int?, grouping: Grouping = .customer) throws(Failure) -> ReportRequest {
        var loaded = Policy.default
        if let policy {
            do {
                loaded = try Policy.load(path: policy)
            } catch {
                throw Failure(error)
            }
        }
        var request = ReportRequest(forecasts: forecasts.first ?? "", actuals: actuals.first ?? "", from: from, to: to, lag: lag,
                                    grouping: grouping, columns: columns, skipBadRows: skipBadRows, policy: loaded)
        request.forecastInputs = forecasts
        request.actualInputs = actuals
        request.namePattern = namePattern
        request.actualsNamePattern = actualsNamePattern
        request.dateOrder = dateOrder
        request.sheet = sheet
        request.followLinks = followLinks
        request.workbookReader = WorkbookSheets.reader
        request.threads = threads
        request.asOf = asOf
        request.allowsGaps = allowGaps
        request.allowsLowCoverage = allowLowCoverage
        request.maxBadRowsPct = maxBadRows
        request.forecastsDecimalMark = forecastsDecimalMark ?? decimalMark
        request.actualsDecimalMark = actualsDecimalMark ?? decimalMark
        request.forecastsHeaderRow = forecastsHeaderRow ?? headerRow
        request.actualsHeaderRow = actualsHeaderRow ?? headerRow
        if let normalizeKeys {
            request.normalizeKeys = normalizeKeys.set
            request.acceptsLookAlikes = normalizeKeys.acceptsLookAlikes
        }
        if let agreements {
            do {
                request.agreements = try AgreementTerms.load(path: agreements)
            } catch {
                throw Failure(error)
            }
        }
        request.sourceEncoding = encoding
        request.prices = prices
        request.currency = currency
        if let readBlockSize { request.readBlockSize = readBlockSize }
        return request
    }

    /// The request with a progress bar on stderr while large files are read, when stderr is a
    /// terminal; the bar is erased when `body` returns.
    func withProgress<T, E: Error>(_ request: ReportRequest, _ body: (ReportRequest) throws(E) -> T) throws(E) -> T {
        var request = request
        let bar = ProgressBar.forTerminal()
        request.progress = bar?.report
        defer { bar?.finish() }
        return try body(request)
    }

    static func month(_ text: String) throws -> Month {
        guard let month = Month.parse(text) else {
            throw ValidationError("'\(text)' is not a period: use YYYY-MM, e.g. 2025-01.")
        }
        return month
    }

    static func percent(_ text: String) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value >= 0, value <= 100 else {
            throw ValidationError("'\(text)' is not a percentage from 0 to 100.")
        }
        return value
    }

    static func keyNormalization(_ text: String) throws -> KeyNormalizationOption {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters().lowercased() }
        if parts == ["none"] { return KeyNormalizationOption(set: [], acceptsLookAlikes: true) }
        var set: KeyNormalization = []
        for part in parts {
            guard let known = KeyNormalization.names.first(where: { $0.name == part }) else {
                throw ValidationError("'\(part)' in --normalize-keys is not one of leading-zeros, case, spaces, punctuation, or none.")
            }
            set.formUnion(known.value)
        }
        guard !set.isEmpty else { throw ValidationError("--normalize-keys takes leading-zeros, case, spaces, punctuation (comma-separated) or none.") }
        return KeyNormalizationOption(set: set, acceptsLookAlikes: false)
    }

    static func namePattern(_ text: String) throws -> NamePattern {
        do {
            return try NamePattern(text)
        } catch {
            throw ValidationError("--name-pattern '\(text)': \(error.reason).")
        }
    }

    static func encoding(_ text: String) throws -> SourceEncoding {
        guard let encoding = SourceEncoding(name: text) else {
            throw ValidationError("--encoding takes utf8, windows-1252 (or cp1252) or latin1; not '\(text)'.")
        }
        return encoding
    }

    static func columnOverrides(_ text: String) throws -> [Column: String] {
        var result: [Column: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters() }
            guard parts.count == 2, !parts[1].isEmpty, let column = Column(rawValue: parts[0].lowercased()) else {
                let known = Column.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("'\(pair)' in --columns is not column=header; columns are \(known).")
            }
            result[column] = parts[1]
        }
        return result
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

extension TextEncoding: ExpressibleByArgument {}
extension DecimalMark: ExpressibleByArgument {}

/// What `--normalize-keys` asked for: a set of normalisations, or `none` (join the codes as spelled).
struct KeyNormalizationOption {
    var set: KeyNormalization
    var acceptsLookAlikes: Bool
}

extension DateOrder: ExpressibleByArgument {}

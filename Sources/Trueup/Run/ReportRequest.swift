import TrueupSystem

/// What `trueup report` was asked to do.
public struct ReportRequest: Sendable {
    /// The forecasts' first source; `forecastInputs` has them all.
    public var forecasts: String
    public var actuals: String
    /// Files, folders and `-` (standard input) the forecasts are read from, in order.
    public var forecastInputs: [String]
    public var actualInputs: [String]
    /// Fields taken from the forecasts' and the actuals' file names (`--name-pattern`).
    public var namePattern: NamePattern?
    public var actualsNamePattern: NamePattern?
    /// The order of `NN/NN/YYYY` dates, when the files don't settle it.
    public var dateOrder: DateOrder?
    /// The encoding of text without a byte order mark (`--encoding`); `encoding` follows it for the fast reader.
    public var sourceEncoding: SourceEncoding = .utf8 {
        didSet { encoding = sourceEncoding == .latin1 ? .latin1 : .utf8 }
    }
    /// Reads .xlsx sources; without one, a workbook is refused.
    public var workbookReader: WorkbookReader?
    /// The workbook sheet to read (`--sheet`); default the first.
    public var sheet: String?
    /// Read a link inside an input folder that resolves outside it (`--follow-links`).
    public var followLinks = false
    /// First target period scored; default: every closed period.
    public var from: Month?
    /// Last target period scored; default and upper bound: the last closed period.
    public var to: Month?
    /// Keep one lag; default: every lag in the forecasts.
    public var lag: Int?
    public var grouping: Grouping
    /// Header names that override the recognised aliases.
    public var columns: [Column: String]
    /// Reject unreadable rows and carry on instead of stopping.
    public var skipBadRows: Bool
    /// The thresholds of the tiers.
    public var policy: Policy
    /// Cores to read with, 1 to `maximumThreads` (any other value is taken as the nearest of those);
    /// 1 reads each file in one sequential pass. The result is the same.
    public var threads: Int {
        get { cappedThreads }
        set { cappedThreads = min(max(1, newValue), Self.maximumThreads) }
    }
    private var cappedThreads = ReportRequest.availableCores
    /// The encoding of both files' names and headers.
    public var encoding: TextEncoding = .utf8
    /// Bytes per block when reading with several threads (tests make it tiny to cut records everywhere).
    public var readBlockSize: Int = 16 << 20
    /// Told how far the reading has come, after each block (never for a file read in one pass).
    public var progress: ReadProgress?
    /// A prices file (`--prices`): with it, every figure is also valued in money.
    public var prices: String?
    /// The currency code money is labelled with in text outputs (`--currency`); nothing is converted.
    public var currency: String?
    /// `--as-of`: the last closed period, overriding the incomplete-month rule.
    public var asOf: Month?
    /// `--allow-gaps`: a month with no actual row at all before the last closed period is left out
    /// of every figure, like an open month, instead of stopping the run.
    public var allowsGaps = false
    /// `--forecasts-decimal-mark` (or `--decimal-mark`): the forecasts' decimal mark; nil to read it from the values.
    public var forecastsDecimalMark: DecimalMark?
    /// `--actuals-decimal-mark` (or `--decimal-mark`): the actuals' decimal mark; nil to read it from the values.
    public var actualsDecimalMark: DecimalMark?
    /// `--forecasts-header-row` (or `--header-row`): the line of the forecasts' header; nil to find it.
    public var forecastsHeaderRow: Int?
    /// `--actuals-header-row` (or `--header-row`): the line of the actuals' header; nil to find it.
    public var actualsHeaderRow: Int?
    /// `--max-bad-rows PCT`: the largest share of a side's rows, in percent, `--skip-bad-rows`
    /// leaves out before it refuses; nil for `TooManyBadRows.defaultLimitPct`.
    public var maxBadRowsPct: Double?
    /// `--allow-low-coverage`: a join that matched less than half of either side's volume is scored
    /// anyway (and every output says so) instead of stopping the run.
    public var allowsLowCoverage = false
    /// `--normalize-keys`: normalisations applied to both files' codes before the join.
    public var normalizeKeys: KeyNormalization = []
    /// `--normalize-keys none`: codes that look alike are joined as they are spelled, without stopping.
    public var acceptsLookAlikes = false
    /// Whether to take the inputs' SHA-256 (for run.json and the history); `check` and `brief` show none.
    public var hashesInputs = true
    /// `--partition K/N`: read only the rows of the partition's groups, for a partial (`Report.partial`).
    public var partition: Partition?
    /// With a partition: the inputs hold only its rows (`--book-id`), so room is made for all of them.
    public var givenOwnRows = false
    /// The supply agreements to measure every customer against (`--agreements`).
    public var agreements: AgreementTerms?
    /// With a coverage k (percent), every customer's proposed terms at each lag (`trueup agreement`).
    public var proposalCoverage: Double?
    /// Whether to work out stability.csv's revisions and the lag waterfall (with more than one lag);
    /// off for runs whose caller only wants the figures.
    public var measuresStability = true

    public init(forecasts: String, actuals: String, from: Month? = nil, to: Month? = nil, lag: Int? = nil,
                grouping: Grouping = .customer, columns: [Column: String] = [:], skipBadRows: Bool = false,
                policy: Policy = .default) {
        self.policy = policy
        self.forecasts = forecasts
        self.actuals = actuals
        forecastInputs = [forecasts]
        actualInputs = [actuals]
        self.from = from
        self.to = to
        self.lag = lag
        self.grouping = grouping
        self.columns = columns
        self.skipBadRows = skipBadRows
    }
}

extension ReportRequest {
    /// What intake needs to read one side.
    func side(_ kind: RowParser.Kind) -> SideRequest {
        SideRequest(kind: kind, arguments: kind == .actuals ? actualInputs : forecastInputs,
                    pattern: kind == .actuals ? actualsNamePattern : namePattern, encoding: sourceEncoding == .utf8 && encoding == .latin1 ? .latin1 : sourceEncoding, dateOrder: dateOrder,
                    overrides: columns, workbookReader: workbookReader, sheet: sheet, followLinks: followLinks,
                    decimalMark: kind == .actuals ? actualsDecimalMark : forecastsDecimalMark,
                    headerRow: kind == .actuals ? actualsHeaderRow : forecastsHeaderRow)
    }

    /// The cores this machine has online (at least 1, at most 8).
    public static var availableCores: Int { min(8, max(1, Syscalls.onlineProcessors)) }

    /// The most threads a run uses: more would only cost memory (a block in flight per thread)
    /// and thread stacks, with no core left to run them.
    public static let maximumThreads = 64
}

/// How far the reading of one input file has come: its path, the bytes read so far and its size.
public typealias ReadProgress = @Sendable (_ path: String, _ bytesRead: Int, _ bytesTotal: Int) -> Void

/// One row of metrics.csv: a group at one lag.
public struct MetricsRow: Sendable, Equatable {
    /// The customer, unless grouped by item only.
    public var customer: String?
    /// The item, when grouped by item.
    public var item: String?
    public var lag: Int
    public var figures: Figures
    /// Σ|e| over the group's cells: its part of the book's total absolute error.
    public var absoluteError: Double
    /// The group's totals for each of its periods, in month order.
    public var periods: [PeriodTotals]
    /// The customer's name, when the inputs have a name column (grouped by customer, or customer and item).
    public var customerName: String? = nil
}

/// Everything a report run found, for the writers: finished when it leaves the library.
///
/// Built by `Report.run`; a run recorded in a history is the same result with the comparison
/// passed in (`init(_:history:)`). No module outside the library can change it (the setters are
/// internal, for the library's own tests).
public struct ReportResult: Sendable {
    public internal(set) var request: ReportRequest
    public internal(set) var rows: [MetricsRow]
    public internal(set) var forecasts: InputFile
    public internal(set) var actuals: InputFile
    public internal(set) var accounting: RowAccounting
    public internal(set) var firstActual: Month
    public internal(set) var lastClosed: Month
    public internal(set) var window: Window
    /// Every lag with a forecast in the window.
    public internal(set) var lags: [Int]
    /// The rows rejected under `--skip-bad-rows`, in file order.
    public internal(set) var rejects: [RowProblem]
    /// The lag customers are tiered at: `--lag`, else lag 1 when present, else the smallest.
    public internal(set) var reportLag: Int?
    /// Customers' names by code, from the inputs' name column (the forecasts' name wins); empty without one.
    public internal(set) var customerNames: [String: String] = [:]
    /// Every customer's tier at the report lag, most severe first (grouping by customer only).
    public internal(set) var assessments: [Assessment] = []
    /// Wall time of each step, in order (reading, joining, computing), with the peak memory by its end.
    public internal(set) var timings: [RunStep] = []
    /// The join audit: coverage.csv and run.json's `coverage`.
    public internal(set) var coverage: Coverage?
    /// The latest month with actuals when it was found incomplete and so left open.
    public internal(set) var incompleteMonth: IncompleteMonth?
    /// The latest month with actuals (after any stray months) when its dates stop days early, and so left open.
    public internal(set) var cutOffMonth: CutOffMonth?
    /// The stray months after the last closed period, latest first.
    public internal(set) var strayMonths: [StrayMonth] = []
    /// Where the first few rows of the latest stray month are.
    public internal(set) var strayRows: [RowPlace] = []
    /// The months with no actual row from the first month with actuals to the last closed period,
    /// left out of every figure (`--allow-gaps`).
    public internal(set) var gapMonths: [Month] = []
    /// The join's low coverage, scored anyway under `--allow-low-coverage` (nil when coverage is not low).
    public internal(set) var lowCoverage: LowCoverage?
    /// The latest month with any actual row (after the last closed period when that month is open).
    public internal(set) var latestActual: Month?
    /// What the history adds: this run against the earlier ones (nil without a history).
    public internal(set) var history: RunComparison?
    /// How the quantities were held: exact sums in whole units of the inputs' decimal places, or not.
    public internal(set) var scale = QuantityScale()
    /// The whole book's totals at the report lag (nil when nothing was scored at it).
    public internal(set) var book: BookTotals?
    /// The book's and each group's monthly and trailing totals at the report lag, over the
    /// window's last `BookTrend.maximumMonths` months (nil when nothing was scored at it).
    public internal(set) var trend: BookTrend?
    /// The prices read, with `--prices`.
    public internal(set) var prices: PriceList?
    /// The scored cells without a price, with `--prices`.
    public internal(set) var unpriced: Unpriced?
    /// Each customer's revisions between every pair of its lags (with more than one lag in the forecasts).
    public internal(set) var stability: [StabilityRow] = []
    /// Each customer's bias and wMAPE at every lag on the same cells (with more than one lag).
    public internal(set) var waterfalls: [LagWaterfall] = []
    /// Each customer against each band of its agreement (with `agreements`).
    public internal(set) var agreement: [AgreementRow] = []
    /// Every customer's proposed terms at each lag (`--lag`: at that lag), by customer and lag (with `proposalCoverage`).
    public internal(set) var proposals: [ProposedTerms] = []
}

extension ReportResult {
    /// The result of a run recorded in a history: `result`, with how it compares with the earlier runs.
    public init(_ result: ReportResult, history: RunComparison?) {
        self = result
        self.history = history
    }
}

/// Why a report can't be made from otherwise readable input.
public enum ReportError: Error, Sendable, Equatable {
    case input(InputError)
    /// `--from` is after `--to` or after the last closed period.
    case emptyWindow(from: Month, to: Month, lastClosed: Month)
    /// `--lag` names a lag the window has no forecast at.
    case lagNotFound(lag: Int, available: [Int])
    /// The prices file can't be used.
    case prices(PriceError)
    /// Codes spelled differently in the two files look alike: the join would be quietly wrong.
    case lookAlikes(LookAlikes)
    /// `--as-of` names a month before the first or after the latest month with actuals.
    case asOfOutsideActuals(asOf: Month, firstActual: Month, latestActual: Month)
    /// The agreements file names a customer or lag the inputs don't have.
    case agreements(AgreementsError)
    /// Months from the first month with actuals to the last closed period with no actual row at
    /// all: scored, they would count as zero purchases.
    case gapMonths([Month], firstActual: Month, lastClosed: Month)
    /// Less than half of the actual or the forecast volume is on pairs both forecast and bought.
    case lowCoverage(LowCoverage)
    /// `--skip-bad-rows` would leave out more of a side's rows than `--max-bad-rows` allows.
    case tooManyBadRows(TooManyBadRows)
    /// `--skip-bad-rows` would leave out every row of some customers on a side (without `--max-bad-rows`).
    case customersLeftOut(CustomersLeftOut)
    /// The partials given to `merge` are not one complete split of one book.
    case partials(PartialError)
    /// More than half of the customers' actuals are one factor times their forecast: a file's units
    /// or decimal mark, not a customer's.
    case unitsMismatch(UnitsMismatchStop)
}

import Trueup

/// run.json: what was read, with what options, and where every row went.
public enum RunJSON {
    /// Where the run was recorded, when a history was kept.
    public struct History: Sendable, Equatable {
        public var path: String
        /// The run's number in the history (`trueup history` lists it).
        public var run: Int64
        /// Whether it replaced a run of the same as-of period, lag and inputs.
        public var replaced: Bool

        public init(path: String, run: Int64, replaced: Bool) {
            self.path = path
            self.run = run
            self.replaced = replaced
        }
    }

    public static func value(_ result: ReportResult, version: String, history: History? = nil) -> JSONValue {
        let request = result.request
        let accounting = result.accounting
        func input(_ file: InputFile) -> JSONValue {
            .object([
                ("path", .string(file.path)),
                ("bytes", .integer(file.bytes)),
                ("sha256", .string(file.sha256)),
                ("delimiter", .string(file.delimiter)),
                ("byte_order_mark", .bool(file.hadByteOrderMark)),
                ("columns", .object(file.columns.index.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .string(file.columns.header[$0.value])) })),
                ("files", .array(file.files.map(source))),
            ] + (file.leftOut.isEmpty ? [] : [("left_out", JSONValue.array(file.leftOut.map { left in
                .object([("path", .string(left.path)), ("why", .string(LeftOutText.reason(left.reason)))])
            }))]) + DecimalMarkJSON.members(file))
        }
        func source(_ file: SourceFile) -> JSONValue {
            .object([
                ("path", .string(file.path)),
                ("bytes", .integer(file.bytes)),
                ("sha256", .string(file.sha256)),
                ("encoding", .string(file.encoding)),
                ("delimiter", .string(file.delimiter)),
                ("layout", .string(file.layout)),
            ] + (file.sheet.map { [("sheet", JSONValue.string($0))] } ?? [])
              + (file.headerLine.map { [("header_line", JSONValue.integer($0))] } ?? []) + [
                ("rows_read", .integer(file.rowsRead)),
                ("rows_rejected", .integer(file.rowsRejected)),
                ("totals_rows", .integer(file.totalsRows)),
            ])
        }
        var recorded = JSONValue.null
        if let history {
            recorded = .object([("path", .string(history.path)), ("run", .integer(Int(history.run))), ("replaced", .bool(history.replaced))])
        }
        let f = accounting.forecasts
        let a = accounting.actuals
        let asOf: JSONValue = request.asOf.map { .string($0.description) } ?? .null
        let normalizeKeys: JSONValue = .string(request.acceptsLookAlikes ? "none" : request.normalizeKeys.optionValue)
        let incompleteMonth: JSONValue = IncompleteMonthJSON.value(result.incompleteMonth)
        let coverage: JSONValue = result.coverage.map { CoverageCSV.value($0) } ?? .null
        let members: [(String, JSONValue)] = [
            ("trueup_version", .string(version)),
            ("inputs", .object([("forecasts", input(result.forecasts)), ("actuals", input(result.actuals))])),
            ("options", .object([
                ("from", request.from.map { .string($0.description) } ?? .null),
                ("to", request.to.map { .string($0.description) } ?? .null),
                ("lag", request.lag.map { .integer($0) } ?? .null),
                ("by", .string(request.grouping.rawValue)),
                ("columns", .object(request.columns.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .string($0.value)) })),
                ("skip_bad_rows", .bool(request.skipBadRows)),
                ("as_of", asOf),
                ("normalize_keys", normalizeKeys),
            ] + (request.allowsGaps ? [("allow_gaps", JSONValue.bool(true))] : []))),
            ("first_actual_period", .string(result.firstActual.description)),
            ("last_closed_period", .string(result.lastClosed.description)),
            ("incomplete_month", incompleteMonth),
        ] + MonthAuditJSON.members(result) + [
            ("coverage", coverage),
            ("window", .object([("from", .string(result.window.first.description)), ("to", .string(result.window.last.description))])),
            ("lags", .array(result.lags.map { .integer($0) })),
            ("report_lag", result.reportLag.map { .integer($0) } ?? .null),
            ("tiers", .object(Tier.allCases.map { tier in
                (tier.rawValue, .integer(result.assessments.count(where: { $0.tier == tier })))
            })),
            ("policy", .object(result.request.policy.settings.map { setting in
                switch setting.value {
                case .number(let number): return (setting.key, .number(number))
                case .text(let text): return (setting.key, .string(text))
                }
            })),
            ("history", recorded),
            ("groups", .integer(Set(result.rows.map { [$0.customer ?? "", $0.item ?? ""] }).count)),
            ("rows", .object([
                ("forecasts", .object([
                    ("read", .integer(f.read)), ("used", .integer(f.used)), ("open", .integer(f.open)),
                    ("outside_window", .integer(f.outsideWindow)), ("rejected", .integer(f.rejected)),
                    ("totals", .integer(f.totals)), ("adds_up", .bool(f.addsUp)),
                ])),
                ("actuals", .object([
                    ("read", .integer(a.read)), ("used", .integer(a.used)), ("open", .integer(a.open)),
                    ("outside_window", .integer(a.outsideWindow)),
                    ("unmatched", .integer(a.unmatched)), ("rejected", .integer(a.rejected)),
                    ("totals", .integer(a.totals)), ("adds_up", .bool(a.addsUp)),
                ])),
            ])),
        ]
        return .object(prices(result).map { members + [$0] } ?? members)
    }

    /// With `--prices`: the file, its rows, the currency label, and the scored cells left unpriced.
    static func prices(_ result: ReportResult) -> (String, JSONValue)? {
        guard let prices = result.prices else { return nil }
        let unpriced = result.unpriced?.pairs ?? []
        return ("prices", .object([
            ("path", .string(prices.path)),
            ("rows", .integer(prices.rows)),
            ("columns", .object((prices.columns?.index ?? [:]).sorted { $0.key < $1.key }.map { ($0.key.rawValue, .string(prices.columns?.header[$0.value] ?? "")) })),
            ("currency", result.request.currency.map { .string($0) } ?? .null),
            ("unpriced_items", .array(result.unpriced?.items.map { .string($0) } ?? [])),
            ("unpriced_pairs", .integer(unpriced.count)),
        ]))
    }
}

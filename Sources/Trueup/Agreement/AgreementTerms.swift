import TrueupCSV

/// The terms of supply agreements, as read from an agreements file (METRICS.md "Agreement compliance").
///
/// One row per customer and lag: the band the customer's purchases may stray
/// from its forecast at that lag, and optionally how much a forecast may be
/// revised between two lags. A customer with rows of its own is held to those;
/// every other customer to the `*` rows.
public struct AgreementTerms: Sendable, Equatable {
    /// One row of the file.
    public struct Band: Sendable, Equatable {
        /// The customer, or `*` for every customer without rows of its own.
        public var customer: String
        public var lag: Int
        /// d: purchases may be up to this % below the forecast.
        public var underPct: Double
        /// u: purchases may be up to this % above the forecast.
        public var overPct: Double
        public var revisionLimit: RevisionLimit?
        /// The row's line in the file (the header is line 1).
        public var line: Int

        public init(customer: String, lag: Int, underPct: Double, overPct: Double, revisionLimit: RevisionLimit? = nil, line: Int = 0) {
            self.customer = customer
            self.lag = lag
            self.underPct = underPct
            self.overPct = overPct
            self.revisionLimit = revisionLimit
            self.line = line
        }
    }

    /// Between lags `fromLag` > `toLag`, a forecast may change by at most `limitPct` % of the earlier one.
    public struct RevisionLimit: Sendable, Equatable {
        public var fromLag: Int
        public var toLag: Int
        public var limitPct: Double

        public init(fromLag: Int, toLag: Int, limitPct: Double) {
            self.fromLag = fromLag
            self.toLag = toLag
            self.limitPct = limitPct
        }
    }

    /// The code that stands for every customer without rows of its own.
    public static let everyone = "*"

    public var path: String
    /// In file order.
    public var bands: [Band]

    public init(path: String, bands: [Band]) {
        self.path = path
        self.bands = bands
    }

    /// The bands `customer` is held to: its own rows, else the `*` rows; by lag.
    public func bands(for customer: String) -> [Band] {
        let own = bands.filter { $0.customer == customer }
        return (own.isEmpty ? bands.filter { $0.customer == Self.everyone } : own).sorted { $0.lag < $1.lag }
    }

    /// The columns of the file, in the order `trueup agreement --all` writes them.
    public static let columns = ["customer", "lag", "under_pct", "over_pct", "revision_from_lag", "revision_to_lag", "revision_limit_pct"]
}

extension AgreementTerms {
    /// Reads an agreements file: a header naming the columns (any order, any case), then one row per customer and lag.
    ///
    /// Checks what the file alone can tell: every value a number of the right kind,
    /// no negative percentage, no under_pct above 100, the revision columns all given
    /// or all empty with from > to, and no (customer, lag) twice. Whether the
    /// customers and lags exist in the forecasts is `validate`'s job.
    public static func load(path: String) throws(AgreementsError) -> AgreementTerms {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path)
        } catch {
            switch error {
            case .unreadable(_, let reason): throw .unreadable(path: path, reason: reason)
            case .unterminatedQuote(let position): throw .badRow(path: path, line: position.line, problem: .unterminatedQuote)
            case .unsupportedEncoding(let name): throw .unreadable(path: path, reason: "the file is \(name), not UTF-8")
            case .recordTooLong(_, let limit): throw .unreadable(path: path, reason: "a record is longer than \(limit) bytes")
            }
        }
        var header: [String]?
        var position: [String: Int] = [:]
        var bands: [Band] = []
        var firstLine: [String: Int] = [:]
        var failure: AgreementsError?
        do {
            try reader.forEachRecord { record in
                let fields = (0..<record.count).map { trimmed(record.string($0)) }
                guard header != nil else {
                    let names = fields.map { $0.lowercased() }
                    let missing = ["customer", "lag", "under_pct", "over_pct"].filter { !names.contains($0) }
                    if !missing.isEmpty {
                        let error = AgreementsError.missingColumns(path: path, line: record.line, missing: missing, header: fields)
                        failure = error
                        throw error
                    }
                    for (k, name) in names.enumerated() where position[name] == nil { position[name] = k }
                    header = fields
                    return
                }
                do {
                    let band = try parse(fields, line: record.line, position: position)
                    let key = band.customer + "\u{0}" + String(band.lag)
                    if let first = firstLine[key] {
                        throw AgreementsError.Problem.duplicate(customer: band.customer, lag: band.lag, firstLine: first)
                    }
                    firstLine[key] = record.line
                    bands.append(band)
                } catch let problem as AgreementsError.Problem {
                    let error = AgreementsError.badRow(path: path, line: record.line, problem: problem)
                    failure = error
                    throw error
                }
            }
        } catch {
            if let failure { throw failure }
            if case CSVError.unterminatedQuote(let at) = error { throw .badRow(path: path, line: at.line, problem: .unterminatedQuote) }
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard header != nil else { throw .empty(path: path) }
        return AgreementTerms(path: path, bands: bands)
    }

    private static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }

    /// A code as trueup writes it into CSV, back as the code: `'=X` is `=X`. trueup puts a `'` before
    /// a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return), also in
    /// the agreements file `trueup agreement --all` writes, which is read back here.
    static func unneutralized(_ text: String) -> String {
        let bytes = Array(text.utf8.prefix(2))
        guard bytes.count == 2, bytes[0] == UInt8(ascii: "'"), [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(bytes[1]) else { return text }
        return String(text.dropFirst())
    }

    private static func parse(_ fields: [String], line: Int, position: [String: Int]) throws(AgreementsError.Problem) -> Band {
        func value(_ column: String) -> String {
            guard let k = position[column], k < fields.count else { return "" }
            return fields[k]
        }
        func lag(_ column: String) throws(AgreementsError.Problem) -> Int {
            let text = value(column)
            guard let n = Int(text), n >= 0, n <= 63 else { throw .notALag(column: column, value: text) }
            return n
        }
        func percent(_ column: String) throws(AgreementsError.Problem) -> Double {
            let text = value(column)
            guard let x = Double(text), x.isFinite, !text.isEmpty, text.allSatisfy({ "0123456789.-+eE".contains($0) }) else {
                throw .notAPercentage(column: column, value: text)
            }
            guard x >= 0 else { throw .negativePercentage(column: column, value: text) }
            return x
        }
        let customer = unneutralized(value("customer"))
        guard !customer.isEmpty else { throw .noCustomer }
        let band = Band(customer: customer, lag: try lag("lag"), underPct: try percent("under_pct"), overPct: try percent("over_pct"), line: line)
        guard band.underPct <= 100 else { throw .underAbove100(value: value("under_pct")) }
        var result = band
        let revision = ["revision_from_lag", "revision_to_lag", "revision_limit_pct"]
        let given = revision.filter { !value($0).isEmpty }
        if given.count == 3 {
            let limit = RevisionLimit(fromLag: try lag("revision_from_lag"), toLag: try lag("revision_to_lag"),
                                      limitPct: try percent("revision_limit_pct"))
            guard limit.fromLag > limit.toLag else { throw .revisionLagOrder(from: limit.fromLag, to: limit.toLag) }
            result.revisionLimit = limit
        } else if !given.isEmpty {
            throw .incompleteRevision(missing: revision.filter { value($0).isEmpty })
        }
        return result
    }
}

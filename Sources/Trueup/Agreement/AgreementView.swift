/// One customer's agreement evidence: its terms and how it did against them, its late
/// revisions, and the terms the evidence supports (`trueup agreement`).
///
/// Made from one report run over every customer, so the figures are the ones
/// agreement.csv and stability.csv hold.
public struct AgreementView: Sendable {
    public var customer: String
    public var report: ReportResult
    /// The customer's tier at the report lag, when it has a scored cell there.
    public var assessment: Assessment?
    /// The customer against each band of its agreement (empty without agreements or bands for it).
    public var terms: [AgreementRow]
    /// Whether the terms are the `*` rows (the customer has no rows of its own).
    public var termsAreDefault: Bool
    public var stability: [StabilityRow]
    public var waterfall: LagWaterfall?
    /// The proposed terms at each lag (or `--lag`'s).
    public var proposals: [ProposedTerms]

    public init(_ request: ReportRequest, customer: String, coverage: Double) throws(CustomerView.Problem) {
        var request = request
        request.hashesInputs = false
        request.grouping = .customer
        request.proposalCoverage = coverage
        do {
            report = try Report.run(request)
        } catch {
            throw .report(error)
        }
        proposals = Self.judgingBias(report.proposals.filter { $0.customer == customer }, report: report)
        guard !proposals.isEmpty || report.rows.contains(where: { $0.customer == customer }) else {
            throw .unknownCustomer(customer, lag: request.lag,
                                   similar: CustomerView.similar(customer, in: Array(Set(report.rows.compactMap(\.customer)))))
        }
        self.customer = customer
        assessment = report.assessments.first { $0.customer == customer }
        terms = report.agreement.filter { $0.customer == customer }
        termsAreDefault = terms.first.map { $0.band.customer == AgreementTerms.everyone } ?? false
        stability = report.stability.filter { $0.customer == customer }
        waterfall = report.waterfalls.first { $0.customer == customer }
    }

    /// Every customer's proposals, for `--all`.
    public static func all(_ request: ReportRequest, coverage: Double) throws(ReportError) -> [ProposedTerms] {
        var request = request
        request.hashesInputs = false
        request.grouping = .customer
        request.proposalCoverage = coverage
        let report = try Report.run(request)
        return judgingBias(report.proposals, report: report)
    }

    /// Marks each proposal whose customer's bias at that lag is material and persistent: at least
    /// the policy's watch bias, with the monthly sign test below its p (the unreliable bias rule's test).
    static func judgingBias(_ proposals: [ProposedTerms], report: ReportResult) -> [ProposedTerms] {
        let policy = report.request.policy
        let rows = Dictionary(report.rows.compactMap { row in row.customer.map { (CustomerLag(customer: $0, lag: row.lag), row) } },
                              uniquingKeysWith: { first, _ in first })
        return proposals.map { proposal in
            var proposal = proposal
            if let row = rows[CustomerLag(customer: proposal.customer, lag: proposal.lag)], let bias = row.figures.biasPct,
               let p = row.figures.signTestP {
                proposal.biasIsSignificant = abs(bias) >= policy.watchBiasPct && p < policy.unreliableSignTestP
            }
            return proposal
        }
    }

    private struct CustomerLag: Hashable {
        var customer: String
        var lag: Int
    }
}

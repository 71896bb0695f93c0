import ArgumentParser
import Trueup
import TrueupReports

/// `trueup agreement`: one customer's evidence against its supply agreement, and the terms the evidence supports.
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Show a customer's record against its supply agreement and propose terms from the evidence.",
        discussion: """
            The proposed band at each lag is the one that held for --coverage percent of the customer's item-months with a forecast: \
            the (100 - k)/2 and (100 + k)/2 percentiles of actual ÷ forecast. Each proposal says what it would have meant: \
            item-months and months in band, units bought below and above it.
            With --prices, the units below and above each band (agreed and proposed) are valued at price too, item-month by item-month; item-months without a price are counted, never valued at 0.
            With --all, writes every customer's proposals as an agreements file (customer,lag,under_pct,over_pct,...), \
            ready to edit and pass back with --agreements.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @OptionGroup var input: InputOptions
    @Option(help: "The customer.") var customer: String?
    @Flag(help: "Propose terms for every customer, as an agreements file.") var all = false
    @Option(help: "Propose terms at this lag only (months ahead). Default: every lag the customer forecasts at.") var lag: Int?
    @Option(help: ArgumentHelp("Percent of item-months the proposed band should have held for (above 0, at most 100).", valueName: "k"))
    var coverage: Double = 80
    @Option(help: "text, json or csv (the proposals). Not with --all.") var format: Format = .text
    @Option(help: ArgumentHelp("With --all, write the agreements file here instead of printing it.", valueName: "file.csv"))
    var out: String?

    func validate() throws {
        guard (customer == nil) != !all else { throw ValidationError("Give --customer C, or --all for every customer.") }
        guard coverage.isFinite, coverage > 0, coverage <= 100 else { throw ValidationError("--coverage must be above 0 and at most 100.") }
        if let lag, lag < 0 { throw ValidationError("--lag must be 0 or more months.") }
        if all && format != .text { throw ValidationError("--all writes an agreements file; --format is for one customer.") }
        if !all && out != nil { throw ValidationError("--out is for --all's agreements file.") }
    }

    func run() throws {
        let request = try input.request(lag: lag)
        if all {
            let proposals: [ProposedTerms]
            do {
                proposals = try input.withProgress(request) { request throws(ReportError) in try AgreementView.all(request, coverage: coverage) }
            } catch {
                throw Failure(error)
            }
            let text = ProposalColumns.agreementsFile(proposals)
            if let out {
                let (directory, name) = FileOutput.split(out)
                try FileOutput.checkDirectory(directory)
                try FileOutput.checkTarget(out)
                try FileOutput.write([(name: name, text: text)], in: directory)
                let customers = Set(proposals.map(\.customer)).count
                try StandardStreams.writeOutput("Wrote \(TerminalText.escaped(out)): \(proposals.count) proposed \(proposals.count == 1 ? "band" : "bands") for \(customers) \(customers == 1 ? "customer" : "customers").\n")
            } else {
                try StandardStreams.writeOutput(text)
            }
            return
        }
        guard let customer else { return }
        let view: AgreementView
        do {
            view = try input.withProgress(request) { request throws(CustomerView.Problem) in
                try AgreementView(request, customer: customer, coverage: coverage)
            }
        } catch {
            throw Failure(error)
        }
        switch format {
        case .text: try StandardStreams.writeOutput(AgreementText.render(view, agreementsPath: input.agreements))
        case .json: try StandardStreams.writeOutput(AgreementText.json(view).rendered() + "\n")
        case .csv: try StandardStreams.writeOutput(ProposalColumns.render(view.proposals, priced: view.report.prices != nil))
        }
    }
}

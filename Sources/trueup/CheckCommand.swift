import ArgumentParser
import Trueup
import TrueupReports

/// `trueup check`: can a buyer trust this customer's forecast of Q units, and what to plan instead.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a customer's forecast before purchasing: tier, bias-adjusted quantity and an 80% range.",
        discussion: """
            The adjusted quantity is Q × (actual ÷ forecast) over the window, or over the months since the history \
            drifted or deteriorated; the 80% range is that ratio ± the spread of the monthly actual ÷ forecast that 80% of \
            months stay within, never below 0, backtested on the last 12 months ("held k of n"). With fewer than the \
            policy's minimum of months (6 by default) there is no range and the plan is the forecast itself.
            With --item, the item's own history is used when it has that minimum of scored periods, else the customer's.
            With --prices and --item, the quantities are also shown at the item's price for the customer.
            Exit codes: 0 the check ran; 3 with --fail-on when the tier is at or past that level (insufficient-data \
            counts as watch); 64, 65, 66 as for report.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case watch, unreliable
        var tier: Tier { self == .watch ? .watch : .unreliable }
    }

    @OptionGroup var input: InputOptions
    @Option(help: "The customer whose forecast you received.") var customer: String
    @Option(help: "The quantity the customer forecast.") var quantity: Double
    @Option(help: "The item, to use its own history when it has enough.") var item: String?
    @Option(help: "The lag of the forecast (months ahead). Default: 1 when present, else the smallest.") var lag: Int?
    @Option(help: "text or json.") var format: Format = .text
    @Option(help: ArgumentHelp("Exit with code 3 when the tier is watch or worse (watch), or unreliable (unreliable).", valueName: "tier"))
    var failOn: FailOn?

    func validate() throws {
        guard quantity.isFinite, quantity >= 0 else { throw ValidationError("--quantity must be a number of 0 or more.") }
    }

    func run() throws {
        let check = try input.withProgress(try input.request(lag: lag)) {
            try Check($0, customer: customer, item: item, quantity: quantity)
        }
        RunNotices.write(check.view.report, rejectsFile: nil)
        switch format {
        case .text: try StandardStreams.writeOutput(CheckText.render(check))
        case .json: try StandardStreams.writeOutput(CheckText.json(check).rendered() + "\n")
        }
        // Too little data to judge is no pass: it gates a purchase at least as a watch does.
        let severity = check.tier == .insufficientData ? Tier.watch.severity : check.tier.severity
        if let failOn, severity >= failOn.tier.severity {
            throw ExitCode(3)
        }
    }
}

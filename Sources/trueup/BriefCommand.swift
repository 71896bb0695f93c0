import ArgumentParser
import Trueup
import TrueupReports

/// `trueup brief`: a one-page evidence sheet on one customer, for the account manager.
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Write a one-page Markdown evidence sheet on one customer's forecasts.",
        discussion: "Tier and reasons, the key figures in plain words, month by month forecast against actual, and the five items with the most error. With --prices, what the errors cost in money."
    )

    @OptionGroup var input: InputOptions
    @Option(help: "The customer.") var customer: String
    @Option(help: "The lag (months ahead). Default: 1 when present, else the smallest.") var lag: Int?
    @Option(help: ArgumentHelp("Write the brief to this Markdown file instead of printing it.", valueName: "file.md"))
    var out: String?

    func run() throws {
        if let out {
            // Before the work: the folder must exist (it is not created) and the target be a regular file or new.
            try FileOutput.checkDirectory(FileOutput.split(out).directory)
            try FileOutput.checkTarget(out)
        }
        let view = try input.withProgress(try input.request(lag: lag)) { try CustomerView($0, customer: customer) }
        RunNotices.write(view.report, rejectsFile: nil)
        let text = BriefMarkdown.render(view)
        if let out {
            let (directory, name) = FileOutput.split(out)
            try FileOutput.write([(name: name, text: text)], in: directory)
            try StandardStreams.writeOutput("Wrote \(TerminalText.escaped(out)).\n")
        } else {
            try StandardStreams.writeOutput(text)
        }
    }
}

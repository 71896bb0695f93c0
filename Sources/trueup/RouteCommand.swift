import ArgumentParser
import Trueup

/// `trueup route`: the partition of every row, for a runner that hands each partition only its own rows.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Print the partition of every row of the inputs, as --partition K/N reads them.",
        discussion: """
            Prints CSV: side,line,partition, one line per data row of each file (its line in the file); with --side, only that \
            file's partitions, one number a line for each line after the header. A row is in the partition \
            its group's code hashes to (see docs/scale.md); a row that can't be read and a totals row are in partition 1, as the \
            partials account for them. spark/trueup_spark.py shuffles the rows by it.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("How many partitions the book is split into.", valueName: "n"))
    var partitions: Int

    @Option(help: ArgumentHelp("Group by customer, item, or customer,item (partitions are by item with item, else by customer).", valueName: "grouping"),
            transform: ReportCommand.grouping)
    var by: Grouping = .customer

    @Option(help: ArgumentHelp("Print only this file's partitions (forecasts or actuals), one number a line for every line after its header.", valueName: "side"))
    var side: String?

    func validate() throws {
        if let side, side != "forecasts" && side != "actuals" { throw ValidationError("--side takes forecasts or actuals; not '\(side)'.") }
        guard Partition(index: 1, count: partitions) != nil else {
            throw ValidationError("--partitions takes 1 to \(Partition.largestCount); not \(partitions).")
        }
    }

    func run() throws {
        let request = try input.request(lag: nil, grouping: by)
        let routes: (forecasts: [Int32], actuals: [Int32])
        do {
            routes = try Report.routes(request, count: partitions)
        } catch {
            throw Failure(error)
        }
        var text = ""
        if let side {
            // Every line after the header: a line no row starts on (a blank one) is partition 1's.
            let owners = side == "forecasts" ? routes.forecasts : routes.actuals
            let lines = owners.count
            for k in 1..<max(1, lines) { text += "\(owners[k])\n" }
        } else {
            text = "side,line,partition\n"
            for (side, owners) in [("forecasts", routes.forecasts), ("actuals", routes.actuals)] {
                for (k, owner) in owners.enumerated() where k > 0 { text += "\(side),\(k + 1),\(owner)\n" }
            }
        }
        try StandardStreams.writeOutput(text)
    }
}

import ArgumentParser
import Trueup

/// `trueup route`: the partition of every row, for a runner that hands each partition only its own rows.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Print the partition of every row of the inputs, as --partition K/N reads them.",
        discussion: """
            Prints CSV: side,line,partition, one line per data row of each file (its line in the file). A row is in the partition \\
            its group's code hashes to (see docs/scale.md); a row that can't be read and a totals row are in partition 1, as the \\
            partials account for them. spark/trueup_spark.py shuffles the rows by it.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("How many partitions the book is split into.", valueName: "n"))
    var partitions: Int

    @Option(help: ArgumentHelp("Group by customer, item, or customer,item (partitions are by item with item, else by customer).", valueName: "grouping"),
            transform: ReportCommand.grouping)
    var by: Grouping = .customer

    func validate() throws {
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
        var text = "side,line,partition\n"
        for (side, owners) in [("forecasts", routes.forecasts), ("actuals", routes.actuals)] {
            for (k, owner) in owners.enumerated() where k > 0 { text += "\(side),\(k + 1),\(owner)\n" }
        }
        try StandardStreams.writeOutput(text)
    }
}

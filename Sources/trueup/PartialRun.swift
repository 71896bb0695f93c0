import Trueup
import TrueupReports
import TrueupSystem

/// `report --partition K/N --partial FILE`: writes the partition's partial, and says what is in it on stderr.
enum PartialRun {
    /// Report options that don't change what a partial holds: the output's, the partition's own, and the
    /// inputs' names (a runner hands each partition its own file). The rest must match across a merge.
    static let notInPartial = OutputOptions.valued.union(["--partition", "--partial", "--book-id", "--forecasts", "--actuals"])
    static let flagsNotInPartial = OutputOptions.flags

    static func write(_ command: ReportCommand, partition: Partition, to path: String) throws {
        var request = try command.input.request(lag: command.lag, grouping: command.by)
        request.partition = partition
        request.givenOwnRows = command.bookId != nil
        let partial: Partial
        do {
            partial = try command.input.withProgress(request) { request throws(ReportError) in
                try Report.partial(request, trueup: TrueupCommand.version, options: options(), bookID: command.bookId)
            }
        } catch {
            throw Failure(error)
        }
        try FileOutput.write(bytes: partial.encoded(), to: path)
        let customers = partial.customerCount == 1 ? "1 customer" : "\(NumberText.readable(Double(partial.customerCount), decimals: 0)) customers"
        StandardStreams.writeLines(["partial \(partition): \(customers), \(NumberText.readable(Double(partial.slotCount), decimals: 0)) keys, "
            + "\(NumberText.readable(Double(partial.rowCount), decimals: 0)) forecast rows written to \(path)"])
    }

    /// The report's options from the command line, as a partial keeps them for `merge` (see `notInPartial`).
    static func options(_ arguments: [String] = CommandLine.arguments) -> [String] {
        guard let start = arguments.firstIndex(of: "report") else { return [] }
        var kept: [String] = []
        var k = start + 1
        while k < arguments.count {
            let argument = arguments[k]
            let name = String(argument.prefix { $0 != "=" })
            if notInPartial.contains(name) {
                k += argument.contains("=") ? 1 : 2
                continue
            }
            if !flagsNotInPartial.contains(argument) { kept.append(argument) }
            k += 1
        }
        return kept
    }
}

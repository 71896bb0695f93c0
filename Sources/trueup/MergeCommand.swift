import ArgumentParser
import Trueup
import TrueupReports
import TrueupSystem

/// `trueup merge`: the report of a book from the partials of its partitions, the same bytes as one run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the partials of every partition of a book into its report.",
        discussion: """
            Each partial is written by `trueup report --partition K/N --partial FILE`, every one with the same report options. \
            merge takes them in any order, with the report's output options, and writes what one `trueup report` over the whole \
            book writes: the table, every file of --out DIR, the history. It refuses partials of different inputs, options or \
            versions, a damaged file (exit 65), and a missing or repeated partition (exit 64).
            """
    )

    @Argument(help: ArgumentHelp("The partials, one per partition.", valueName: "partial"))
    var partials: [String] = []

    /// How the report is written, as `report` takes it.
    @OptionGroup var output: OutputOptions

    func run() throws {
        var read: [(path: String, partial: Partial)] = []
        for path in partials { read.append((path, try Self.read(path))) }
        do {
            try Report.checkPartials(read)
        } catch {
            throw Failure(error)
        }
        // Only the first partial's options and names: holding the partial here would keep its cells.
        let (options, forecasts, actuals) = (read[0].partial.options, read[0].partial.forecastsPath, read[0].partial.actualsPath)
        var arguments = ["report"] + options + ["--forecasts", forecasts, "--actuals", actuals]
        arguments += output.arguments
        let report: ReportCommand
        do {
            report = try ReportCommand.parse(Array(arguments.dropFirst()))
        } catch {
            throw Failure("The partials' report options can't be read by this trueup (\(options.joined(separator: " "))): \(ReportCommand.message(for: error))", code: Failure.data)
        }
        // The partials are handed over, not kept here: merge lets their cells go once the book is put together.
        var held: [(path: String, partial: Partial)]? = consume read
        try report.run { request throws(ReportError) in
            let partials = held!
            held = nil
            return try Report.merged(consume partials, request: request)
        }
    }

    /// A partial file's bytes, as a partial.
    static func read(_ path: String) throws(Failure) -> Partial {
        let opened: (file: SystemFile, status: FileStatus)
        do {
            opened = try SystemFile.openRegular(path)
        } catch {
            switch error {
            case .cantOpen(let error): throw Failure("\(path): can't open the partial (\(error)).", code: Failure.noInput)
            case .notRegular(let kind): throw Failure("\(path): is \(kind.described), not a partial file.", code: Failure.noInput)
            }
        }
        defer { opened.file.close() }
        var bytes = [UInt8](repeating: 0, count: opened.status.size)
        do {
            let got = try opened.file.readFully(into: &bytes, at: 0)
            guard got == bytes.count else { throw Failure("\(path): changed while it was read.", code: Failure.ioError) }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure("\(path): reading failed (\(error)).", code: Failure.ioError)
        }
        do {
            return try Partial(bytes: bytes, path: path)
        } catch {
            throw Failure(error)
        }
    }
}

import ArgumentParser
import TrueupSystem

@main
struct TrueupCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "trueup",
        abstract: "Measure how good each customer's forecasts have been, from forecast and actual CSV files.",
        discussion: """
            Error is forecast minus actual: a positive bias means the customer over-forecast.
            Exit codes: 0 success, 64 usage, 65 bad input data, 66 input file missing or not a regular file,
            73 output can't be created or replaced, 74 I/O error (an input changed while read, a full disk).
            """,
        version: version,
        subcommands: [ReportCommand.self, MergeCommand.self, RouteCommand.self, CheckCommand.self, BriefCommand.self, AgreementCommand.self, HistoryCommand.self, PolicyCommand.self, GenerateCommand.self]
    )

    /// Parses, runs the command, and turns any failure it throws into its message and exit code, here and only here.
    /// A closed standard output is an error value (EPIPE) to handle, not a signal that ends the process unannounced.
    static func main() {
        Syscalls.ignoreBrokenPipeSignal()
        Syscalls.removeTemporariesOnSignal()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if let failure = Failure(caught: error) { failure.exit() }
            // Help and the version are standard output like any other: a write that fails is exit 74.
            if exitCode(for: error) == .success {
                do {
                    try StandardStreams.writeOutput(fullMessage(for: error) + "\n")
                } catch {
                    error.exit()
                }
                exit(withError: nil)
            }
            exit(withError: error)
        }
    }
}

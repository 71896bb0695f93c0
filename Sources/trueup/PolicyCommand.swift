import ArgumentParser
import Trueup

/// `trueup policy`: the default flag policy as a commented TOML file to start from.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the flag policy as a commented TOML file (the default, or FILE with its overrides applied).",
        discussion: "Save it, change what you need, and pass it to report, check or brief with --policy FILE."
    )

    @Argument(help: ArgumentHelp("A policy file to check and print in full.", valueName: "file"))
    var file: String?

    func run() throws {
        let policy = try file.map { path throws(PolicyError) in try Policy.load(path: path) } ?? Policy.default
        try StandardStreams.writeOutput(policy.commentedTOML)
    }
}

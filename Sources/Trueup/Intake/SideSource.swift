import TrueupSystem

/// One place rows come from: a file named on the command line, a file found in a named folder,
/// standard input (`-`), or a workbook converted to text.
public struct SideSource: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file
        /// A file inside a folder given as the input.
        case folderMember(folder: String)
        case standardInput
        /// An .xlsx workbook, read through a `WorkbookReader`.
        case workbook
    }

    public var kind: Kind
    /// The path as given or found; `-` for standard input.
    public var path: String

    /// The name messages use: the path, or `standard input`.
    public var displayName: String { kind == .standardInput ? "standard input" : path }

    /// The file's name without its folders.
    var baseName: String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Extensions read from a folder, compared without case.
    static let folderExtensions = ["csv", "tsv", "txt", "xlsx"]

    /// An .xlsx workbook, or an .xlsm (the same with macros, which are not run).
    static func isWorkbook(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
    }
    static func isLegacyWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xls") }

    /// The size of the file at `path` in bytes; 0 when it can't be read (the read then says why).
    static func size(of path: String) -> Int {
        (try? Syscalls.status(path: path))?.size ?? 0
    }

    /// Whether `path` names a folder (read as its files).
    static func isFolder(_ path: String) -> Bool {
        (try? Syscalls.status(path: path))?.kind == .directory
    }

    /// The sources the arguments name, in order: a folder stands for its .csv, .tsv, .txt and
    /// .xlsx files in name order (byte order), not its subfolders; `-` is standard input, at most once.
    public static func resolve(_ arguments: [String], followLinks: Bool = false) throws(InputError) -> [SideSource] {
        try resolveWithLeftOut(arguments, followLinks: followLinks).sources
    }

    /// `resolve`, with the members of its folders that are not read and why.
    static func resolveWithLeftOut(_ arguments: [String], followLinks: Bool) throws(InputError)
        -> (sources: [SideSource], leftOut: [LeftOutFile]) {
        var sources: [SideSource] = []
        var leftOut: [LeftOutFile] = []
        for argument in arguments {
            if argument == "-" {
                sources.append(SideSource(kind: .standardInput, path: "-"))
                continue
            }
            let status: FileStatus
            do {
                status = try Syscalls.status(path: argument)
            } catch {
                throw .missingFile(path: argument, reason: "\(error)")
            }
            if status.kind == .directory {
                let listing = FolderListing(argument, followLinks: followLinks)
                let members = listing.members
                leftOut += listing.leftOut
                guard !members.isEmpty else { throw .emptyFolder(path: argument) }
                sources += members.map { member in
                    SideSource(kind: isWorkbook(member) ? .workbook : .folderMember(folder: argument), path: member)
                }
            } else if isLegacyWorkbook(argument) {
                throw .legacyWorkbook(path: argument)
            } else {
                sources.append(SideSource(kind: isWorkbook(argument) ? .workbook : .file, path: argument))
            }
        }
        return (sources, leftOut)
    }
}

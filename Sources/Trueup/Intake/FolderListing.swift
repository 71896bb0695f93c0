import TrueupSystem

/// A member of an input folder that is not read, and why: every member is read or named.
public struct LeftOutFile: Sendable, Equatable, Codable {
    public enum Reason: Sendable, Equatable, Codable {
        /// Its name starts with a dot.
        case hidden
        /// Not a .csv, .tsv, .txt or .xlsx file.
        case otherExtension
        /// A folder (subfolders are not read).
        case folder
        /// A FIFO, a device, a socket (or a link to one).
        case notRegular(kind: String)
        /// A symbolic link that resolves outside the folder (`--follow-links` reads it).
        case linkOutside
        /// A link that points nowhere, or a member whose status can't be read.
        case unreadable(reason: String)
    }

    /// The member's path, folder included, as messages show it.
    public var path: String
    public var reason: Reason
}

/// The members of an input folder: the ones read, in name (byte) order, and the rest with why.
///
/// A member is read when it is a regular file (or a link to one inside the folder, or anywhere
/// with `followLinks`) with a readable extension and a name without a leading dot. A name that
/// is not UTF-8 is read by its own bytes and shown escaped (`\x{E9}`).
struct FolderListing {
    var members: [String] = []
    var leftOut: [LeftOutFile] = []

    init(_ folder: String, followLinks: Bool) {
        let resolvedFolder = Syscalls.resolvedPath(folder)
        for name in Syscalls.names(in: folder).sorted(by: { $0.precedesInByteOrder($1) }) {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            func leave(_ reason: LeftOutFile.Reason) { leftOut.append(LeftOutFile(path: path, reason: reason)) }
            if name.hasPrefix(".") {
                leave(.hidden)
                continue
            }
            let own: FileStatus
            let target: FileStatus
            do {
                own = try Syscalls.status(path: path, followingLinks: false)
                target = own.kind == .symbolicLink ? try Syscalls.status(path: path) : own
            } catch {
                leave(.unreadable(reason: error.isNotFound ? "a link to nothing" : error.description))
                continue
            }
            if target.kind == .directory {
                leave(.folder)
                continue
            }
            let ext = name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
            guard SideSource.folderExtensions.contains(ext) else {
                leave(.otherExtension)
                continue
            }
            guard target.kind == .regular else {
                leave(.notRegular(kind: target.kind.described))
                continue
            }
            if own.kind == .symbolicLink && !followLinks {
                guard let resolvedFolder, let resolved = Syscalls.resolvedPath(path),
                      resolved.hasPrefix(resolvedFolder.hasSuffix("/") ? resolvedFolder : resolvedFolder + "/") else {
                    leave(.linkOutside)
                    continue
                }
            }
            members.append(path)
        }
    }
}

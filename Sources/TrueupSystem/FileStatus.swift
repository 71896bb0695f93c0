/// What the system says of a file: its kind, size, last change and identity.
package struct FileStatus: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case regular, directory, pipe, characterDevice, blockDevice, socket, symbolicLink, other

        /// In a user's words: "a directory", "a device", ...
        package var described: String {
            switch self {
            case .regular: return "a regular file"
            case .directory: return "a directory"
            case .pipe: return "a named pipe (FIFO)"
            case .characterDevice, .blockDevice: return "a device"
            case .socket: return "a socket"
            case .symbolicLink: return "a symbolic link"
            case .other: return "not a regular file"
            }
        }
    }

    package var kind: Kind
    package var size: Int
    /// The modification time, in nanoseconds since 1970.
    package var modifiedNanoseconds: Int64
    package var device: UInt64
    package var inode: UInt64

    package init(kind: Kind, size: Int, modifiedNanoseconds: Int64, device: UInt64, inode: UInt64) {
        self.kind = kind
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.device = device
        self.inode = inode
    }

    /// Whether `other`, taken later of the same path, says the file was changed or replaced in between.
    package func changed(since other: FileStatus) -> Bool {
        size != other.size || modifiedNanoseconds != other.modifiedNanoseconds || inode != other.inode || device != other.device
    }
}

/// Where in a file something was found: 1-based line and 0-based byte offset.
public struct CSVPosition: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var byteOffset: Int

    public init(line: Int, byteOffset: Int) {
        self.line = line
        self.byteOffset = byteOffset
    }

    public var description: String { "line \(line) (byte \(byteOffset))" }
}

/// A file the reader cannot turn into records.
///
/// The reader is lenient about everything it can still parse (a stray quote
/// inside an unquoted field is data); these are the cases with no sensible reading.
public enum CSVError: Error, Sendable, Equatable {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// A quoted field opened at `position` is never closed before the end of the file.
    case unterminatedQuote(CSVPosition)
    /// The file is UTF-16 or UTF-32: it starts with their byte order mark, or has
    /// UTF-16's zero bytes in every other place (see `UnsupportedEncoding`).
    case unsupportedEncoding(String)
    /// A record starting at `position` runs past `limit` bytes without ending: not a CSV export
    /// (a binary file, a stray quote that swallowed the file), and holding it would take memory without bound.
    case recordTooLong(CSVPosition, limit: Int)
}

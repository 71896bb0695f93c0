/// Why the generator could not produce its files.
public enum GeneratorError: Error, Sendable, Equatable {
    /// The configuration cannot be generated; the text names the setting and the allowed range.
    case invalidConfig(String)
    /// A directory or file could not be created or written.
    case cannotWrite(path: String, reason: String)
}

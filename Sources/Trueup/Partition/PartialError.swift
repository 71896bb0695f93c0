/// Why partials can't be merged, or a partial can't be written.
public enum PartialError: Error, Equatable, Sendable {
    /// The file does not start as a partial does.
    case notAPartial(path: String)
    /// The file is a partial whose bytes are not what was written.
    case damaged(path: String, reason: String)
    /// Written in another version of the partial format.
    case formatVersion(path: String, found: Int, expected: Int)
    /// Written by another trueup version than the first partial.
    case trueupVersion(path: String, found: String, first: String, firstPath: String)
    /// Made with other report options than the first partial.
    case options(path: String, found: [String], first: [String], firstPath: String)
    /// Made from other inputs than the first partial.
    case book(path: String, found: String, first: String, firstPath: String)
    /// A partition of another split (`K/N` with another N).
    case partitionCount(path: String, found: Int, first: Int, firstPath: String)
    /// The same partition twice.
    case repeated(partition: Partition, paths: [String])
    /// Partitions not given.
    case missing(partitions: [Int], count: Int)
    /// Two partitions read one side's quantities with different decimal marks.
    case decimalMarks(path: String, firstPath: String, side: String)
    /// No partial was given.
    case none
    /// The book's quantities are past what the partials' exact sums hold (more than
    /// `QuantityScale.maximumDecimals` decimal places, or a total past 10^15 units): one run's
    /// figures can't be reproduced from the parts.
    case inexact(path: String?)
}

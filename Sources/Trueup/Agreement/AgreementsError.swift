/// Why an agreements file can't be used. Every problem with a row names its line.
public enum AgreementsError: Error, Sendable, Equatable {
    /// What is wrong with one row.
    public enum Problem: Error, Sendable, Equatable {
        case noCustomer
        case notALag(column: String, value: String)
        case notAPercentage(column: String, value: String)
        case negativePercentage(column: String, value: String)
        /// under_pct above 100 would let the customer buy less than nothing.
        case underAbove100(value: String)
        case incompleteRevision(missing: [String])
        /// A revision limit runs from the longer lag to the shorter one.
        case revisionLagOrder(from: Int, to: Int)
        case duplicate(customer: String, lag: Int, firstLine: Int)
        /// The customer is in neither input file; `similar` are codes that look alike.
        case unknownCustomer(String, similar: [String])
        /// The customer (every customer, for `*`) has no forecast at this lag in the window.
        case lagWithoutForecasts(customer: String, lag: Int, available: [Int])
        case unterminatedQuote
    }

    case unreadable(path: String, reason: String)
    case empty(path: String)
    case missingColumns(path: String, line: Int, missing: [String], header: [String])
    case badRow(path: String, line: Int, problem: Problem)
}

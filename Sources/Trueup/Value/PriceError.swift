/// Why a prices file can't be used. Each case is one clear sentence at the CLI.
public enum PriceError: Error, Sendable, Equatable {
    /// The file can't be opened or read, or its header lacks a required column.
    case input(InputError)
    /// Rows that can't be used: every one, in file order (a price file is small, and a wrong
    /// price would value every cell of its item wrongly, so none is skipped).
    case badRows(file: String, problems: [PriceProblem])
}

/// One row of a prices file that can't be used, with where it is.
public struct PriceProblem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Not as many fields as the header.
        case fieldCount(expected: Int, found: Int)
        /// The item is empty.
        case emptyItem
        /// The price or cost is not a number (the text as written).
        case notANumber(String)
        /// The price or cost is below 0.
        case negative(Double)
        /// The price or cost is too large to multiply by a quantity (more than 1e15).
        case tooLarge(String)
        /// An earlier row priced the same customer (nil: the general price) and item.
        case duplicate(customer: String?, item: String, firstLine: Int)
    }

    public var line: Int
    /// The header name of the column at fault, when one column is.
    public var column: String?
    public var kind: Kind

    public init(line: Int, column: String?, kind: Kind) {
        self.line = line
        self.column = column
        self.kind = kind
    }
}

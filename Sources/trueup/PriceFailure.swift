import Trueup
import TrueupReports

extension Failure {
    /// A prices file that can't be used: every bad row, with its line, up to 10, and the count.
    init(_ error: PriceError) {
        switch error {
        case .input(let input): self.init(input)
        case .badRows(let file, let problems):
            var lines = problems.prefix(10).map { problem in
                "\(file):\(problem.line): " + (problem.column.map { "column \($0): " } ?? "") + Self.reason(problem.kind)
            }
            if problems.count > 10 { lines.append("... and \(problems.count - 10) more.") }
            let total = problems.count
            lines.append("\(total) price row\(total == 1 ? "" : "s") can't be used. Fix the prices file and run again: a wrong price would value every cell of its item wrongly.")
            self.init(lines: lines, code: Self.data)
        }
    }

    private static func reason(_ kind: PriceProblem.Kind) -> String {
        switch kind {
        case .fieldCount(let expected, let found): return "expected \(expected) fields as in the header, found \(found)"
        case .emptyItem: return "item is empty"
        case .notANumber(let text): return "\"\(printable(text))\" is not a number"
        case .negative(let value): return "\(NumberText.exact(value)) is negative; prices and costs are 0 or more"
        case .tooLarge(let text): return "\"\(printable(text))\" is too large for a price (at most 1e15)"
        case .duplicate(let customer, let item, let firstLine):
            let whose = customer.map { "customer \(printable($0))" } ?? "every customer (no customer given)"
            return "a second price for item \(printable(item)) for \(whose); line \(firstLine) has the first"
        }
    }

    /// A name from the file with its control characters (escape sequences, line breaks) shown as `\u{1B}`,
    /// so it can't move the cursor or forge a line of the message.
    private static func printable(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }.joined()
    }
}

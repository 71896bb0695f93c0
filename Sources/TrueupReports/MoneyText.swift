import Trueup

/// Money in text outputs: whole amounts with thousands grouped, labelled with `--currency`.
///
/// Nothing is converted; the code is only a label. CSV files keep plain numbers.
public enum MoneyText {
    /// "182,400 EUR"; "182,400" without a currency; "-" for an empty figure.
    public static func amount(_ value: Double?, _ currency: String?) -> String {
        guard let value else { return "-" }
        let text = NumberText.readable(value, decimals: 0)
        return currency.map { "\(text) \($0)" } ?? text
    }

    /// A unit price, with its cents: "33.44 EUR".
    public static func unitPrice(_ value: Double, _ currency: String?) -> String {
        let text = NumberText.readable(value, decimals: 2)
        return currency.map { "\(text) \($0)" } ?? text
    }

    /// A column header for money: "excess at cost EUR", or the label alone.
    static func header(_ label: String, _ currency: String?) -> String {
        currency.map { "\(label) \($0)" } ?? label
    }

    /// The book's money at `lag` and the cells without a price, as lines for the terminal; empty without prices.
    public static func book(_ result: ReportResult, lag: Int) -> String {
        guard let book = BookValue(result.rows, lag: lag) else { return "" }
        let currency = result.request.currency
        guard book.pricedCells > 0 else {
            return "Money at lag \(lag): none of the \(NumberText.readable(Double(book.cells), decimals: 0)) scored cells has a price in \(result.prices?.path ?? "the prices file"), so nothing is valued.\n"
        }
        var out = "Money at lag \(lag) (prices from \(result.prices?.path ?? "the prices file")): "
        out += "\(amount(book.actualValue, currency)) bought, \(amount(book.forecastValue, currency)) forecast; "
        out += "excess stock at cost \(amount(book.excessCost, currency)), sales at risk \(amount(book.shortfallValue, currency)); "
        out += "value wMAPE \(NumberText.readable(book.valueWmape, decimals: 1))%.\n"
        out += unpriced(result, book: book, lag: lag)
        return out
    }

    /// The line on the cells left out of the money for want of a price.
    static func unpriced(_ result: ReportResult, book: BookValue, lag: Int) -> String {
        guard book.unpricedCells > 0 else { return "Every scored cell at lag \(lag) has a price.\n" }
        let items = result.unpriced?.items ?? []
        let shown = items.prefix(10).joined(separator: ", ")
        let more = items.count > 10 ? ", and \(items.count - 10) more" : ""
        let itemWord = items.count == 1 ? "item" : "items"
        return "Unpriced: \(NumberText.readable(Double(book.unpricedCells), decimals: 0)) of \(NumberText.readable(Double(book.cells), decimals: 0)) cells at lag \(lag) "
            + "\(book.unpricedCells == 1 ? "has" : "have") no price (\(items.count) \(itemWord) for some or all customers: \(shown)\(more)); they are left out of the money, never valued at 0.\n"
    }
}

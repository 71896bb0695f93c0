import Foundation

/// A partition's share of a book (`trueup report --partition K/N --partial FILE`): for its groups, the
/// cells every figure is summed from (each key's summed actual and its forecast rows, in the panel's
/// exact units), never a finished figure; and the book-wide facts as the partition saw them (months,
/// decimal places, row accounting, rejected rows, the inputs' digests). `merge` puts the partials
/// together and scores the book once. The format is docs/scale.md's "The partial file".
public struct Partial {
    /// Bumped whenever the bytes of a partial change meaning.
    public static let formatVersion = 1
    static let magic = Array("TRUEUP PARTIAL\n".utf8)

    struct Header: Codable {
        var format = "trueup-partial"
        var version = Partial.formatVersion
        /// The trueup version that wrote it: partials of different versions are not merged.
        var trueup: String
        /// The report options, as given (without the partition, the partial file and the output options).
        var options: [String]
        /// What names the book: the inputs' digests, or the `--book-id` a runner gave.
        var book: String
        var partition: Partition
        var forecasts: InputFile
        var actuals: InputFile
        var problems: [RowProblem]
        var problemsTotal: Int
        var keepsAllProblems: Bool
        /// The partition's codes, by the ids its slots use.
        var customers: [String]
        var items: [String]
        var customerSpellings: [Spelling]
        var itemSpellings: [Spelling]
        var scale: QuantityScale
        var magnitude: Double
        var firstActual: Month?
        var lastClosed: Month?
        var firstMonth: Month?
        /// (month index, latest day) of every month whose actuals carry days.
        var latestDays: [[Int]]
        var latestMonthLines: [Int]
        var slots: Int
        var rows: Int
    }

    struct Spelling: Codable {
        var id: Int32
        var spelling: KeySpelling
    }

    var header: Header
    // Per slot, in the order the partition made them.
    var slotKey: [UInt64] = []
    var actual: [Double] = []
    var actualRows: [Int32] = []
    var forecastLags: [UInt64] = []
    var slotPosition: [UInt64] = []
    // Per forecast row, in reading order.
    var rowSlot: [Int32] = []
    var rowLag: [UInt8] = []
    var rowValue: [Double] = []
    var rowPosition: [UInt64] = []

    public var partition: Partition { header.partition }
    public var customerCount: Int { header.customers.count }
    public var slotCount: Int { slotKey.count }
    public var rowCount: Int { rowSlot.count }
    /// The report options the partial was made with (`PartialRun.options`).
    public var options: [String] { header.options }
    /// The sides' names as the partition read them.
    public var forecastsPath: String { header.forecasts.path }
    public var actualsPath: String { header.actuals.path }
}

extension Partial {
    /// The partition's share of `book`: its slots with the ids of the codes they use, renumbered densely.
    init(_ book: ReadBook, partition: Partition, trueup: String, options: [String], bookID: String?, keepsAllProblems: Bool) {
        let panel = book.panel
        var customerID: [Int32: Int32] = [:], itemID: [Int32: Int32] = [:]
        var customers: [String] = [], items: [String] = []
        var slotKey: [UInt64] = []
        slotKey.reserveCapacity(panel.slotKey.count)
        for key in panel.slotKey {
            let c = Panel.customer(of: key), i = Panel.item(of: key)
            let cc: Int32, ii: Int32
            if let known = customerID[c] { cc = known } else {
                cc = Int32(customers.count)
                customerID[c] = cc
                customers.append(panel.customerName(c))
            }
            if let known = itemID[i] { ii = known } else {
                ii = Int32(items.count)
                itemID[i] = ii
                items.append(panel.itemName(i))
            }
            slotKey.append(Panel.pack(customer: cc, item: ii, month: Panel.month(of: key)))
        }
        func spellings(_ table: [Int32: KeySpelling], _ ids: [Int32: Int32]) -> [Spelling] {
            table.compactMap { id, spelling in ids[id].map { Spelling(id: $0, spelling: spelling) } }.sorted { $0.id < $1.id }
        }
        let latestDays = panel.latestDays.enumerated().filter { $0.element != 0 }.map { [$0.offset, Int($0.element)] }
        func identity(_ side: InputFile) -> String { side.sha256.isEmpty ? "\(side.path) (\(side.bytes) bytes)" : side.sha256 }
        let name = bookID ?? "forecasts \(identity(book.forecasts)), actuals \(identity(book.actuals))"
        header = Header(trueup: trueup, options: options, book: name, partition: partition,
                        forecasts: book.forecasts, actuals: book.actuals, problems: book.problems.kept,
                        problemsTotal: book.problems.total,
                        keepsAllProblems: keepsAllProblems, customers: customers, items: items,
                        customerSpellings: spellings(panel.customerSpellings, customerID),
                        itemSpellings: spellings(panel.itemSpellings, itemID), scale: panel.scale, magnitude: panel.magnitude,
                        firstActual: panel.firstActual, lastClosed: panel.lastClosed, firstMonth: panel.firstMonth,
                        latestDays: latestDays, latestMonthLines: panel.latestMonthLines, slots: slotKey.count,
                        rows: panel.rowSlot.count)
        self.slotKey = slotKey
        actual = panel.actual
        actualRows = panel.actualRows
        forecastLags = panel.forecastLags
        slotPosition = panel.positions?.slot ?? []
        rowSlot = panel.rowSlot
        rowLag = panel.rowLag
        rowValue = panel.rowValue
        rowPosition = panel.positions?.row ?? []
    }
}

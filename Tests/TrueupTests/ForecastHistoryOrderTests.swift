import Testing
@testable import Trueup
import TrueupGenerate

/// The history's entries and stability sums against plain references, on shuffled rows.
///
/// `ForecastHistory` orders its entries with counting sorts and places each row's
/// forecast by the slot's lag bits; `revisions(_:)` sums every pair of lags in one
/// pass. Here a panel read from rows in random order (names whose byte order is not
/// their order of first sight) is checked against a comparison sort and a lookup
/// per (customer, item, month, lag), and every stability row against the one-pair
/// reference `revision(_:from:to:)`.
@Suite struct ForecastHistoryOrderTests {
    struct Generated {
        var forecasts: String
        var actuals: String
        /// (customer, item, period, lag) → the forecast text, for the rows written.
        var forecastOf: [String: Double]
    }

    static func generate(seed: UInt64) -> Generated {
        var random = SplitMix(seed: seed)
        let customers = (0..<12).map { _ in ["Zeta", "alpha", "Beta", "0-9", "éclair", "Ω", "b"][Int(random.next() % 7)] + String(random.next() % 50) }
        let items = (0..<9).map { _ in ["SKU", "sku", "Item", "_x", "Z"][Int(random.next() % 5)] + String(random.next() % 20) }
        var forecastRows: [String] = []
        var actualRows: [String] = []
        var forecastOf: [String: Double] = [:]
        var seenActual: Set<String> = []
        for customer in Set(customers) {
            for item in Set(items) where random.next() % 4 != 0 {
                for month in 1...9 where random.next() % 5 != 0 {
                    let period = "2024-0\(month)"
                    for lag in 0...3 where random.next() % 3 != 0 && !customer.hasPrefix("b") {
                        let value = Double(random.next() % 400) / 4
                        forecastRows.append("\(customer),\(item),\(period),\(lag),\(value)")
                        forecastOf["\(customer)|\(item)|\(period)|\(lag)"] = value
                    }
                    if random.next() % 4 != 0 && !seenActual.contains("\(customer)|\(item)|\(period)") {
                        seenActual.insert("\(customer)|\(item)|\(period)")
                        actualRows.append("\(customer),\(item),\(period),\(Double(random.next() % 300) / 2)")
                    }
                }
            }
        }
        forecastRows.shuffle(using: &random)
        actualRows.shuffle(using: &random)
        return Generated(forecasts: (["customer,item,period,lag,forecast"] + forecastRows).joined(separator: "\n") + "\n",
                         actuals: (["customer,item,period,actual"] + actualRows).joined(separator: "\n") + "\n",
                         forecastOf: forecastOf)
    }

    static func panel(_ generated: Generated, in scratch: Scratch) throws -> Panel {
        let request = ReportRequest(forecasts: scratch.file("f.csv", generated.forecasts), actuals: scratch.file("a.csv", generated.actuals))
        var ingest = Ingest(overrides: [:], keepAllProblems: false, threads: 1)
        _ = try ingest.readSide(request.side(.actuals))
        _ = try ingest.readSide(request.side(.forecasts))
        return ingest.panel
    }

    static func history(_ panel: Panel, _ window: Window, _ strategy: HistoryOrder.Strategy = .automatic,
                        threads: Int = 1) throws -> ForecastHistory {
        let join = Join(panel: panel, window: window, lastClosed: window.last, firstActual: try #require(panel.firstActual))
        return ForecastHistory(panel: panel, series: join.series(), window: window, strategy: strategy, threads: threads, rowsPerThread: 1)
    }

    /// Made on several threads, the history is the one made on one: every entry, value and customer.
    @Test(arguments: [2, 3, 7] as [Int])
    func threadsMakeTheSameHistory(threads: Int) throws {
        let scratch = Scratch()
        let panel = try Self.panel(Self.generate(seed: UInt64(threads) + 10), in: scratch)
        let window = Window(first: try #require(Month(year: 2024, month: 1)), last: try #require(Month(year: 2024, month: 9)))
        let one = try Self.history(panel, window)
        let many = try Self.history(panel, window, threads: threads)
        func describe(_ h: ForecastHistory) -> [String] {
            h.customers.map { "\($0.name) \($0.entries) \($0.lags)" }
                + h.entries.map { "\($0.month) \($0.item) \($0.actual) \($0.hasActual) \($0.lags) \($0.first)" }
                + h.values.map { "\($0.bitPattern)" }
        }
        #expect(describe(one) == describe(many))
        #expect(one.customers.count > threads)
    }

    /// Two codes equal as Swift strings but not in bytes (é, and e with a combining accent) are two
    /// customers, wherever the threads' runs are cut.
    @Test(arguments: [1, 2, 3, 4] as [Int])
    func canonicallyEqualCodesStayTwoCustomers(threads: Int) throws {
        let scratch = Scratch()
        let forecasts = "customer,item,period,lag,forecast\ne\u{301},x,2024-01,1,1\ne\u{301},y,2024-01,1,2\n\u{E9},x,2024-01,1,3\n\u{E9},y,2024-01,1,4\n"
        let actuals = "customer,item,period,actual\ne\u{301},x,2024-01,1\n\u{E9},x,2024-01,1\n"
        let panel = try Self.panel(Generated(forecasts: forecasts, actuals: actuals, forecastOf: [:]), in: scratch)
        let month = try #require(Month(year: 2024, month: 1))
        let history = try Self.history(panel, Window(first: month, last: month), threads: threads)
        #expect(history.customers.map { Array($0.name.utf8) } == [Array("e\u{301}".utf8), Array("\u{E9}".utf8)])
        #expect(history.customers.map(\.entries) == [0..<2, 2..<4])
    }

    @Test(arguments: [(1, .grid), (2, .grid), (3, .radix), (4, .radix), (5, .automatic)] as [(UInt64, HistoryOrder.Strategy)])
    func entriesAreInNameMonthItemOrderWithEveryForecast(seed: UInt64, strategy: HistoryOrder.Strategy) throws {
        let scratch = Scratch()
        let generated = Self.generate(seed: seed)
        let panel = try Self.panel(generated, in: scratch)
        let window = Window(first: try #require(Month(year: 2024, month: 2)), last: try #require(Month(year: 2024, month: 8)))
        let history = try Self.history(panel, window, strategy)
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        // Customers in byte order of their names, each once.
        let names = history.customers.map { $0.name }
        #expect(names == names.sorted { bytes($0).lexicographicallyPrecedes(bytes($1)) })
        #expect(Set(names).count == names.count)
        // The reference: every in-window (customer, item, month) with a row, of customers that forecast in the window.
        var expected: [(customer: String, month: Month, item: String)] = []
        for slot in panel.slotKey.indices {
            let key = panel.slotKey[slot]
            let month = Panel.month(of: key)
            guard month >= window.first && month <= window.last else { continue }
            let customer = panel.customers.name(Panel.customer(of: key))
            guard names.contains(customer) else { continue }
            expected.append((customer, month, panel.items.name(Panel.item(of: key))))
        }
        expected.sort { a, b in
            if a.customer != b.customer { return bytes(a.customer).lexicographicallyPrecedes(bytes(b.customer)) }
            if a.month != b.month { return a.month < b.month }
            return bytes(a.item).lexicographicallyPrecedes(bytes(b.item))
        }
        var got: [(customer: String, month: Month, item: String)] = []
        for customer in history.customers {
            for entry in history.entries[customer.entries] {
                let item = panel.items.name(entry.item)
                got.append((customer.name, entry.month, item))
                for lag in 0...3 {
                    let written = generated.forecastOf[customer.name + "|" + item + "|" + entry.month.description + "|" + String(lag)]
                    let held = history.forecast(entry, lag: lag).map { history.scale.quantity(units: $0) }
                    #expect(held == written, "\(customer.name) \(item) \(entry.month) lag \(lag)")
                }
            }
        }
        #expect(got.count == expected.count)
        #expect(zip(got, expected).allSatisfy { $0.customer == $1.customer && $0.month == $1.month && $0.item == $1.item })
    }

    @Test(arguments: [5, 6, 7] as [UInt64])
    func everyPairInOnePassEqualsThePairByPairReference(seed: UInt64) throws {
        let scratch = Scratch()
        let panel = try Self.panel(Self.generate(seed: seed), in: scratch)
        let window = Window(first: try #require(Month(year: 2024, month: 1)), last: try #require(Month(year: 2024, month: 9)))
        let history = try Self.history(panel, window)
        var checked = 0
        for customer in history.customers {
            let lags = ForecastHistory.lags(customer.lags)
            let reference = lags.reversed().flatMap { a in lags.reversed().filter { $0 < a }.map { history.revision(customer, from: a, to: $0) } }
            #expect(history.revisions(customer) == reference)
            checked += reference.count
        }
        #expect(checked > 20)
    }
}

/// A small seeded generator, so a failure can be replayed.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct RadixSortTests {
    @Test(arguments: [(0, 0), (1, 5), (2, 1), (1000, 3), (5000, 1 << 20), (5000, 1 << 40), (3000, UInt64.max)] as [(Int, UInt64)])
    func sortsLikeTheStableReference(count: Int, largest: UInt64) {
        var random = SplitMix(seed: UInt64(count) &+ largest)
        var keyed = (0..<count).map { k in (key: largest == 0 ? 0 : random.next() % largest, slot: Int32(k)) }
        // Many equal keys, so stability shows.
        for k in stride(from: 0, to: keyed.count, by: 3) { keyed[k].key = keyed[k / 2].key }
        let expected = RadixSort.reference(keyed)
        RadixSort.sort(&keyed)
        #expect(keyed.map(\.key) == expected.map(\.key))
        #expect(keyed.map(\.slot) == expected.map(\.slot))
    }
}

@Suite struct CustomerRowsTests {
    @Test func binarySearchFindsWhatAScanFinds() {
        let names = ["", "A", "A", "B", "a", "a", "a", "Ä", "é", "éa", "z"]
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        for customer in names + ["0", "AA", "b", "zz", "ÿ"] {
            let found = ReportResult.rows(of: customer, in: names, name: { $0 })
            #expect(Array(found) == names.filter { $0 == customer }, "\(customer)")
        }
        #expect(ReportResult.rows(of: "A", in: [String](), name: { $0 }).isEmpty)
    }

    /// Byte order, not Swift's canonical Unicode order: a precomposed é (C3 A9) and e + U+0301 differ.
    @Test func namesSortInByteOrder() {
        #expect("B".precedesInByteOrder("a") && !"a".precedesInByteOrder("B"))
        #expect("z".precedesInByteOrder("Ä") && "Ä".precedesInByteOrder("é"))
        #expect("e\u{301}".precedesInByteOrder("\u{E9}") && !"\u{E9}".precedesInByteOrder("e\u{301}"))
        #expect("ab".precedesInByteOrder("abc") && !"abc".precedesInByteOrder("abc"))
    }
}

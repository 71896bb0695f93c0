/// Puts partials back together as the book one run over every input would have read: the same
/// slots in the same order, the same forecast rows, the same accounting and rejected rows. The
/// book-wide facts (first and last months, decimal places, the months' latest days) are worked out
/// again from what every partition saw, and the book is then scored once, as one run scores it.
enum PartialMerge {
    /// Refuses partials that are not one complete split of one book by one version with one set of options.
    static func checkSet(_ partials: [(path: String, partial: Partial)]) throws(PartialError) {
        guard let (firstPath, first) = partials.first.map({ ($0.path, $0.partial.header) }) else { throw .none }
        for (path, partial) in partials.dropFirst() {
            let header = partial.header
            if header.trueup != first.trueup {
                throw .trueupVersion(path: path, found: header.trueup, first: first.trueup, firstPath: firstPath)
            }
            if header.options != first.options {
                throw .options(path: path, found: header.options, first: first.options, firstPath: firstPath)
            }
            if header.book != first.book { throw .book(path: path, found: header.book, first: first.book, firstPath: firstPath) }
            if header.partition.count != first.partition.count {
                throw .partitionCount(path: path, found: header.partition.count, first: first.partition.count, firstPath: firstPath)
            }
        }
        // Partitions given only their own rows may each assume another decimal mark where none of their values settles it.
        for side in [\Partial.Header.forecasts, \Partial.Header.actuals] {
            let marks = partials.compactMap { entry in entry.partial.header[keyPath: side].decimalMark.map { (entry.path, $0.mark) } }
            if let other = marks.first(where: { $0.1 != marks[0].1 }) {
                throw .decimalMarks(path: other.0, firstPath: marks[0].0, side: side == \Partial.Header.forecasts ? "forecasts" : "actuals")
            }
        }
        var paths: [Int: [String]] = [:]
        for (path, partial) in partials { paths[partial.partition.index, default: []].append(path) }
        if let (index, twice) = paths.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw .repeated(partition: Partition(index: index, count: first.partition.count)!, paths: twice)
        }
        let missing = (1...first.partition.count).filter { paths[$0] == nil }
        if !missing.isEmpty { throw .missing(partitions: missing, count: first.partition.count) }
    }

    /// The book the partials were cut from (checked by `checkSet` first).
    static func book(_ partials: [(path: String, partial: Partial)]) throws(PartialError) -> ReadBook {
        let ordered = partials.sorted { $0.partial.partition.index < $1.partial.partition.index }
        let headers = ordered.map(\.partial.header)
        var panel = Panel()
        // The units: the most decimal places any partition saw, while every sum stays exact.
        for (path, partial) in ordered where !partial.header.scale.exact { throw .inexact(path: path) }
        let decimals = headers.map(\.scale.decimals).max() ?? 0
        let factors = headers.map { QuantityScale.powersOfTen[decimals - $0.scale.decimals] }
        let magnitude = zip(headers, factors).reduce(0.0) { $0 + $1.0.magnitude * $1.1 }
        guard magnitude < QuantityScale.limit else { throw .inexact(path: nil) }
        panel.scale = QuantityScale(decimals: decimals, exact: true)
        panel.magnitude = magnitude
        panel.firstActual = headers.compactMap(\.firstActual).min()
        panel.lastClosed = headers.compactMap(\.lastClosed).max()
        panel.firstMonth = headers.compactMap(\.firstMonth).min()
        for header in headers {
            for pair in header.latestDays {
                if panel.latestDays.isEmpty { panel.latestDays = [UInt8](repeating: 0, count: Month.indexLimit) }
                panel.latestDays[pair[0]] = max(panel.latestDays[pair[0]], UInt8(pair[1]))
            }
        }
        panel.latestMonthLines = Array(headers.filter { $0.lastClosed == panel.lastClosed && $0.lastClosed != nil }
            .flatMap(\.latestMonthLines).sorted().prefix(Panel.keptLatestLines))

        // The slots, in the order one run makes them: by where their first row is. The columns are
        // taken out of the partials once (reading them through the partial would copy it each time).
        let slotKeys = ordered.map(\.partial.slotKey), actuals = ordered.map(\.partial.actual)
        let actualRows = ordered.map(\.partial.actualRows), forecastLags = ordered.map(\.partial.forecastLags)
        let customers = headers.map(\.customers), items = headers.map(\.items)
        let total = slotKeys.reduce(0) { $0 + $1.count }
        panel.reserve(keys: total)
        var slotOf = slotKeys.map { [Int32](repeating: -1, count: $0.count) }
        var customerOf = customers.map { [Int32](repeating: -1, count: $0.count) }
        var itemOf = items.map { [Int32](repeating: -1, count: $0.count) }
        var slots = MergeOrder(ordered.map(\.partial.slotPosition))
        while let (p, s) = slots.pop() {
            let key = slotKeys[p][s]
            let c = Int(Panel.customer(of: key)), i = Int(Panel.item(of: key))
            if customerOf[p][c] < 0 { customerOf[p][c] = panel.customers.id(forName: customers[p][c]) }
            if itemOf[p][i] < 0 { itemOf[p][i] = panel.items.id(forName: items[p][i]) }
            let slot = panel.slot(customer: customerOf[p][c], item: itemOf[p][i], month: Panel.month(of: key))
            slotOf[p][s] = Int32(slot)
            panel.actual[slot] = actuals[p][s] * factors[p]
            panel.actualRows[slot] = actualRows[p][s]
            panel.forecastLags[slot] = forecastLags[p][s]
        }
        // Partials of one split never share a cell: one that does was not made by this split.
        guard panel.slotKey.count == total else { throw .damaged(path: ordered.map(\.path).joined(separator: ", "), reason: "two of them hold the same cell") }
        // The forecast rows, in reading order.
        let rowSlots = ordered.map(\.partial.rowSlot), rowLags = ordered.map(\.partial.rowLag)
        let rowValues = ordered.map(\.partial.rowValue)
        panel.reserve(forecastRows: rowSlots.reduce(0) { $0 + $1.count })
        var rows = MergeOrder(ordered.map(\.partial.rowPosition))
        while let (p, r) = rows.pop() {
            panel.rowSlot.append(slotOf[p][Int(rowSlots[p][r])])
            panel.rowLag.append(rowLags[p][r])
            panel.rowValue.append(rowValues[p][r] * factors[p])
        }
        for (p, header) in headers.enumerated() {
            for entry in header.customerSpellings { panel.customerSpellings[customerOf[p][Int(entry.id)]] = entry.spelling }
            for entry in header.itemSpellings { panel.itemSpellings[itemOf[p][Int(entry.id)]] = entry.spelling }
        }
        panel.customerSpellings[-1] = nil
        panel.itemSpellings[-1] = nil

        // In the order one run finds them: the actuals' first, each side's sources in order, then by line.
        func rank(_ problem: RowProblem) -> (Int, Int, Int) {
            for (side, file) in [headers[0].actuals, headers[0].forecasts].enumerated() {
                if let k = file.files.firstIndex(where: { $0.path == problem.file }) { return (side, k, problem.line) }
                if file.path == problem.file { return (side, 0, problem.line) }
            }
            return (2, 0, problem.line)
        }
        let found = headers.flatMap(\.problems).enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element), rank(b.element))
            return ra != rb ? ra < rb : a.offset < b.offset
        }
        var problems = ProblemLog(keepsAll: headers[0].keepsAllProblems)
        problems.adding(found.map { $0.element }, total: headers.reduce(0) { $0 + $1.problemsTotal })
        return ReadBook(panel: panel, problems: problems, forecasts: side(headers.map(\.forecasts)),
                        actuals: side(headers.map(\.actuals), latestMonth: panel.lastClosed, headers: headers), priceList: nil)
    }

    /// One side's files and accounting over every partition: the counts summed, the first partition's
    /// description of the files, the names each code has.
    private static func side(_ parts: [InputFile], latestMonth: Month? = nil, headers: [Partial.Header] = []) -> InputFile {
        var file = parts[0]
        file.rowsRead = parts.reduce(0) { $0 + $1.rowsRead }
        file.rowsRejected = parts.reduce(0) { $0 + $1.rowsRejected }
        file.totalsRows = parts.reduce(0) { $0 + $1.totalsRows }
        file.otherPartitions = 0
        for part in parts.dropFirst() {
            file.customerNames.merge(part.customerNames) { first, _ in first }
            file.decimalMarks.formUnion(part.decimalMarks)
            if file.decimalMark == nil { file.decimalMark = part.decimalMark }
            if part.files.count == file.files.count {
                for k in file.files.indices {
                    file.files[k].rowsRead += part.files[k].rowsRead
                    file.files[k].rowsRejected += part.files[k].rowsRejected
                    file.files[k].totalsRows += part.files[k].totalsRows
                }
            }
        }
        if !headers.isEmpty {
            let order = Dictionary(file.files.enumerated().map { ($0.element.path, $0.offset) }, uniquingKeysWith: { a, _ in a })
            let latest = zip(headers, parts).filter { $0.0.lastClosed == latestMonth && latestMonth != nil }.flatMap(\.1.latestMonthRows)
            file.latestMonthRows = Array(latest.sorted { (order[$0.file] ?? 0, $0.line) < (order[$1.file] ?? 0, $1.line) }
                .prefix(Panel.keptLatestLines))
        }
        return file
    }
}

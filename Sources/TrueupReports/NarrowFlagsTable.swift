import Trueup

/// The report's table in a terminal's width (100 characters unless `COLUMNS` says otherwise): the
/// essential columns, codes and names cut with an ellipsis, reasons as short codes with a legend,
/// and the "Why" lines wrapped. `--wide` gives `FlagsTable`'s every column instead.
enum NarrowFlagsTable {
    /// One column: its header, its cells, which side it is aligned on, and how readily it goes when
    /// the table is too wide (lowest first; nil never goes).
    struct Column {
        var header: String
        var cells: [String]
        var leftAligned = false
        var dropOrder: Int?
        var width: Int { ([header] + cells).map(\.count).max() ?? 0 }
    }

    static func render(_ result: ReportResult, lag: Int, rejectsFile: String?, layout: TableLayout) -> String {
        let listed = layout.listed(result.assessments)
        let history = result.history
        let priced = result.prices != nil
        let named = listed.contains { $0.customerName != nil }
        let cell = { (text: String) in TerminalText.escaped(text) }
        var columns: [Column] = [
            Column(header: "tier", cells: listed.map(\.tier.rawValue), leftAligned: true),
            Column(header: "customer", cells: listed.map { FittedText.cut(cell($0.customer), to: 14) }, leftAligned: true),
        ]
        if named {
            columns.append(Column(header: "name", cells: listed.map { FittedText.cut(cell($0.customerName ?? ""), to: 16) },
                                  leftAligned: true, dropOrder: 6))
        }
        if let history {
            columns.append(Column(header: "since last run", cells: listed.map { HistoryChange($0, in: history).sinceLastRunShort },
                                  leftAligned: true, dropOrder: 7))
        }
        columns += [
            Column(header: "months", cells: listed.map { String($0.figures.periods) }, dropOrder: 1),
            Column(header: "actual", cells: listed.map { NumberText.readable($0.figures.actual, decimals: 0) }, dropOrder: 5),
            Column(header: "forecast", cells: listed.map { NumberText.readable($0.figures.forecast, decimals: 0) }, dropOrder: 2),
            Column(header: "bias %", cells: listed.map { MetricsTable.signed($0.figures.biasPct) }),
            Column(header: "wMAPE %", cells: listed.map { NumberText.readable($0.figures.wmape, decimals: 1) }),
            Column(header: "FVA pts", cells: listed.map { MetricsTable.signed($0.benchmarkFvaPts) }),
            Column(header: "vs", cells: listed.map { $0.benchmark.map(BenchmarkText.abbreviated) ?? "" }, leftAligned: true, dropOrder: 8),
            Column(header: "share %",
                   cells: listed.map { NumberText.readable(priced ? $0.errorValueSharePct : $0.errorSharePct, decimals: 1) }, dropOrder: 4),
        ]
        if result.request.agreements != nil {
            columns.append(Column(header: "in band", cells: listed.map { AgreementColumns.monthsInBand($0.customer, lag: lag, in: result) },
                                  dropOrder: 3))
        }
        let reasons = Column(header: "reasons", cells: listed.map { $0.reasons.map(ReasonCode.short).joined(separator: ",") }, leftAligned: true)
        columns = fitted(columns, reasons: reasons, width: layout.width)

        var out = AuditText.incompleteMonth(result).map { wrapLines($0, width: layout.width) + "\n\n" } ?? ""
        out += history.map { wrapLines(FlagsTable.headline($0, result: result, lag: lag), width: layout.width) + "\n" } ?? ""
        out += "At lag \(lag):\n"
        out += aligned(columns, rows: listed.count)
        if result.assessments.isEmpty { out += "(no customer has a scored cell at lag \(lag) in this window)\n" }
        out += filterNote(result, listed: listed, layout: layout)
        let legend = ReasonCode.legend(listed.flatMap(\.reasons))
        if !legend.isEmpty { out += FittedText.wrapped(legend, width: layout.width).joined(separator: "\n") + "\n" }
        // The customers not trusted, by index: a copy of each would double a large book's memory here.
        let flagged = listed.indices.filter { listed[$0].tier != .trusted }
        if !flagged.isEmpty {
            out += "\nWhy:\n"
            let names = flagged.map { FittedText.cut(cell(listed[$0].customer), to: 14) }
            let indent = (names.map(\.count).max() ?? 0) + 4
            for (a, name) in zip(flagged.lazy.map { listed[$0] }, names) {
                let lines = FittedText.wrapped(cell(a.explanation), width: max(20, layout.width - indent))
                out += "  \(name)\(String(repeating: " ", count: indent - 2 - name.count))\(lines[0])\n"
                for line in lines.dropFirst() { out += String(repeating: " ", count: indent) + line + "\n" }
            }
        }
        return out + wrapLines(FlagsTable.footer(result, lag: lag, rejectsFile: rejectsFile), width: layout.width)
    }

    /// The columns that fit `width`: the reasons last; columns dropped in their order while the
    /// table is too wide; then the reasons, and the codes and names, cut with an ellipsis.
    static func fitted(_ columns: [Column], reasons: Column, width: Int) -> [Column] {
        var columns = columns
        func total(_ all: [Column]) -> Int { all.reduce(0) { $0 + $1.width } + 2 * (all.count - 1) }
        // Columns go for the reasons' first codes, not for all of them: the Why lines spell them out.
        var budget = reasons
        budget.cells = budget.cells.map { FittedText.cut($0, to: reasonsBudget) }
        while total(columns + [budget]) > width,
              let drop = columns.indices.compactMap({ k in columns[k].dropOrder.map { (column: k, order: $0) } }).min(by: { $0.order < $1.order }) {
            columns.remove(at: drop.column)
        }
        var reasons = reasons
        let room = width - total(columns) - 2
        if reasons.width > room {
            reasons.cells = reasons.cells.map { FittedText.cut($0, to: max(room, 8)) }
        }
        return columns + [reasons]
    }

    /// The columns side by side, two spaces apart, each aligned on its own side; cells are escaped already.
    static func aligned(_ columns: [Column], rows: Int) -> String {
        let widths = columns.map(\.width)
        var out = ""
        for row in -1..<rows {
            var line = zip(columns, widths).map { column, width -> String in
                let text = row < 0 ? column.header : column.cells[row]
                let pad = String(repeating: " ", count: width - text.count)
                return column.leftAligned ? text + pad : pad + text
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// The reasons' width the columns make room for before any column goes.
    static let reasonsBudget = 16

    /// Each line of `text` longer than `width` wrapped at spaces, its continuation indented by two.
    static func wrapLines(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width else { return String(line) }
            let lines = FittedText.wrapped(String(line), width: width - 2)
            return ([lines[0]] + lines.dropFirst().map { "  " + $0 }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// "Showing 5 of 40 customers (--tier unreliable,watch, --top 5); the files hold every one." when filtered.
    static func filterNote(_ result: ReportResult, listed: [Assessment], layout: TableLayout) -> String {
        guard listed.count < result.assessments.count else { return "" }
        var options: [String] = []
        if let tiers = layout.tiers { options.append("--tier " + Tier.allCases.filter(tiers.contains).map(\.rawValue).joined(separator: ",")) }
        if let top = layout.top { options.append("--top \(top)") }
        return "Showing \(listed.count) of \(result.assessments.count) customers (\(options.joined(separator: ", "))); the files hold every one.\n"
    }
}

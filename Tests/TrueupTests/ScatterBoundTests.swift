import Foundation
import Testing
@testable import Trueup
@testable import TrueupReports

/// report.html stays a few megabytes whatever the book: the scatter draws the largest
/// customers and says how many it leaves out.
@Suite struct ScatterBoundTests {
    @Test func aBookOfManyCustomersDrawsTheLargestAndSaysSo() throws {
        var result = try ReportHTMLTests.run()
        let template = result.assessments
        let count = 50_000
        result.assessments = (0..<count).map { k in
            var a = template[k % template.count]
            a.customer = "K\(k)"
            return a
        }.sorted { $0.tier < $1.tier }
        let html = ReportHTMLTests.render(result)
        let dots = html.components(separatedBy: "<circle class=\"dot").count - 1
        #expect(dots == TierScatter.mostDots)
        #expect(html.contains("the 2000 largest customers are drawn, \(count - TierScatter.mostDots) smaller ones are not (all are in flags.csv)"))
        #expect(html.utf8.count < 3_000_000, "\(html.utf8.count) bytes")
    }
}

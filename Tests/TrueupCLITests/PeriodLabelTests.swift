import Foundation
import Testing

/// Labels that say which months a figure covers name the months scored, not the window's ends:
/// actuals from 2024-11, forecasts from 2025-01, so the window is 2024-11 to 2025-12 and every
/// customer is scored on 2025-01 to 2025-12.
@Suite struct PeriodLabelTests {
    static func inputs(_ space: Workspace) -> [String] {
        var forecasts = "customer,item,period,lag,forecast\n", actuals = "customer,item,period,actual\n"
        let months = ["2024-11", "2024-12"] + (1...12).map { String(format: "2025-%02d", $0) }
        for customer in ["C1", "C2"] {
            for (k, month) in months.enumerated() {
                actuals += "\(customer),x,\(month),\(100 + (k * 7) % 13)\n"
                if month.hasPrefix("2025") { forecasts += "\(customer),x,\(month),1,\(100 + (k * 5) % 11 + (customer == "C2" ? 30 : 0))\n" }
            }
        }
        return ["--forecasts", space.file("f.csv", forecasts), "--actuals", space.file("a.csv", actuals)]
    }

    @Test func everyLabelNamesTheMonthsScored() throws {
        let space = Workspace()
        let inputs = Self.inputs(space)
        let report = try CLI.run(["report", "--wide", "--no-history", "--out", space.url.appendingPathComponent("out").path] + inputs)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("target periods 2025-01 to 2025-12 (last closed period 2025-12)"), "\(report.stdout)")
        let html = try #require(space.read("out/report.html"))
        #expect(html.contains("<title>Forecast accuracy, 2025-01 to 2025-12</title>"))
        #expect(html.contains("Target months 2025-01 to 2025-12 (12 months)"))
        #expect(html.contains("<th>Window</th><td>2024-11 to 2025-12</td>"), "the window is named as the window")
        let brief = try CLI.run(["brief", "--customer", "C2"] + inputs)
        #expect(brief.stdout.contains("for 12 months from 2025-01 to 2025-12."), "\(brief.stdout)")
        let check = try CLI.run(["check", "--customer", "C2", "--quantity", "100"] + inputs)
        #expect(check.stdout.contains("over 2025-01 to 2025-12,"), "\(check.stdout)")
        let agreement = try CLI.run(["agreement", "--customer", "C2"] + inputs)
        #expect(agreement.stdout.hasPrefix("C2, 2025-01 to 2025-12: "), "\(agreement.stdout)")
        for text in [report.stdout, html, brief.stdout, check.stdout, agreement.stdout] {
            #expect(!text.contains("2024-11 to 2025-12 ("), "no label spans the window's unscored months")
        }
    }
}

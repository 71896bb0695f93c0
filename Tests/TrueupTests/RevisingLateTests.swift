import Foundation
import Testing
@testable import Trueup
import TrueupGenerate

/// On generated data, the planted revising-late customers are the ones stability.csv and an agreement at lag 3 find.
@Suite struct RevisingLateTests {
    static let sizes = FlagQualityTests.sizes.filter { $0.lags == 3 }

    @Test(arguments: sizes)
    func revisingLateIsFoundByItsRevisionsAndTheAgreement(size: FlagQualityTests.Size) throws {
        let scratch = Scratch()
        let config = GeneratorConfig(customers: size.customers, items: size.items, months: size.months, lags: size.lags, seed: size.seed)
        _ = try Generator(config).write(to: scratch.path)
        var request = ReportRequest(forecasts: scratch.path + "/forecasts.csv", actuals: scratch.path + "/actuals.csv")
        request.agreements = try AgreementTerms.load(path: scratch.file("agreements.csv", "customer,lag,under_pct,over_pct\n*,3,15,15\n"))
        let result = try Report.run(request)
        let truth = try String(contentsOfFile: scratch.path + "/truth.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let behaviour = Dictionary(uniqueKeysWithValues: truth.map { ($0[0], Behaviour(rawValue: $0[1])) })
        let lateCut = Dictionary(uniqueKeysWithValues: result.stability.filter { $0.fromLag == 3 && $0.toLag == 1 }
            .map { ($0.customer, $0.netRevisionPct ?? 0) })
        var revising = 0, reliable = 0, reliableOutside = 0
        for a in result.assessments {
            switch behaviour[a.customer] ?? nil {
            case .revisingLate?:
                revising += 1
                #expect(a.tier.severity >= Tier.watch.severity && a.reasons.contains(.outsideAgreement), "\(a.customer): \(a.tier) \(a.reasons)")
                #expect((lateCut[a.customer] ?? 0) <= -15, "\(a.customer) late cut \(lateCut[a.customer] ?? 0)")
            case .reliable?:
                reliable += 1
                if a.reasons.contains(.outsideAgreement) { reliableOutside += 1 }
                #expect(abs(lateCut[a.customer] ?? 100) < 5, "\(a.customer) late cut \(lateCut[a.customer] ?? 0)")
            default: break
            }
        }
        #expect(revising > 0 && reliable > 0)
        #expect(Double(reliableOutside) <= 0.05 * Double(reliable), "\(reliableOutside) of \(reliable) reliable customers outside the agreement")
    }
}

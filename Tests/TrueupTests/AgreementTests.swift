import Testing
@testable import Trueup

/// Every column of stability.csv, agreement.csv and the proposed terms on a tiny dataset, worked out by hand.
///
/// Customer A forecasts at lags 2 and 1 for 2024-01 and 2024-02; B at lag 1 only. At lag 1, A's cells are
/// 01: x F90 A90, y F50 A45 (on the lower edge of a 10% band), z F0 A5 (a purchase never forecast);
/// 02: x F60 A66 (on the upper edge), w F20 A0 (a forecast never bought), v F0 A3.
/// Lag 2 forecasts x01 100, y01 50, x02 40: x01 is cut by exactly the 10% limit.
enum AgreementFixture {
    static let forecasts = """
        customer,item,period,lag,forecast
        A,x,2024-01,2,100
        A,x,2024-01,1,90
        A,y,2024-01,2,50
        A,y,2024-01,1,50
        A,z,2024-01,1,0
        A,x,2024-02,2,40
        A,x,2024-02,1,60
        A,w,2024-02,1,20
        B,x,2024-01,1,10

        """
    static let actuals = """
        customer,item,period,actual
        A,x,2024-01,90
        A,y,2024-01,45
        A,z,2024-01,5
        A,x,2024-02,66
        A,v,2024-02,3
        B,x,2024-01,12

        """
    static let terms = """
        customer,lag,under_pct,over_pct,revision_from_lag,revision_to_lag,revision_limit_pct
        *,1,0,20,,,
        A,1,10,10,2,1,10

        """

    static func run(_ scratch: Scratch, terms: String? = terms, configure: (inout ReportRequest) -> Void = { _ in }) throws -> ReportResult {
        var request = ReportRequest(forecasts: scratch.file("forecasts.csv", forecasts), actuals: scratch.file("actuals.csv", actuals))
        if let terms { request.agreements = try AgreementTerms.load(path: scratch.file("agreements.csv", terms)) }
        configure(&request)
        return try Report.run(request)
    }
}

@Suite struct AgreementTests {
    @Test func stabilityBetweenLag2And1() throws {
        let result = try AgreementFixture.run(Scratch())
        // B forecasts at one lag only: no pair of lags, no row.
        let row = try #require(result.stability.first)
        #expect(result.stability.count == 1)
        #expect(row.customer == "A" && row.fromLag == 2 && row.toLag == 1)
        // Revision cells: x01 (100 -> 90), y01 (50 -> 50), x02 (40 -> 60).
        #expect(row.cells == 3)
        #expect(row.revisedCells == 2)
        #expect(close(row.revisionPct, 100 * 30 / 190.0))
        #expect(close(row.netRevisionPct, 100 * 10 / 190.0))
        // x01: |90-90| < |100-90|; x02: |60-66| < |40-66|: both improved.
        #expect(close(row.improvedPct, 100))
        #expect(close(row.worsenedPct, 0))
        // Σ|A| = 90 + 45 + 66 = 201; Σ|Fa-A| = 10 + 5 + 26; Σ|Fb-A| = 0 + 5 + 6.
        #expect(close(row.wmapeFrom, 100 * 41 / 201.0))
        #expect(close(row.wmapeTo, 100 * 11 / 201.0))
        #expect(close(row.revisionFvaPts, 100 * 30 / 201.0))
    }

    @Test func waterfallOnTheCellsForecastAtEveryLag() throws {
        let result = try AgreementFixture.run(Scratch())
        let waterfall = try #require(result.waterfalls.first)
        #expect(result.waterfalls.count == 1)
        #expect(waterfall.cells == 3)
        #expect(waterfall.actual == 201)
        #expect(waterfall.steps.map(\.lag) == [2, 1])
        #expect(waterfall.steps.map(\.forecast) == [190, 200])
        #expect(close(waterfall.steps[0].biasPct, 100 * -11 / 201.0))
        #expect(close(waterfall.steps[1].biasPct, 100 * -1 / 201.0))
        #expect(close(waterfall.steps[0].wmape, 100 * 41 / 201.0))
        #expect(close(waterfall.steps[1].wmape, 100 * 11 / 201.0))
    }

    @Test func customerTermsWithEdgesZeroForecastAndZeroActual() throws {
        let result = try AgreementFixture.run(Scratch())
        #expect(result.agreement.map(\.customer) == ["A", "B"])
        let a = result.agreement[0]
        #expect(a.band.lag == 1 && a.band.underPct == 10 && a.band.overPct == 10)
        let f = a.figures
        #expect(f.cells == 6)
        // In: x01 (90 in 81..99), y01 (45 = lower edge), x02 (66 = upper edge). Out: z01 (F 0, A 5), w02 (A 0), v02 (F 0, A 3).
        #expect(f.cellsInBand == 3)
        #expect(close(f.inBandPct, 50))
        #expect(f.unitsBelowBand == 18)
        #expect(f.unitsAboveBand == 8)
        #expect(close(f.belowBandPct, 100 * 18 / 220.0))
        #expect(close(f.aboveBandPct, 100 * 8 / 209.0))
        // Month 01: ΣF 140, ΣA 140, in; month 02: ΣF 80, ΣA 69 below 72.
        #expect(f.periods == 2)
        #expect(f.periodsInBand == 1)
        // x01 cut by exactly 10% of 100: at the limit, no violation; x02 raised by 20 against 4 allowed.
        let revision = try #require(a.revision)
        #expect(revision.cells == 3)
        #expect(revision.violations == 1)
        #expect(revision.excessUnits == 16)
        #expect(a.mostlyOutside == false)
    }

    @Test func defaultTermsForACustomerWithoutRows() throws {
        let b = try #require(try AgreementFixture.run(Scratch()).agreement.last)
        // B is held to the * row: F 10, A 12 exactly on the upper edge of +20%.
        #expect(b.customer == "B" && b.band.customer == "*")
        #expect(b.figures.cells == 1 && b.figures.cellsInBand == 1 && b.figures.periodsInBand == 1)
        #expect(b.figures.unitsAboveBand == 0 && b.figures.unitsBelowBand == 0)
        #expect(b.revision == nil)
    }

    @Test func proposedTermsAt80And100() throws {
        let result = try AgreementFixture.run(Scratch(), terms: nil) { $0.proposalCoverage = 80 }
        let a = try #require(result.proposals.first { $0.customer == "A" && $0.lag == 1 })
        // Ratios over F > 0: 0 (w), 0.9 (y), 1 (x01), 1.1 (x02). Type 7 at 0.1: 0.3·0.9 = 0.27; at 0.9: 1 + 0.7·0.1 = 1.07.
        #expect(a.ratioCells == 4)
        #expect(close(a.underPct, 73))
        #expect(close(a.overPct, 7))
        // x01 and y01 in; z01 above 5, x02 above 66 - 64.2, w02 below 5.4, v02 above 3.
        #expect(a.figures.cellsInBand == 2)
        #expect(close(a.figures.unitsBelowBand, 5.4))
        #expect(close(a.figures.unitsAboveBand, 9.8))
        let all = try AgreementFixture.run(Scratch(), terms: nil) { $0.proposalCoverage = 100 }
        let widest = try #require(all.proposals.first { $0.customer == "A" && $0.lag == 1 })
        // Coverage 100: q_lo = 0, q_hi = 1.1; w02 (A 0) sits on the lower edge 0 and x02 on the upper edge.
        #expect(close(widest.underPct, 100) && close(widest.overPct, 10))
        #expect(widest.figures.cellsInBand == 4)
        // Lag 2: ratios 0.9 (x01), 0.9 (y01), 1.65 (x02); z01 is a cell (F 0) but gives no ratio.
        let lag2 = try #require(all.proposals.first { $0.customer == "A" && $0.lag == 2 })
        #expect(lag2.ratioCells == 3)
        #expect(lag2.figures.cells == 5)
    }

    @Test func outsideAgreementWhenMoreThanHalfOfTheMonthsAreOutside() throws {
        let result = try AgreementFixture.run(Scratch())
        var row = result.agreement[0]
        let trusted = Assessment(customer: "A", lag: 1, tier: .trusted, reasons: [], explanation: "Fine.", errorSharePct: nil,
                                 figures: result.rows[0].figures, periods: [])
        row.figures.periods = 4
        row.figures.periodsInBand = 2
        #expect(trusted.against([row]).tier == .trusted)
        row.figures.periodsInBand = 1
        let flagged = trusted.against([row])
        #expect(flagged.tier == .watch)
        #expect(flagged.reasons == [.outsideAgreement])
        #expect(flagged.explanation == "Monthly totals outside the agreed band at lag 1 (10% under to 10% over) in 3 of 4 months.")
        var unreliable = trusted
        unreliable.tier = .unreliable
        #expect(unreliable.against([row]).reasons.isEmpty)
    }

    @Test func badTermsNameTheLine() throws {
        let scratch = Scratch()
        func problem(_ terms: String) -> AgreementsError? {
            do {
                _ = try AgreementFixture.run(scratch, terms: terms)
                return nil
            } catch let error as AgreementsError {
                return error
            } catch ReportError.agreements(let error) {
                return error
            } catch {
                return nil
            }
        }
        let path = scratch.path + "/agreements.csv"
        let header = "customer,lag,under_pct,over_pct,revision_from_lag,revision_to_lag,revision_limit_pct\n"
        #expect(problem(header + "A,1,10,10,,,\nC,1,5,5,,,\n")
                == .badRow(path: path, line: 3, problem: .unknownCustomer("C", similar: [])))
        #expect(problem(header + "B,2,10,10,,,\n")
                == .badRow(path: path, line: 2, problem: .lagWithoutForecasts(customer: "B", lag: 2, available: [1])))
        #expect(problem(header + "*,5,10,10,,,\n")
                == .badRow(path: path, line: 2, problem: .lagWithoutForecasts(customer: "*", lag: 5, available: [1, 2])))
        #expect(problem(header + "A,1,10,10,3,1,10\n")
                == .badRow(path: path, line: 2, problem: .lagWithoutForecasts(customer: "A", lag: 3, available: [1, 2])))
        #expect(problem(header + "A,1,-5,10,,,\n")
                == .badRow(path: path, line: 2, problem: .negativePercentage(column: "under_pct", value: "-5")))
        #expect(problem(header + "A,1,5,10,2,1,-1\n")
                == .badRow(path: path, line: 2, problem: .negativePercentage(column: "revision_limit_pct", value: "-1")))
        #expect(problem(header + "A,1,5,5,,,\nB,1,5,5,,,\nA,1,10,10,,,\n")
                == .badRow(path: path, line: 4, problem: .duplicate(customer: "A", lag: 1, firstLine: 2)))
        #expect(problem(header + "A,1,five,5,,,\n")
                == .badRow(path: path, line: 2, problem: .notAPercentage(column: "under_pct", value: "five")))
        #expect(problem(header + "A,1,5,5,1,2,10\n")
                == .badRow(path: path, line: 2, problem: .revisionLagOrder(from: 1, to: 2)))
        #expect(problem(header + "A,1,5,5,2,,10\n")
                == .badRow(path: path, line: 2, problem: .incompleteRevision(missing: ["revision_to_lag"])))
        #expect(problem("customer,lag,under\nA,1,5\n")
                == .missingColumns(path: path, line: 1, missing: ["under_pct", "over_pct"], header: ["customer", "lag", "under"]))
        #expect(problem(header) == nil)
    }
}

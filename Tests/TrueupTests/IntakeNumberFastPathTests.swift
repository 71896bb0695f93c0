import Testing
@testable import Trueup

/// Intake's number rewriting reads most values from their bytes; every value it reads that way
/// must come out as the general reading (the reference) has it.
@Suite struct IntakeNumberFastPathTests {
    /// Every string of up to 5 characters over an alphabet of digits, marks, signs and spaces,
    /// and random longer ones.
    static func values() -> [String] {
        let alphabet = Array("0123.,-+ ('e")
        var out: [String] = [""]
        var frontier: [String] = [""]
        for _ in 1...4 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
            out += frontier
        }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<20000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(state >> 60) + 5 { text.append(alphabet[Int((state >> UInt64(k * 4 % 56)) & 0xF) % alphabet.count]) }
            out.append(text)
        }
        return out + ["1,234.5", "1.234,5", "5,000-", "(123)", "0,5", "007", "-.5", "5.", "-", ".", "12345678901234.125"]
    }

    @Test func plainEqualsTheGeneralReadingWheneverTheBytesSuffice() {
        var simple = 0
        for value in Self.values() {
            for mark in [DecimalMark.point, .comma] {
                guard let fast = ExportNumber.simplePlain(value, mark: mark) else { continue }
                simple += 1
                #expect(fast == ExportNumber.generalPlain(value, mark: mark), "\(value.debugDescription) with \(mark)")
            }
        }
        #expect(simple > 1000)
    }

    @Test func evidenceEqualsTheGeneralReadingWheneverTheBytesSuffice() {
        var simple = 0
        for value in Self.values() {
            guard let fast = ExportNumber.simpleEvidence(value) else { continue }
            simple += 1
            #expect(fast == ExportNumber.generalEvidence(value), "\(value.debugDescription)")
        }
        #expect(simple > 1000)
    }

    @Test func totalsRowsAndTrimmingReadTheSameWithTheirShortCuts() {
        for word in ["Total", " TOTAL:", "\tGrand total.", "Summe", "gesamt", "Insgesamt", "ERGEBNIS", "Totals", "sum", "subtotal",
                     "1 Total", "Zwischensumme", "Teilsumme:", "100232 Ergebnis", "Total 100232", "Summe: C-232", "Gesamtergebnis"] {
            #expect(TotalsRow.isTotals(word), "\(word.debugDescription)")
        }
        for cell in ["SKU-1", "", " ", "Totalx", "@Total", "\u{A0}Total", "Σ", "item", "Total Energies", "TOTAL-100232", "Summen 1",
                     "Total 5L canister", "Subtotal of May orders", "Ergebnisse", "A B Total"] {
            #expect(!TotalsRow.isTotals(cell), "\(cell.debugDescription)")
        }
        #expect(" a ".trimmingCharacters() == "a")
        #expect("\ta\t".trimmingCharacters() == "a")
        #expect("a b".trimmingCharacters() == "a b")
        #expect("\u{A0}a".trimmingCharacters() == "\u{A0}a")
        #expect("   ".trimmingCharacters() == "")
    }
}


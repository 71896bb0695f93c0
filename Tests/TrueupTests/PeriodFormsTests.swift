import Testing
@testable import Trueup

/// The date forms ERPs write without separators or with month names (`20250131`, `31-Jan-2025`),
/// read alike by the fast reader's `Month.parse` and intake's `PeriodText`, with their days; and
/// quarter headers (`Q3-25`), which are never months.
@Suite struct PeriodFormsTests {
    static let january = Month(year: 2025, month: 1)!

    @Test func compactAndNamedDatesAreTheirMonthWithTheirDay() {
        #expect(Month.parse("20250131") == Self.january)
        #expect(Month.parse(" 20250131 ") == Self.january)
        #expect(Month.parse("20250230") == nil, "no 30 February")
        #expect(Month.parse("31012025") == nil, "day first without separators is no form")
        #expect(PeriodText.read("20250131") == .month(Self.january))
        #expect(PeriodText.day("20250131", order: nil) == 31)
        for text in ["31-Jan-2025", "31 Jan 2025", "31-Jan-25", "31.Jan.2025", "7-Jan-2025", "31-Januar-2025"] {
            #expect(PeriodText.read(text) == .month(Self.january), "\(text)")
        }
        #expect(PeriodText.day("31-Jan-2025", order: nil) == 31)
        #expect(PeriodText.day("07 Jan 2025", order: nil) == 7)
        #expect(PeriodText.read("30-Feb-2025") == .notAMonth)
        #expect(PeriodText.read("Jan-25") == .month(Self.january), "a month name alone is still its month")
        #expect(PeriodText.day("Jan-25", order: nil) == 0)
        #expect(PeriodText.day("2025-01-31", order: nil) == 31)
    }

    @Test func quartersAreNeverMonths() {
        for text in ["Q3-25", "Q3 2025", "2025-Q3", "q1/24", "Q4'24", "2025 Q2"] {
            #expect(PeriodText.isQuarter(text), "\(text)")
            #expect(PeriodText.read(text) == .notAMonth, "\(text)")
        }
        for text in ["Q5-25", "Q3", "Jan-25", "2025-03", "Qty", "Q3-2025-1"] {
            #expect(!PeriodText.isQuarter(text), "\(text)")
        }
        let layout = SheetLayout(header: ["Item", "Jan-25", "Feb-25", "Mar-25", "Q1-25", "Apr-25", "Q2 2025", "Total"], order: nil)
        #expect(layout.monthColumns.map(\.index) == [1, 2, 3, 5])
        #expect(layout.ignoredColumns == [4, 6])
        #expect(layout.totalsColumn == 7)
        #expect(!SheetLayout(header: ["Item", "Q1-25", "Q2-25"], order: nil).isWide, "quarters alone are no months")
    }
}

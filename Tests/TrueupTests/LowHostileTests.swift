import Foundation
import Testing
@testable import Trueup
import TrueupReports

/// The lesser hostile cases of the security review: each was slow or lossy, none crashed.
@Suite struct LowHostileTests {
    @Test func aNamePatternWithTwoStarsIsFastOnALongName() throws {
        let pattern = try NamePattern("*_*_{customer}_forecast.csv")
        let name = String(repeating: "_a", count: 120) + ".csv"
        let started = Date()
        #expect(pattern.match(name) == nil)
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(pattern.match("x_y_ACME_forecast.csv") == [.customer: "ACME"])
        #expect(try NamePattern("{customer}_*_*_{snapshot}.csv").match("ACME_a_b_2024-01.csv") == [.customer: "ACME", .snapshot: "2024-01"])
    }

    @Test func loneUTF16SurrogatesStayDistinctAndAreNotUTF8() {
        func decoded(_ units: [UInt16]) -> [UInt8] {
            SourceEncoding.utf8.decode([0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).text
        }
        let first = decoded([0x41, 0xD800]), second = decoded([0x41, 0xD801])
        #expect(first != second)
        #expect(first == [0x41, 0xED, 0xA0, 0x80])
        #expect(first.withUncheckedBytes { TextEncoding.firstInvalidUTF8($0) } != nil)
        // A pair is one character, as before.
        #expect(decoded([0xD83D, 0xDE00, 0x41]) == Array("😀A".utf8))
        #expect(decoded([0xE9, 0x20AC]) == Array("é€".utf8))
    }

    @Test func anAddressInABriefIsNoLink() {
        let shown = MarkdownText.escaped("evil@evil.example")
        #expect(shown == "evil\\@\u{2060}evil\\.example")
    }
}

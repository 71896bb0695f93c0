import Testing
import TrueupCSV

/// The byte parsers' room for unsafe code: what `UncheckedBytes` promises the parsers.
@Suite struct UncheckedBytesTests {
    @Test func slicesAreIndexedFromZero() {
        Array("a,bcd,e".utf8).withUncheckedBytes { bytes in
            #expect(bytes.count == 7 && !bytes.isEmpty)
            let middle = bytes[2..<5]
            #expect(middle.count == 3 && middle[0] == UInt8(ascii: "b") && middle[2] == UInt8(ascii: "d"))
            #expect(Array(middle[1..<3]) == Array("cd".utf8))
            #expect(bytes[7..<7].isEmpty, "the end is a position too")
            #expect(middle.text == "bcd")
        }
    }

    @Test func prefixStopsAtTheEnd() {
        Array("abc".utf8).withUncheckedBytes { bytes in
            #expect(bytes.prefix(2).text == "ab")
            #expect(bytes.prefix(60).text == "abc")
            #expect(bytes.prefix(0).isEmpty)
        }
    }

    @Test func trimmingTakesSpacesAndTabsOnly() {
        for (input, trimmed) in [(" \tC1 ", "C1"), ("C1", "C1"), ("   ", ""), ("", ""), ("\nC1\r", "\nC1\r"), (" a b ", "a b")] {
            let got = Array(input.utf8).withUncheckedBytes { $0.trimmingSpaces().text }
            #expect(got == trimmed, "\(input.debugDescription)")
        }
    }

    @Test func equalityComparesEveryByte() {
        let long = "customer-0000000001"
        var a = long, b = long
        a.withUncheckedBytes { x in
            b.withUncheckedBytes { y in
                #expect(x.equals(y))
                #expect(!x.equals(y[0..<(y.count - 1)]), "a shorter key")
                #expect(x[0..<0].equals(y[3..<3]), "two empty views")
            }
        }
        var c = "customer-0000000002"
        a.withUncheckedBytes { x in c.withUncheckedBytes { y in #expect(!x.equals(y), "the last byte differs") } }
        #expect(UncheckedBytes("si").text == "si" && UncheckedBytes("").isEmpty)
    }

    @Test func aWordHoldsItsBytesLowFirstAndZerosPastThem() {
        // Every start and length in a view of 19 bytes, near its end (a byte at a time) and inside
        // it (one load, the high bytes cleared), and in slices that end before the array does.
        let bytes = (0..<19).map { UInt8(0xA0 + $0) }
        for end in [19, 12, 9] {
            bytes[0..<end].withUncheckedBytes { view in
                for index in 0..<view.count {
                    for count in 1...min(9, view.count - index) {
                        let expected = (0..<min(count, 8)).reduce(UInt64(0)) { $0 | UInt64(bytes[index + $1]) << UInt64(8 * $1) }
                        #expect(view.word(at: index, count: count) == expected, "\(count) bytes at \(index) of \(end)")
                    }
                }
            }
        }
    }

    @Test func arraySlicesLendTheirOwnBytes() {
        let bytes = Array("0123456789".utf8)
        #expect(bytes[3..<6].withUncheckedBytes { $0.text } == "345")
        var copy: [UInt8] = []
        bytes.withUncheckedBytes { copy.append(contentsOf: $0[8..<10]) }
        #expect(copy == Array("89".utf8))
    }
}

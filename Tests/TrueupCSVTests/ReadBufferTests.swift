import Foundation
import Testing
@testable import TrueupCSV
import TrueupSystem

/// The reader's room for unsafe code: what `UncheckedReadBuffer`'s methods promise the reader.
/// (The buffer is not copyable, so `#expect` is given values taken from it, not the buffer.)
@Suite struct ReadBufferTests {
    private static func text(_ bytes: UncheckedBytes) -> String { bytes.text }

    @Test func fillsFromMemoryUpToItsCapacity() {
        var buffer = UncheckedReadBuffer(capacity: 4)
        let source = Array("abcdef".utf8)
        let empty = (buffer.capacity, buffer.count, buffer.isFull)
        #expect(empty == (4, 0, false))
        let first = buffer.append(copying: source, from: 0)
        let full = buffer.isFull
        #expect(first == 4 && full)
        let more = buffer.append(copying: source, from: 4)
        #expect(more == 0, "a full buffer takes nothing")
        let all = Self.text(buffer.unread(from: 0)), none = buffer.unread(from: 4).count, last = buffer[3]
        #expect(all == "abcd")
        #expect(none == 0, "the end is a position too")
        #expect(last == UInt8(ascii: "d"))
    }

    @Test func compactingKeepsTheUnreadBytesAtTheFront() {
        var buffer = UncheckedReadBuffer(capacity: 4)
        let source = Array("abcdef".utf8)
        _ = buffer.append(copying: source, from: 0)
        buffer.removeFirst(3)
        let kept = (buffer.count, buffer[0])
        #expect(kept == (1, UInt8(ascii: "d")))
        let rest = buffer.append(copying: source, from: 4)
        let past = buffer.append(copying: source, from: 6)
        #expect(rest == 2)
        #expect(past == 0, "past the source's end")
        let held = Self.text(buffer.unread(from: 0))
        #expect(held == "def")
        buffer.removeFirst(0)
        let same = buffer.count
        #expect(same == 3)
        buffer.removeAll()
        let cleared = (buffer.count, buffer.capacity)
        #expect(cleared == (0, 4))
    }

    @Test func growingKeepsTheBytesAndStopsAtTheLimit() {
        var buffer = UncheckedReadBuffer(capacity: 4)
        _ = buffer.append(copying: Array("wxyz".utf8), from: 0)
        buffer.grow(limit: 6)
        let doubled = buffer.capacity, held = Self.text(buffer.unread(from: 0))
        #expect(doubled == 6, "doubled, but not past the limit")
        #expect(held == "wxyz")
        buffer.grow(limit: 6)
        let byOne = buffer.capacity
        #expect(byOne == 7, "at the limit it still grows by a byte")
        let starts = buffer.starts(with: Array("wx".utf8)), longer = buffer.starts(with: Array("wxyz!".utf8))
        #expect(starts && !longer)
    }

    @Test func aSmallCapacityIsFour() {
        let tiny = UncheckedReadBuffer(capacity: 0).capacity
        #expect(tiny == 4)
        let copy = UncheckedReadBuffer(copying: Array("a,b\n".utf8))
        let copied = (copy.count, copy.isFull)
        #expect(copied == (4, true))
        let empty = UncheckedReadBuffer(copying: []).count
        #expect(empty == 0)
    }

    @Test func fillsFromAFileAtAnOffset() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trueupcsv-\(UUID().uuidString).csv").path
        try Data("0123456789".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try SystemFile.openForReading(path)
        defer { file.close() }
        var buffer = UncheckedReadBuffer(capacity: 4)
        let tail = try buffer.append(readingFrom: file, at: 7)
        let end = try buffer.append(readingFrom: file, at: 10)
        let room = try buffer.append(readingFrom: file, at: 0)
        #expect(tail == 3)
        #expect(end == 0, "the end of the file")
        #expect(room == 1, "only the room left")
        let held = Self.text(buffer.unread(from: 0))
        #expect(held == "7890")
    }

    @Test func scansARecordAndLendsItsFields() {
        let buffer = UncheckedReadBuffer(copying: Array("a,\"b\"\"c\"\nlast".utf8))
        var tokenizer = Tokenizer(dialect: CSVDialect())
        guard case .record(let next, let contentEnd, _) = buffer.scan(&tokenizer, from: 0, atEOF: false) else {
            Issue.record("the first record is whole")
            return
        }
        #expect(next == 9 && contentEnd == 8)
        let record = buffer.record(0, contentEnd, fields: tokenizer, line: 1, byteOffset: 0, scratch: UncheckedScratch())
        let fields = (record.count, record.string(0), record.string(1), record.raw.text)
        #expect(fields == (2, "a", "b\"c", "a,\"b\"\"c\""))
        guard case .needMore = buffer.scan(&tokenizer, from: next, atEOF: false) else {
            Issue.record("the last record goes on past the buffer")
            return
        }
    }
}

import Foundation
import Testing
@testable import Trueup

/// Intake's scratch text: in memory up to its limit, then on disk, the same bytes either way,
/// and nothing left behind when it goes.
@Suite struct ScratchFileTests {
    @Test func textPastTheMemoryLimitGoesOnOnDiskAndIsRemoved() throws {
        let path = try Self.fillPastTheLimit()
        #expect(!FileManager.default.fileExists(atPath: path), "the disk file goes with the value")
    }

    /// Writes past a 10-byte limit and checks the text; returns the disk file's path, once the value is gone.
    static func fillPastTheLimit() throws -> String {
        let file = try ScratchFile(prefix: "trueup-test-scratch-", what: "a test's text", memoryLimit: 10)
        try file.append(Array("abcdef".utf8))
        #expect(file.path == nil, "six bytes stay in memory")
        #expect(file.bytes(1..<4) == Array("bcd".utf8))
        try file.append(Array("ghijklmn".utf8))
        let path = try #require(file.path, "fourteen bytes are past the limit of ten")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(file.count == 14)
        #expect(file.bytes(2..<12) == Array("cdefghijkl".utf8))
        #expect(file.bytes(12..<40) == Array("mn".utf8))
        let reader = try file.reader()
        var all = [UInt8](repeating: 0, count: 32)
        let got = try reader.readFully(into: &all, at: 0)
        reader.close()
        #expect(Array(all[0..<got]) == Array("abcdefghijklmn".utf8))
        return path
    }
}

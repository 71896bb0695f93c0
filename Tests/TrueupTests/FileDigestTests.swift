import Foundation
import Testing
@testable import Trueup
import TrueupSystem

/// The inputs' SHA-256, hashed in the background and finished by whoever asks first.
@Suite struct FileDigestTests {
    @Test func knownDigests() throws {
        let scratch = Scratch()
        // FIPS 180-2's example "abc", and the empty file.
        #expect(try FileDigest(path: scratch.file("abc", "abc")).hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try FileDigest(path: scratch.file("empty", "")).hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(throws: InputError.self) { try FileDigest(path: scratch.path + "/missing").hex() }
    }

    /// A file truncated while it is hashed: no SIGBUS (the file is read, never mapped) and no digest,
    /// but `changedWhileRead`; likewise a file whose status differs from the one its rows were read with.
    @Test func aFileChangedWhileHashedHasNoDigest() throws {
        let scratch = Scratch()
        let path = scratch.path + "/shrinking"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 65, count: 40 << 20)))
        let digest = FileDigest(path: path)
        #expect(truncate(path, 1000) == 0)
        #expect(throws: InputError.changedWhileRead(path: path)) { try digest.hex() }

        let steady = scratch.file("steady", "abc")
        let opened = try #require(FileDigest(path: steady).opened)
        var other = opened
        other.size += 1
        #expect(throws: InputError.changedWhileRead(path: steady)) { try FileDigest(path: steady).hex(matching: other) }
        #expect(try FileDigest(path: steady).hex(matching: opened).count == 64)
    }

    /// A report takes both inputs' digests unless asked not to (`check` and `brief` show none).
    @Test func reportsHashTheirInputsWhenAsked() throws {
        let hashed = try Tiny.run()
        #expect(try hashed.forecasts.sha256 == FileDigest(path: Tiny.forecasts).hex())
        #expect(try hashed.actuals.sha256 == FileDigest(path: Tiny.actuals).hex())
        #expect(hashed.forecasts.sha256.count == 64 && hashed.forecasts.sha256 != hashed.actuals.sha256)
        let unhashed = try Tiny.run { $0.hashesInputs = false }
        #expect(unhashed.forecasts.sha256.isEmpty && unhashed.actuals.sha256.isEmpty)
        #expect(unhashed.rows.map(\.figures) == hashed.rows.map(\.figures))
    }

    /// A file of many hashing steps gives the same digest whether the background thread finished it,
    /// the caller took over at once, or it took over part way; asking twice gives the same answer.
    @Test func takingOverGivesTheSameDigest() throws {
        let scratch = Scratch()
        var bytes = [UInt8](repeating: 0, count: 13 << 20 | 12_345)
        var state: UInt64 = 7
        for k in bytes.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[k] = UInt8(truncatingIfNeeded: state >> 56)
        }
        let path = scratch.path + "/large"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        // Most likely finished in the background by then (at nice 19 it yields to everything else).
        let finished = FileDigest(path: path)
        Thread.sleep(forTimeInterval: 1)
        let expected = try finished.hex()
        #expect(expected.count == 64)
        // 13 MB can't be hashed between the two calls: the caller finishes it.
        let atOnce = FileDigest(path: path)
        #expect(try atOnce.hex() == expected)
        #expect(atOnce.finishedByCaller)
        #expect(try atOnce.hex() == expected)
        for pause in [0.001, 0.005, 0.02] {
            let partWay = FileDigest(path: path)
            Thread.sleep(forTimeInterval: pause)
            #expect(try partWay.hex() == expected, "after \(pause) s")
        }
        // sha256sum's answer, where the tool is installed.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        if (try? process.run()) != nil {
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(output.hasPrefix(expected))
        }
    }
}

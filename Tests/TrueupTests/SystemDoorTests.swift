import Foundation
import Testing
import TrueupSystem

/// The door to the system: typed errno errors, and files that can't be hijacked.
@Suite struct SystemDoorTests {
    /// A new file is created only where nothing is: not over a file, and not through a link,
    /// even a dangling one (O_CREAT|O_EXCL|O_NOFOLLOW).
    @Test func newFilesAreNeverCreatedThroughALink() throws {
        let scratch = Scratch()
        let victim = scratch.file("victim", "precious")
        let link = scratch.path + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let dangling = scratch.path + "/dangling"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: scratch.path + "/would-be-created")
        for path in [link, dangling, victim] {
            #expect(throws: SystemError.self) { try SystemFile.createNew(path) }
        }
        #expect(String(decoding: FileManager.default.contents(atPath: victim) ?? Data(), as: UTF8.self) == "precious")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/would-be-created"))
        do {
            _ = try SystemFile.createNew(victim)
        } catch {
            #expect(error.isExisting)
        }
        let fresh = try SystemFile.createNew(scratch.path + "/fresh")
        try fresh.write("new")
        try fresh.sync()
        fresh.close()
        #expect(String(decoding: FileManager.default.contents(atPath: scratch.path + "/fresh") ?? Data(), as: UTF8.self) == "new")
    }

    /// Kinds of file are told apart without waiting on a FIFO; errors carry errno's words.
    @Test func openRegularRefusesEverythingElse() throws {
        let scratch = Scratch()
        let fifo = scratch.path + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(throws: InputRefusal.notRegular(.pipe)) { try SystemFile.openRegular(fifo) }
        #expect(throws: InputRefusal.notRegular(.characterDevice)) { try SystemFile.openRegular("/dev/zero") }
        #expect(throws: InputRefusal.notRegular(.directory)) { try SystemFile.openRegular(scratch.path) }
        do {
            _ = try SystemFile.openRegular(scratch.path + "/none")
            Issue.record("a missing file opened")
        } catch {
            guard case .cantOpen(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.isNotFound && reason.description == "No such file or directory")
        }
        let (file, status) = try SystemFile.openRegular(scratch.file("five", "12345"))
        defer { file.close() }
        #expect(status.kind == .regular && status.size == 5)
        var bytes = [UInt8](repeating: 0, count: 8)
        #expect(try bytes.withUnsafeMutableBytes { try file.readFully(into: $0, at: 1) } == 4)
        #expect(Array(bytes.prefix(4)) == Array("2345".utf8))
    }
}

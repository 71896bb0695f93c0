import Foundation
import Testing
@testable import Trueup

/// Sources read whole (folder members, workbooks, files read through a name column, standard
/// input) are checked for change while read, as plain files are, and standard input is bounded.
@Suite struct SourceChangeTests {
    static func file(_ bytes: Int) -> String {
        let path = NSTemporaryDirectory() + "trueup-change-" + UUID().uuidString + ".csv"
        var text = "customer,item,period,lag,forecast\n"
        while text.utf8.count < bytes { text += "C1,I1,2024-01,1,5\n" }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test(arguments: [SideSource.Kind.folderMember(folder: "in"), .workbook, .file])
    func aSourceTruncatedOrAppendedToWhileReadIsChanged(kind: SideSource.Kind) throws {
        for change in ["truncated", "appended"] {
            let path = Self.file(64 << 10)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var chunks = 0
            let source = SideSource(kind: kind, path: path)
            #expect(throws: InputError.changedWhileRead(path: source.displayName), "\(change)") {
                _ = try SourceBytes.read(source, chunkSize: 4096) {
                    chunks += 1
                    guard chunks == 2, let handle = FileHandle(forUpdatingAtPath: path) else { return }
                    if change == "truncated" {
                        try? handle.truncate(atOffset: 20_000)
                    } else {
                        _ = try? handle.seekToEnd()
                        handle.write(Data("C1,I1,2024-02,1,5\n".utf8))
                    }
                    try? handle.close()
                }
            }
        }
    }

    @Test func anUnchangedSourceReadsWhole() throws {
        let path = Self.file(64 << 10)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try SourceBytes.read(SideSource(kind: .workbook, path: path), chunkSize: 4096, afterChunk: nil)
        #expect(read.bytes.count == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
    }
}

import Foundation
import Testing

/// Every member of an input folder is read or named, with why, on stderr and in run.json.
@Suite struct FolderMemberTests {
    static let tiny = ReportCommandTests.self

    static func folder(_ space: Workspace) throws -> URL {
        let fm = FileManager.default
        let folder = space.url.appendingPathComponent("in")
        try fm.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fm.createDirectory(at: space.url.appendingPathComponent("outside"), withIntermediateDirectories: true)
        space.file("in/a.csv", Self.tiny.forecasts)
        space.file("outside/z.csv", "customer,item,period,lag,forecast\nZ,x,2024-01,1,7\n")
        space.file("in/notes.md", "")
        space.file("in/.hidden.csv", "")
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("z.csv").path, withDestinationPath: "../outside/z.csv")
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("zero.csv").path, withDestinationPath: "/dev/zero")
        #expect(mkfifo(folder.appendingPathComponent("pipe.csv").path, 0o644) == 0)
        // A Latin-1 name: "café2.csv" with é as the one byte E9.
        var raw = Array(folder.path.utf8) + Array("/caf".utf8) + [0xE9] + Array("2.csv".utf8)
        raw.append(0)
        let fd = raw.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        let rows = Array("customer,item,period,lag,forecast\nL1,x,2024-01,1,3\n".utf8)
        _ = rows.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return folder
    }

    @Test func everyMemberIsReadOrNamed() throws {
        let space = Workspace()
        _ = try Self.folder(space)
        let outcome = try CLI.run(["report", "--wide", "--forecasts", "in", "--actuals", space.file("a.csv", Self.tiny.actuals), "--out", "out"],
                                  in: space.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("trueup: forecasts: left out of the folder: in/.hidden.csv (a hidden file, its name starts "
            + "with a dot); in/notes.md (not a .csv, .tsv, .txt or .xlsx file); in/pipe.csv (a named pipe (FIFO), not a regular file); "
            + "in/sub (a folder: subfolders are not read); in/z.csv (a link to a file outside the folder: --follow-links reads it) "
            + "and 1 more (run.json lists them).\n"), "\(outcome.stderr)")
        let run = try #require(space.read("out/run.json"))
        #expect(run.contains("\"path\": \"in/zero.csv\",\n          \"why\": \"a device, not a regular file\"") || run.contains("in/zero.csv"))
        // The Latin-1 name is read, and shown escaped in the table of rows.
        #expect(run.contains("\"rows_read\": 1"))
        #expect(!(space.read("out/metrics.csv") ?? "").contains("\nZ,"))
        #expect((space.read("out/metrics.csv") ?? "").contains("L1"))
    }

    @Test func followLinksReadsALinkOutside() throws {
        let space = Workspace()
        _ = try Self.folder(space)
        let outcome = try CLI.run(["report", "--wide", "--forecasts", "in", "--actuals", space.file("a.csv", Self.tiny.actuals), "--follow-links",
                                   "--format", "csv"], in: space.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("in/z.csv"))
        #expect(outcome.stdout.contains("\nZ,"))
    }
}

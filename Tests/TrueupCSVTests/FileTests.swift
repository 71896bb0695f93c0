import Foundation
import Testing
import TrueupCSV

/// A file in the temporary directory, removed when the test is done with it.
private final class TemporaryFile {
    let path: String

    init(_ bytes: [UInt8], suffix: String = ".csv") throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("trueupcsv-\(UUID().uuidString)\(suffix)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A few KiB of CSV with every kind of record the reader handles.
private let fileContent: [UInt8] = {
    var text = "id;name;note;amount\r\n"
    for index in 0..<200 {
        switch index % 4 {
        case 0: text += "\(index);plain;;\(index),5\r\n"
        case 1: text += "\(index);\"quoted; with \"\"quotes\"\"\";\"two\r\nlines\";1\r\n"
        case 2: text += "\r\n\(index);é 日本 😀;a\"b;\"ab\"cd\r\n"
        default: text += "\(index);\"\";x;\(String(repeating: "9", count: index))\r\n"
        }
    }
    return utf8BOM + Array(text.utf8)
}()

@Test("a file gives the same records as its bytes, and onChunk sees every byte once", arguments: bufferSizes)
func readsFile(bufferSize: Int) throws {
    let file = try TemporaryFile(fileContent)
    var chunks: [UInt8] = []
    var chunkCount = 0
    let reader = try CSVReader(path: file.path, bufferSize: bufferSize) { chunk in
        chunks.append(contentsOf: chunk)
        chunkCount += 1
    }
    #expect(reader.name == file.path)
    #expect(reader.dialect.delimiter == UInt8(ascii: ";"))
    let fromFile = try records(of: reader)
    #expect(fromFile == (try records(fileContent, bufferSize: bufferSize)))
    #expect(fromFile.count == 201)
    #expect(fromFile[2] == ["1", "quoted; with \"quotes\"", "two\r\nlines", "1"])
    #expect(fromFile[3] == ["2", "é 日本 😀", "a\"b", "abcd"])
    #expect(reader.hadByteOrderMark)
    #expect(chunks == fileContent)
    #expect(reader.bytesRead == fileContent.count)
    if bufferSize < fileContent.count { #expect(chunkCount > 1) }
}

@Test("a file longer than the sniffer's sample is sniffed and read whole")
func readsLargeFile() throws {
    var text = "customer;item;period;forecast\n"
    var expected = [["customer", "item", "period", "forecast"]]
    for index in 0..<5000 {
        text += "C\(index);\"I \(index)\";2024-\(index % 12 + 1);\(index),25\n"
        expected.append(["C\(index)", "I \(index)", "2024-\(index % 12 + 1)", "\(index),25"])
    }
    let bytes = Array(text.utf8)
    #expect(bytes.count > CSVSniffer.sampleSize)
    let file = try TemporaryFile(bytes)
    var hashed = 0
    let reader = try CSVReader(path: file.path, bufferSize: 4096) { hashed += $0.count }
    #expect(reader.dialect.delimiter == UInt8(ascii: ";"))
    #expect(try records(of: reader) == expected)
    #expect(hashed == bytes.count)
}

@Test("an empty file has no records")
func readsEmptyFile() throws {
    let file = try TemporaryFile([])
    var chunks = 0
    let reader = try CSVReader(path: file.path) { _ in chunks += 1 }
    #expect(try records(of: reader).isEmpty)
    #expect(chunks == 0)
}

@Test("a missing file throws unreadable with its path")
func missingFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("trueupcsv-missing-\(UUID().uuidString).csv").path
    let error = #expect(throws: CSVError.self) { try CSVReader(path: path) }
    guard case .unreadable(let reported, let reason)? = error else {
        Issue.record("expected .unreadable, got \(String(describing: error))")
        return
    }
    #expect(reported == path)
    #expect(!reason.isEmpty)
}

@Test("a directory throws unreadable")
func directoryPath() throws {
    let path = FileManager.default.temporaryDirectory.path
    let error = #expect(throws: CSVError.self) { try CSVReader(path: path) }
    guard case .unreadable(let reported, _)? = error else {
        Issue.record("expected .unreadable, got \(String(describing: error))")
        return
    }
    #expect(reported == path)
}

@Test("a UTF-16 file throws unsupportedEncoding")
func utf16File() throws {
    let file = try TemporaryFile([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00])
    #expect(throws: CSVError.unsupportedEncoding("UTF-16")) { try CSVReader(path: file.path) }
}

/// The open descriptors of this process; other tests running alongside may hold a few.
private func openDescriptorCount() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/dev/fd").count) ?? 0
}

@Test("a file refused for its encoding is closed again", .enabled(if: openDescriptorCount() > 0, "/dev/fd is not listable here"))
func refusedFileClosed() throws {
    let file = try TemporaryFile([0xFE, 0xFF, 0x00, 0x61, 0x00, 0x0A])
    let before = openDescriptorCount()
    for _ in 0..<64 {
        #expect(throws: CSVError.unsupportedEncoding("UTF-16")) { try CSVReader(path: file.path) }
    }
    #expect(openDescriptorCount() - before < 16, "64 refused opens should leave no descriptor behind")
}

import Foundation
import Testing
@testable import TrueupWorkbook

/// Files that are not workbooks trueup can read: each is one clear error, never a crash.
@Suite struct WorkbookErrorTests {
    @Test func aLegacyXlsIsRefusedWithOneSentence() throws {
        let scratch = ScratchFolder()
        let path = scratch.file("old.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        let error = #expect(throws: WorkbookError.self) { try Workbook(path: path) }
        #expect(error == .legacyExcel(path: path))
        #expect(error?.description == "\(path) is a legacy Excel workbook (.xls, or a password-protected one), "
            + "which trueup can't read: save it as .xlsx or CSV.")
    }

    @Test func aCSVNamedXlsxIsNotAWorkbook() throws {
        let scratch = ScratchFolder()
        let path = scratch.file("forecasts.xlsx", Array("customer,item,period,forecast\n".utf8))
        let error = #expect(throws: WorkbookError.self) { try Workbook(path: path) }
        #expect(error == .notAWorkbook(path: path, reason: "it is not a zip archive"))
        #expect(error?.description == "\(path) is not an Excel workbook (.xlsx): it is not a zip archive.")
    }

    @Test func anEmptyFile() throws {
        let scratch = ScratchFolder()
        let path = scratch.file("empty.xlsx", [])
        #expect(throws: WorkbookError.notAWorkbook(path: path, reason: "the file is empty")) { try Workbook(path: path) }
    }

    /// A zip entry whose deflated bytes end before its stream does (found by the fuzzer): the zip
    /// library's inflate loop would ask for more forever; it is a damaged part, named, at once.
    @Test func aDeflateStreamThatNeverEndsIsDamage() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture("endless-inflate.xlsx"))))
        let error = #expect(throws: WorkbookError.self) { try Workbook(bytes: bytes, path: "endless.xlsx") }
        #expect(error == .damaged(path: "endless.xlsx", part: "xl/theme/theme1.xml",
                                  reason: "its compressed data is damaged or ends before its stream does"))
        // Every intact fixture still opens.
        for name in ["tiny-forecasts.xlsx", "tiny-actuals.xlsx", "dates-1904.xlsx"] {
            let intact = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture(name))))
            #expect(throws: Never.self) { try Workbook(bytes: intact, path: name) }
        }
    }

    @Test func aTruncatedWorkbook() throws {
        let scratch = ScratchFolder()
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture("tiny-forecasts.xlsx"))))
        let path = scratch.file("cut.xlsx", Array(whole.prefix(whole.count / 2)))
        let error = #expect(throws: WorkbookError.self) { try Workbook(path: path) }
        guard case .notAWorkbook(let errorPath, let reason) = error else {
            Issue.record("expected notAWorkbook, got \(String(describing: error))")
            return
        }
        #expect(errorPath == path)
        #expect(reason.hasPrefix("its zip directory can't be read"))
    }

    @Test func aMissingFileAndAFolder() throws {
        let missing = NSTemporaryDirectory() + "no-such-workbook-\(UUID().uuidString).xlsx"
        #expect(throws: WorkbookError.missingFile(path: missing, reason: "no such file")) { try Workbook(path: missing) }
        let folder = NSTemporaryDirectory()
        #expect(throws: WorkbookError.self) { try Workbook(path: folder) }
    }
}

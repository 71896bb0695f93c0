import Foundation
import Testing

/// The house's shape, as docs/ARCHITECTURE.md states it: one door to the C library, and
/// memory by address only in the named rooms, the doors to C and the benchmark's entry points.
@Suite struct PackageShapeTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every Swift file under Sources, by its path from there, with its text.
    static func sourceFiles() throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let path = String(url.path.dropFirst(sources.path.count + 1))
            files.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The files allowed to hold pointers: the rooms, then the doors to C and the entry points for measurements.
    static let pointerFiles: Set<String> = [
        "Trueup/Unchecked/UncheckedByteDoors.swift", "Trueup/Unchecked/UncheckedColumn.swift",
        "Trueup/Unchecked/UncheckedParallel.swift", "TrueupCSV/UncheckedBytes.swift", "TrueupCSV/UncheckedReadBuffer.swift",
        "TrueupSystem/Syscalls.swift", "TrueupSystem/SystemFile.swift", "Trueup/Input/SHA256.swift",
        "TrueupWorkbook/EntryChecksum.swift", "TrueupWorkbook/Workbook.swift", "Trueup/Kernels/KernelBenchmarkSupport.swift",
        "TrueupReports/Workbook/XLSXWriter.swift",
    ]

    @Test func pointersOnlyInTheRoomsAndTheDoors() throws {
        let pointer = try Regex(#"Unsafe(Mutable)?(Raw)?(Buffer)?Pointer|withUnsafe|unsafeAddress|unsafeBitCast|Unmanaged|assumingMemoryBound|bindMemory"#)
        let files = try Self.sourceFiles()
        #expect(files.count > 100)
        let holding = Set(files.filter { $0.text.contains(pointer) }.map(\.path))
        #expect(holding.subtracting(Self.pointerFiles).isEmpty, "pointers outside the rooms: \(holding.subtracting(Self.pointerFiles).sorted())")
        // The list names files that exist and still need it.
        #expect(Self.pointerFiles.subtracting(holding).isEmpty, "listed but pointer-free: \(Self.pointerFiles.subtracting(holding).sorted())")
    }

    /// A room is a folder named `Unchecked` or a file whose name starts with `Unchecked`.
    static func isRoom(_ path: String) -> Bool {
        path.contains("/Unchecked/") || path.split(separator: "/").last?.hasPrefix("Unchecked") == true
    }

    /// A type that tells the compiler to trust it across threads, and memory allocated and freed by
    /// hand, live in the rooms; everywhere else a lock is a `Mutex` the compiler can check.
    @Test func uncheckedSendableAndManualMemoryOnlyInTheRooms() throws {
        let unchecked = try Regex(#"@unchecked\s+Sendable|nonisolated\(unsafe\)"#)
        let manual = try Regex(#"\.allocate\(|\.deallocate\(\)"#)
        let files = try Self.sourceFiles()
        let outside = files.filter { !Self.isRoom($0.path) }
        #expect(outside.filter { $0.text.contains(unchecked) }.map(\.path) == [])
        #expect(outside.filter { $0.text.contains(manual) }.map(\.path) == [])
        // The rooms do hold them: the check looks at the right text.
        #expect(files.contains { Self.isRoom($0.path) && $0.text.contains(unchecked) })
        #expect(files.contains { Self.isRoom($0.path) && $0.text.contains(manual) })
    }

    /// No two Swift files of the package, sources and tests, share a name: a name says where a thing is.
    @Test func noTwoFilesShareAName() throws {
        let root = Self.sources.deletingLastPathComponent()
        var byName: [String: [String]] = [:]
        for folder in ["Sources", "Tests"] {
            let base = root.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                // The fuzzer is a package of its own, built apart.
                guard url.pathExtension == "swift", !url.path.contains("/Tests/Fuzz/") else { continue }
                byName[url.lastPathComponent, default: []].append(String(url.path.dropFirst(root.path.count + 1)))
            }
        }
        #expect(byName.count > 200)
        #expect(byName.filter { $0.value.count > 1 }.mapValues { $0.sorted() } == [:])
    }

    @Test func oneFileImportsTheCLibrary() throws {
        let cLibrary = try Regex(#"(?m)^\s*import\s+(Glibc|Darwin|Musl|ucrt)\b"#)
        let importing = try Self.sourceFiles().filter { $0.text.contains(cLibrary) }.map(\.path)
        #expect(importing == ["TrueupSystem/Syscalls.swift"])
    }
}

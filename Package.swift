// swift-tools-version:6.0
import PackageDescription

/// The per-row paths of the reader and the ingest touch class and captured state millions of times;
/// Swift checks exclusive access to those at run time unless told not to. The compile-time checks
/// still apply, and debug builds (which run the tests) keep the run-time checks too.
let hotPath: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
    // Debug builds, which run the tests, optimise these modules too but keep every assert and the
    // run-time exclusivity checks: the tests read and score real books, and unoptimised they took minutes.
    .unsafeFlags(["-O", "-assert-config", "Debug"], .when(configuration: .debug)),
]

let package = Package(
    name: "trueup",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trueup", targets: ["trueup"]),
        .library(name: "Trueup", targets: ["Trueup"]),
        // For the fuzzer only (its entry points are SPI): the .xlsx reader.
        .library(name: "TrueupWorkbook", targets: ["TrueupWorkbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Test only: a CommonMark renderer to show that no name in a brief becomes markup.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // OpenBLAS, reached only through Sources/Trueup/Kernels/BLAS.swift.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // SHA-256 from the system's libcrypto (OpenSSL), reached only through Sources/Trueup/Input/SHA256.swift:
        // compiling a cryptography package from source took most of a fresh clone's first build.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // zlib's CRC-32, reached only through Sources/TrueupWorkbook/EntryChecksum.swift: ZIPFoundation sums its
        // entries in Swift on Linux. Not named CZlib: ZIPFoundation's own zlib module has that name.
        .systemLibrary(
            name: "CZlibCRC",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libxlsxwriter, reached only through Sources/TrueupReports/Workbook/XLSXWriter.swift: report.xlsx.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Linux's memfd_create, reached only through Sources/TrueupSystem/Syscalls.swift: intake's text in memory, not in a file.
        .systemLibrary(name: "CMemoryFile"),
        // The one door to the C library: every system call, with typed errno errors (Syscalls.swift).
        .target(name: "TrueupSystem", dependencies: ["CMemoryFile"]),
        // A fast, generic CSV reader: dialect sniffing, a byte state machine, errors with positions.
        .target(name: "TrueupCSV", dependencies: ["TrueupSystem"], swiftSettings: hotPath),
        // Excel workbooks (.xlsx) read as CSV text: the zip through ZIPFoundation, the XML by a small streaming scanner.
        .target(name: "TrueupWorkbook", dependencies: ["CZlibCRC", "TrueupCSV", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                swiftSettings: hotPath),
        // The domain: schema mapping, ingest, join, figures on the BLAS core.
        .target(
            name: "Trueup",
            dependencies: [
                "CBLAS",
                "CCrypto",
                "TrueupSystem",
                "TrueupCSV",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: hotPath
        ),
        // Synthetic books with planted forecaster behaviours (`trueup generate`), for tests, demos and benchmarks.
        .target(name: "TrueupGenerate", dependencies: ["TrueupSystem"], swiftSettings: hotPath),
        // Writers: table, CSV, JSON, Markdown, HTML with SVG charts, and report.xlsx through libxlsxwriter.
        // report.xlsx's zip members at deflate level 1: libxlsxwriter asks minizip for the default level (Sources/CWorkbookZip).
        .target(name: "CWorkbookZip"),
        .target(name: "TrueupReports", dependencies: ["Trueup", "CXLSXWriter", "CWorkbookZip"]),
        // The run history in SQLite, through GRDB, with named migrations.
        .target(name: "TrueupHistory", dependencies: ["Trueup", .product(name: "GRDB", package: "GRDB.swift")]),
        // The command line: one file per subcommand.
        .executableTarget(
            name: "trueup",
            dependencies: [
                "Trueup",
                "TrueupReports",
                "TrueupHistory",
                "TrueupSystem",
                "TrueupWorkbook",
                "TrueupGenerate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TrueupCSVTests", dependencies: ["TrueupCSV"]),
        .testTarget(name: "TrueupWorkbookTests", dependencies: ["TrueupWorkbook", "TrueupCSV"]),
        .testTarget(name: "TrueupTests", dependencies: ["Trueup", "TrueupReports", "TrueupSystem", "TrueupGenerate", .product(name: "Ink", package: "Ink")]),
        .testTarget(name: "TrueupHistoryTests", dependencies: ["TrueupHistory", "Trueup", .product(name: "GRDB", package: "GRDB.swift")]),
        // GRDB here only to look inside the history files the command line writes.
        .testTarget(name: "TrueupCLITests", dependencies: ["trueup", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Help", "Golden"]),
    ]
)

// swift-tools-version:6.0
import PackageDescription

// Micro-benchmarks of trueup's parts, kept out of the root package so that
// `swift build` and `swift test` there never build or run them.
//
//   KernelBench: the BLAS kernels against plain Swift loops, and whole-buffer
//                passes against cache-sized chunks.
//   CSVBench:    TrueupCSV's reader against yaslab/CSV.swift and SwiftCSV.
//
// Run from this directory: `swift run -c release KernelBench`, `swift run -c release CSVBench FILE`.
let package = Package(
    name: "TrueupMicro",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "trueup", path: "../.."),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "KernelBench",
            dependencies: [.product(name: "Trueup", package: "trueup")]
        ),
        .executableTarget(
            name: "CSVBench",
            dependencies: [
                // TrueupCSV is not a product of its own; it comes with Trueup.
                .product(name: "Trueup", package: "trueup"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
    ]
)

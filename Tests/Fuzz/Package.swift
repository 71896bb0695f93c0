// swift-tools-version:6.0
import PackageDescription

/// The libFuzzer target over trueup's CSV reader and its period and number parsers, and over
/// its .xlsx reader (`TRUEUP_FUZZ_TARGET=workbook`).
///
/// A package of its own, so that the root package's `swift build` and `swift test`
/// never build it: it needs `-sanitize=fuzzer,address`, which `run.sh` passes.
/// Without them it builds a plain driver that replays saved inputs (see `Driver.swift`).
let package = Package(
    name: "TrueupFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "trueup", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "TrueupFuzz",
            dependencies: [.product(name: "Trueup", package: "trueup"), .product(name: "TrueupWorkbook", package: "trueup")]
        ),
    ]
)

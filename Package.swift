// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DumpSentry",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DumpSentryKit", targets: ["DumpSentryKit"]),
        .executable(name: "dumpsentry", targets: ["dumpsentry"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CVectorscan", pkgConfig: "libhs", providers: [.apt(["libvectorscan-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CMagic", providers: [.apt(["libmagic-dev"])]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        // The C targets with code: a SIGBUS guard for mapped files that shrink under the scan,
        // Linux calls Swift's Glibc module does not expose, and the SSE2 loops of UTF-16 narrowing.
        .target(name: "CSignals"),
        .target(name: "CSyscalls"),
        .target(name: "CUtf16"),
        .target(
            name: "DumpSentryKit",
            dependencies: [
                "CVectorscan", "CPCRE2", "CMagic", "CArchive", "CSignals", "CSyscalls", "CUtf16",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
        .executableTarget(
            name: "dumpsentry",
            dependencies: [
                "DumpSentryKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DumpSentryKitTests", dependencies: ["DumpSentryKit"]),
        .testTarget(name: "DumpSentryCLITests", dependencies: ["dumpsentry"]),
    ]
)

// libFuzzer harnesses that need the whole kit (rule loaders, the chunk scanner): declared only when
// scripts/fuzz.sh builds them with `-sanitize=fuzzer,address`, because libFuzzer supplies their
// `main` and an ordinary `swift build` could not link them.
if Context.environment["DUMPSENTRY_FUZZ"] == "1" {
    package.targets.append(.target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"))
    for name in ["RuleFileFuzz", "GitleaksConfigFuzz", "ChunkScannerFuzz"] {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["DumpSentryKit", "CFuzzDriver"], path: "Fuzz/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}

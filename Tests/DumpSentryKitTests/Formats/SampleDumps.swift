import Foundation
import Testing

/// The public sample minidumps in `../shared/samples/minidumps` beside the package root. They are
/// not part of the repository: tests that use them are enabled only when the folder exists.
enum SampleDumps {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Formats
        .deletingLastPathComponent()  // DumpSentryKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/samples/minidumps").standardized

    static var available: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static let skipReason: Comment = "public sample minidumps not found at ../shared/samples/minidumps (not part of the repository)"

    /// Every `.dmp` file name in the folder, sorted.
    static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".dmp") }.sorted()
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}


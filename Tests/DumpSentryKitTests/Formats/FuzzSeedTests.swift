import Foundation
import Testing
@testable import DumpSentryKit

/// The committed fuzz seeds (written by `Fuzz/make-seeds.py`, an independent Python writer of
/// the same formats) parse cleanly: a seed that failed would only fuzz the error path.
struct FuzzSeedTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static let expectedFormat = ["minidump": "minidump", "elf-core": "elf-core", "hprof": "hprof",
                                 "windows-crashdump": "windows-crashdump"]

    @Test(arguments: ["minidump", "elf-core", "hprof", "windows-crashdump", "dump-layout"])
    func seedsParseCleanly(target: String) throws {
        let folder = Self.corpus.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!names.isEmpty, "no seeds in \(folder.path)")
        for name in names {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let layout = try #require(try bytes.withUnsafeBytes { try DumpLayoutParser.parse($0).get() }, "\(name)")
            if let format = Self.expectedFormat[target] {
                #expect(layout.formatName == format, "\(name)")
            }
            #expect(layout.problems == [], "\(target)/\(name): \(layout.problems)")
            #expect(!layout.facts.isEmpty, "\(name)")
        }
    }

    @Test func minidumpSeedMapsItsStack() throws {
        let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent("minidump/full.dmp")))
        let layout = try bytes.withUnsafeBytes { try MinidumpLayout(bytes: $0) }
        // make-seeds.py writes two 64-byte blobs and then the 128-byte stack right after the header.
        #expect(layout.location(ofFileOffset: 32 + 128 + 4)
            == DumpLocation(virtualAddress: 0x7ffd_0004, region: .stack, threadID: 77))
        #expect(layout.facts["process.name"] == "app")
        #expect(layout.facts["pid"] == "4242")
    }
}

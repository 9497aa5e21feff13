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

/// The seeds of the rule-loader and chunk-scanner harnesses load: a seed that failed would only
/// fuzz the first error path.
struct LoaderFuzzSeedTests {
    static func seed(_ target: String, _ name: String) throws -> String {
        String(decoding: try Data(contentsOf: FuzzSeedTests.corpus.appendingPathComponent("\(target)/\(name)")), as: UTF8.self)
    }

    @Test func ruleFileSeedsLoad() throws {
        let fields = try RuleFileParser.parse(yaml: try Self.seed("rule-file", "fields.yaml"), file: "fields.yaml")
        #expect(fields.map(\.id) == ["fuzz.token", "fuzz.numbers"])
        #expect(fields.first?.allowlistRegexes == ["^fzt_0+$"] && fields.first?.onInvalid == .drop)
        #expect(fields.first?.onPlaceholderShape == .lower && fields.last?.onPlaceholderShape == .drop)
        #expect(fields.last?.examples == ["123456", "1.5", "true"])
        #expect(try RuleFileParser.parse(yaml: try Self.seed("rule-file", "mapping.yaml"), file: "m.yaml").map(\.id) == ["fuzz.mapped"])
        #expect(try RuleFileParser.parse(yaml: try Self.seed("rule-file", "empty.yaml"), file: "e.yaml").isEmpty)
    }

    @Test func gitleaksSeedsImport() throws {
        let config = try GitleaksConfig.parse(toml: try Self.seed("gitleaks-config", "fields.toml"), file: "fields.toml")
        #expect(config.rules.map(\.id) == ["gitleaks.fuzz-token", "gitleaks.two-groups"])
        #expect(config.useDefault)
        #expect(config.rules.first?.stopwords.sorted() == ["example", "fixture"])
        let minimal = try GitleaksConfig.parse(toml: try Self.seed("gitleaks-config", "minimal.toml"), file: "minimal.toml")
        #expect(minimal.rules.map(\.id) == ["gitleaks.x"])
    }

    @Test func chunkScannerSeedsExist() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: FuzzSeedTests.corpus.appendingPathComponent("chunk-scanner").path)
        #expect(names.sorted() == ["ascii.bin", "streamed.bin", "text.bin", "utf16.bin"])
    }
}

import Foundation
import Testing
@testable import DumpSentryKit

/// Small files are read into batches instead of mapped: the findings, offsets, encodings, file
/// types and dump attribution must be those of the mapped path.
@Suite("Small files, read in batches")
struct SmallFilePathTests {
    struct Key: Hashable { let path: String; let offset: UInt64; let rule: String; let encoding: TextEncoding }

    static func keys(_ outcome: ScanOutcome) -> [Key] {
        outcome.findings.map { Key(path: $0.path, offset: $0.offset, rule: $0.ruleID, encoding: $0.encoding) }
    }

    static func scan(_ path: String, smallFileLimit: Int, chunkSize: Int = ScanOptions.defaultChunkSize) -> ScanOutcome {
        var options = ScanOptions(threads: 2, chunkSize: chunkSize)
        options.smallFileLimit = smallFileLimit
        return ScanPipeline(database: TestRules.database, options: options).run(paths: [path])
    }

    /// 300 files of 0 bytes to 20 KB (more than one batch, some past the limit below); every
    /// seventh holds a token, in ASCII or UTF-16LE, at a known offset.
    static func tree() -> (TemporaryDirectory, planted: Set<Key>) {
        let directory = TemporaryDirectory()
        var planted: Set<Key> = []
        for index in 0..<300 {
            let size = index == 0 ? 0 : (index * 7_919) % 20_000 + 100
            var dump = DumpBuilder(size: size, seed: UInt64(index))
            let name = "d\(index % 5)/f\(index).bin"
            if index % 7 == 3 {
                let encoding: TextEncoding = index % 2 == 0 ? .utf16le : .ascii
                let at = (index * 31) % (size - 100) / 2 * 2 + 2
                dump.plant(TestRules.githubToken, at: at, encoding: encoding)
                planted.insert(Key(path: directory.path + "/" + name, offset: UInt64(at), rule: TestRules.github.id, encoding: encoding))
            }
            directory.write(name, dump.bytes)
        }
        return (directory, planted)
    }

    @Test func sameFindingsAsTheMappedPath() throws {
        let (directory, planted) = Self.tree()
        let mapped = Self.scan(directory.path, smallFileLimit: 0)
        #expect(Set(Self.keys(mapped)) == planted)
        for (limit, chunkSize) in [(256 << 10, ScanOptions.defaultChunkSize), (256 << 10, 4096), (8_000, 1000)] {
            let read = Self.scan(directory.path, smallFileLimit: limit, chunkSize: chunkSize)
            #expect(Self.keys(read) == Self.keys(mapped), "limit \(limit), chunk \(chunkSize)")
            #expect(read.errors.isEmpty)
            #expect(read.bytes == mapped.bytes)
            #expect(read.sources.map(\.path) == mapped.sources.map(\.path))
            #expect(read.sources.map(\.bytes) == mapped.sources.map(\.bytes))
        }
    }

    @Test func typesAreNamedAndCompressedFilesStillUnpacked() throws {
        let directory = TemporaryDirectory()
        let text = directory.write("app.log", Array("2026-11-29 INFO started\nGITHUB_TOKEN=\(TestRules.githubToken)\n".utf8))
        let binary = directory.write("blob.bin", DumpBuilder(size: 5_000, seed: 3).bytes)
        let empty = directory.write("empty", [])
        let gzip = directory.path + "/app.log.gz"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c '\(text)' > '\(gzip)'"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let outcome = Self.scan(directory.path, smallFileLimit: 256 << 10)
        let types = Dictionary(uniqueKeysWithValues: outcome.sources.map { ($0.path, $0.fileType ?? "nil") })
        #expect(types[text] == "text/plain")
        #expect(types[binary] == "application/octet-stream")
        #expect(types[empty] == "application/x-empty")
        #expect(types[gzip]?.hasPrefix("gzip") == true, "\(types)")
        #expect(outcome.findings.map(\.path) == [text, gzip])
        #expect(outcome.findings.first?.offset == 37)
        #expect(outcome.errors.isEmpty)
    }

    @Test func smallDumpsAreStillAttributed() throws {
        var (bytes, planted) = GeneratedMinidumpTests.fixture()
        let heap = planted[1]
        let token = Array(TestRules.githubToken.utf8)
        bytes[heap.offset - 1] = 0
        bytes.replaceSubrange(heap.offset..<(heap.offset + token.count), with: token)
        bytes[heap.offset + token.count] = 0
        let directory = TemporaryDirectory()
        let path = directory.write("crash.dmp", bytes)
        for limit in [0, 256 << 10] {
            let outcome = Self.scan(path, smallFileLimit: limit)
            let finding = try #require(outcome.findings.first { $0.ruleID == TestRules.github.id }, "limit \(limit)")
            #expect(finding.offset == UInt64(heap.offset))
            #expect(finding.location == heap.expected, "limit \(limit)")
            #expect(outcome.sources.first?.fileType == "minidump")
        }
    }
}

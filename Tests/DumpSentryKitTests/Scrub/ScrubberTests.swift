import Foundation
import Testing
@testable import DumpSentryKit

/// Scrub in the kit: spans overwritten in their encoding, every other byte identical, the rescan
/// clean, stream and file paths byte-identical, dump layouts intact.
@Suite("Scrubber", .serialized)
struct ScrubberTests {
    /// Random binary with the test rules' secrets in ASCII, UTF-16LE and UTF-16BE, some across
    /// chunk boundaries of the small chunk sizes below. Returns the bytes and the planted offsets.
    static func fixture() -> (bytes: [UInt8], planted: [(offset: Int, length: Int, encoding: TextEncoding)]) {
        var builder = DumpBuilder(size: 300_000, seed: 0x5c2b)
        let planted: [(String, Int, TextEncoding)] = [
            (TestRules.awsKey, 1_000, .ascii),
            (TestRules.githubToken, 4_090, .ascii),          // straddles 4 KiB
            (TestRules.githubToken, 65_500, .utf16le),      // straddles 64 KiB
            // Even: at an odd offset the same bytes also read as UTF-16LE one byte later, and the
            // narrowing (which pairs bytes at even offsets first) reports that reading instead.
            (TestRules.awsKey, 131_070, .utf16be),
            ("password = 'Tr0ub4dor&3xQ'", 200_000, .ascii),
        ]
        for (text, offset, encoding) in planted { builder.plant(text, at: offset, encoding: encoding) }
        let spans = planted.map { text, offset, encoding -> (Int, Int, TextEncoding) in
            if text.hasPrefix("password") { return (offset + 12, 13, encoding) }   // the secret group only
            return (offset, text.utf8.count * encoding.unitWidth, encoding)
        }
        return (builder.bytes, spans.map { (offset: $0.0, length: $0.1, encoding: $0.2) })
    }

    static func scrubber(chunkSize: Int = ScanOptions.defaultChunkSize) -> Scrubber {
        Scrubber(database: TestRules.database, options: ScanOptions(threads: 2, chunkSize: chunkSize))
    }

    static func read(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func spansAreFilledAndEveryOtherByteIsIdentical() throws {
        let directory = TemporaryDirectory()
        let (bytes, planted) = Self.fixture()
        let input = directory.write("core", bytes)
        let output = directory.path + "/core.clean"
        let report = try Self.scrubber().run(ScrubRequest(input: input, destination: .file(output)))
        #expect(report.isClean, "\(report.remaining.map { ($0.ruleID, $0.offset) }) \(report.verificationProblems)")
        #expect(report.replacements.map { Int($0.offset) } == planted.map(\.offset))
        let scrubbed = try Self.read(output)
        #expect(scrubbed.count == bytes.count)
        var inSpan = [Bool](repeating: false, count: bytes.count)
        for span in planted {
            for index in span.offset..<(span.offset + span.length) { inSpan[index] = true }
            let expected: [UInt8] = switch span.encoding {
            case .utf16le: Array(repeating: [0x2a, 0], count: span.length / 2).flatMap { $0 }
            case .utf16be: Array(repeating: [0, 0x2a], count: span.length / 2).flatMap { $0 }
            default: Array(repeating: 0x2a, count: span.length)
            }
            #expect(Array(scrubbed[span.offset..<(span.offset + span.length)]) == expected, "span at \(span.offset)")
        }
        let changedOutside = (0..<bytes.count).filter { !inSpan[$0] && bytes[$0] != scrubbed[$0] }
        #expect(changedOutside.isEmpty, "bytes changed outside the spans: \(changedOutside.prefix(5))")
        let rescan = try ScanPipeline(database: TestRules.database).scan(bytes: scrubbed)
        #expect(rescan.isEmpty, "\(rescan.map { ($0.ruleID, $0.offset) })")
        let mode = try #require(FileManager.default.attributesOfItem(atPath: output)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test(arguments: [64, 4096, ScanOptions.defaultChunkSize])
    func streamOutputEqualsFileOutput(chunkSize: Int) throws {
        let directory = TemporaryDirectory()
        let (bytes, planted) = Self.fixture()
        let input = directory.write("core", bytes)
        let fromFile = directory.path + "/file.clean", fromStream = directory.path + "/stream.clean"
        let scrubber = Self.scrubber(chunkSize: chunkSize)
        let fileReport = try scrubber.run(ScrubRequest(input: input, destination: .file(fromFile)))

        // A FIFO takes the stream path, exactly like stdin. The test holds a write end open
        // (O_RDWR does not block) before scrub opens it, so scrub cannot see an early end.
        let fifo = directory.path + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let fd = open(fifo, O_RDWR)
        try #require(fd >= 0)
        let writer = Thread {
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            handle.write(Data(bytes))
            handle.closeFile()
        }
        writer.start()
        let streamReport = try scrubber.run(ScrubRequest(input: fifo, destination: .file(fromStream)))
        #expect(streamReport.isClean && fileReport.isClean)
        #expect(streamReport.replacements.count == planted.count)
        #expect(streamReport.replacements.map(\.offset) == fileReport.replacements.map(\.offset))
        #expect(try Self.read(fromStream) == Self.read(fromFile), "stream and file outputs differ at chunk size \(chunkSize)")
        // The file path writes its copy from the scan's workers; read (not mapped), the same bytes.
        let fromRead = directory.path + "/read.clean"
        let unmapped = Scrubber(database: TestRules.database, options: ScanOptions(threads: 2, chunkSize: chunkSize, useMemoryMap: false))
        #expect(try unmapped.run(ScrubRequest(input: input, destination: .file(fromRead))).isClean)
        #expect(try Self.read(fromRead) == Self.read(fromFile), "read and mapped outputs differ at chunk size \(chunkSize)")
    }

    @Test func inPlaceKeepsTheModeAndRefusesASymlink() throws {
        let directory = TemporaryDirectory()
        let (bytes, _) = Self.fixture()
        let input = directory.write("core", bytes)
        #expect(chmod(input, 0o640) == 0)
        let link = directory.path + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: input)
        #expect(throws: ScrubError.self) { try Self.scrubber().run(ScrubRequest(input: link, destination: .inPlace)) }
        #expect(try Self.read(input) == bytes, "refused, so untouched")

        let report = try Self.scrubber().run(ScrubRequest(input: input, destination: .inPlace))
        #expect(report.isClean)
        let after = try Self.read(input)
        #expect(after.count == bytes.count && after != bytes)
        let mode = try #require(FileManager.default.attributesOfItem(atPath: input)[.posixPermissions] as? Int)
        #expect(mode == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aDirtyRescanIsReportedNotClean() throws {
        // The verdict itself: anything left by the rescan, or no rescan at all, is never clean.
        var report = ScrubReport(input: "in", output: "out", bytes: 1, replacements: [], unscrubbed: [], remaining: [],
                                 verified: true, verificationProblems: [], failOn: .low, seconds: 0)
        #expect(report.isClean)
        report.remaining = [Finding(ruleID: "test.aws-key-id", ruleName: "AWS", severity: .high, path: "out", offset: 0,
                                    length: 20, encoding: .ascii, secret: Array(TestRules.awsKey.utf8))]
        #expect(!report.isClean)
        let json = report.json().serialized()
        #expect(!json.contains(TestRules.awsKey), "the report must not carry the secret")
        #expect(json.contains("\"fingerprint\""))
        report.remaining = []
        report.verified = false
        #expect(!report.isClean, "an unverified output is never clean")
    }

    /// With the bundled rules and detectors: a DER key becomes 0xDD over the whole structure, a
    /// JWT becomes `*` over the whole token, and the rescan is clean.
    @Test func binaryKeysAndJWTsWithTheDefaultRules() throws {
        let fixtures = try KeyFixtures.shared.get()
        let der = try #require(fixtures.keys.lazy.compactMap { $0.formats["pkcs8"] }.first, "no PKCS#8 fixture")
        // The jwt.token rule's own (fake) example.
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLWE3NDU4NzM2Iiwicm9sZSI6ImFkbWluIiwiaWF0IjoxNzAwMDAwMDAwfQ.14QkBgUolp7dNpg4rpW6S4DRHOGJERsBritJ_Q4NIZQ"
        var builder = DumpBuilder(size: 200_000, seed: 0xd1)
        builder.bytes.replaceSubrange(10_000..<(10_000 + der.count), with: der)
        builder.plant(jwt, at: 50_000)
        let bytes = builder.bytes
        let directory = TemporaryDirectory()
        let input = directory.write("heap", bytes)
        let output = directory.path + "/heap.clean"
        let database = try RuleDatabase(RuleSet.defaults(), cache: DatabaseCache.standard())
        let report = try Scrubber(database: database).run(ScrubRequest(input: input, destination: .file(output)))
        #expect(report.isClean, "\(report.remaining.map { ($0.ruleID, $0.offset) }) \(report.verificationProblems)")
        let scrubbed = try Self.read(output)
        #expect(Array(scrubbed[10_000..<(10_000 + der.count)]) == Array(repeating: 0xDD, count: der.count), "the whole DER key")
        #expect(Array(scrubbed[50_000..<(50_000 + jwt.utf8.count)]) == Array(repeating: 0x2a, count: jwt.utf8.count), "the whole token")
        #expect(report.replacements.contains { $0.encoding == .binary && $0.offset == 10_000 && $0.length == der.count })
        #expect(report.replacements.contains { $0.ruleID == "jwt.token" && $0.offset == 50_000 })
        var inSpan = [Bool](repeating: false, count: bytes.count)
        for finding in report.replacements {
            for index in Int(finding.offset)..<(Int(finding.offset) + finding.length) { inSpan[index] = true }
        }
        let changedOutside = (0..<bytes.count).filter { !inSpan[$0] && bytes[$0] != scrubbed[$0] }
        #expect(changedOutside.isEmpty, "bytes changed outside the spans: \(changedOutside.prefix(5))")
    }

    @Test func scrubbedMinidumpStillParsesAndMapsTheSameAddresses() throws {
        var (bytes, planted) = GeneratedMinidumpTests.fixture()
        let token = Array(TestRules.githubToken.utf8)
        for (offset, _) in planted {
            bytes.replaceSubrange(offset..<(offset + token.count + 2), with: [0] + token + [0])
        }
        let directory = TemporaryDirectory()
        let input = directory.write("app.dmp", bytes)
        let output = directory.path + "/app.clean.dmp"
        let report = try Self.scrubber(chunkSize: 4096).run(ScrubRequest(input: input, destination: .file(output)))
        #expect(report.isClean)
        #expect(report.replacements.map { Int($0.offset) }.sorted() == planted.map { $0.offset + 1 }.sorted())
        let scrubbed = try Self.read(output)
        let before = try bytes.withUnsafeBytes { try MinidumpLayout(bytes: $0) }
        let after = try scrubbed.withUnsafeBytes { try MinidumpLayout(bytes: $0) }
        #expect(after.problems == before.problems)
        #expect(after.facts == before.facts)
        var mapped = 0
        for offset in 0..<UInt64(bytes.count) {
            let location = before.location(ofFileOffset: offset)
            if location?.virtualAddress != nil { mapped += 1 }
            #expect(after.location(ofFileOffset: offset) == location, "file offset \(offset)")
        }
        #expect(mapped > 0, "the fixture maps no memory")
        for (offset, _) in planted {
            #expect(Array(scrubbed[(offset + 1)..<(offset + 1 + token.count)]) == Array(repeating: 0x2a, count: token.count))
        }
    }
}

import Foundation
import Testing
@testable import DumpSentryKit

/// Scrub's rescan skips only chunks proven unchanged: equal to the input's bytes and untouched by
/// a replaced span. A secret that reaches the output any other way is still found.
@Suite("Rescan skip")
struct RescanSkipTests {
    static let chunkSize = 4096
    /// Above `ScanOptions.smallFileLimit`: smaller files are read whole and always rescanned.
    static let size = 400_000

    static func rescan(output: String, input: String, replaced: [Finding]) throws -> ScanOutcome {
        let descriptor = try FileDescriptor.openInput(input, path: input)
        defer { descriptor.close() }
        let unchanged = UnchangedChunks(input: descriptor, path: input, replaced: replaced)
        let prior = PriorScan(isUnchanged: { unchanged.contains($0, $1) }, harvested: [])
        let options = ScanOptions(threads: 2, chunkSize: chunkSize)
        return ScanPipeline(database: TestRules.database, options: options, priorScan: prior).run(paths: [output])
    }

    /// The input holds a secret the scan kept (at 10,000); the output adds one no scrub wrote (at
    /// 50,000, as a faulty copy would). The rescan finds the added one and skips the kept one's
    /// unchanged chunk, which proves chunks really are skipped.
    @Test func findsBytesThatDifferFromTheInputAndSkipsUnchangedChunks() throws {
        let directory = TemporaryDirectory()
        var builder = DumpBuilder(size: Self.size, seed: 0x7e57)
        builder.plant(TestRules.awsKey, at: 10_000)
        let input = directory.write("core", builder.bytes)
        builder.plant(TestRules.githubToken, at: 50_000, encoding: .utf16le)
        let output = directory.write("core.clean", builder.bytes)

        let full = ScanPipeline(database: TestRules.database, options: ScanOptions(threads: 2, chunkSize: Self.chunkSize)).run(paths: [output])
        #expect(full.findings.map(\.offset) == [10_000, 50_000])
        let outcome = try Self.rescan(output: output, input: input, replaced: [])
        #expect(outcome.errors.isEmpty)
        #expect(outcome.bytes == UInt64(Self.size))
        #expect(outcome.findings.map(\.offset) == [50_000])
        #expect(outcome.findings.first?.encoding == .utf16le)
    }

    /// A chunk touched by a replaced span is rescanned even when its bytes equal the input's
    /// (a fill that changed nothing must not pass for a scrubbed secret).
    @Test func rescansChunksTouchedByAReplacedSpan() throws {
        let directory = TemporaryDirectory()
        var builder = DumpBuilder(size: Self.size, seed: 0x7e58)
        builder.plant(TestRules.awsKey, at: 30_000)
        let input = directory.write("core", builder.bytes)
        let output = directory.write("core.clean", builder.bytes)
        let replaced = Finding(ruleID: "test.aws-key-id", ruleName: "AWS", severity: .high, path: input, offset: 30_000,
                               length: TestRules.awsKey.utf8.count, encoding: .ascii, secret: [])
        let outcome = try Self.rescan(output: output, input: input, replaced: [replaced])
        #expect(outcome.findings.map(\.offset) == [30_000])
    }

    @Test func spanTouchingTestIsExact() throws {
        let directory = TemporaryDirectory()
        let bytes = [UInt8](repeating: 0x41, count: 8192)
        let input = directory.write("core", bytes)
        let descriptor = try FileDescriptor.openInput(input, path: input)
        defer { descriptor.close() }
        func span(_ offset: UInt64, _ length: Int) -> Finding {
            Finding(ruleID: "r", ruleName: "r", severity: .high, path: input, offset: offset, length: length, encoding: .ascii, secret: [])
        }
        let geometry = ChunkGeometry(buffer: 1000..<2000, core: 1100..<1900, endsAtSourceEnd: false)
        let check = { (replaced: [Finding], output: [UInt8]) -> Bool in
            output.withUnsafeBytes { UnchangedChunks(input: descriptor, path: input, replaced: replaced).contains(geometry, $0) }
        }
        let same = [UInt8](repeating: 0x41, count: 1000)
        #expect(check([], same))
        #expect(check([span(900, 100), span(2000, 5)], same), "spans ending at the buffer's start or starting at its end")
        #expect(!check([span(900, 101)], same))
        #expect(!check([span(1999, 1)], same))
        #expect(!check([span(10, 5), span(5000, 5), span(1500, 1)], same))
        var differs = same
        differs[999] = 0x42
        #expect(!check([], differs))
        let beyond = ChunkGeometry(buffer: 8000..<9000, core: 8000..<9000, endsAtSourceEnd: true)
        #expect(!same.withUnsafeBytes { UnchangedChunks(input: descriptor, path: input, replaced: []).contains(beyond, $0) },
                "past the input's end")
    }
}

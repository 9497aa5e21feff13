import Foundation
import Testing
@testable import DumpSentryKit

/// Scrub's rescan skips only chunks proven unchanged: equal to the input's bytes and untouched by
/// a replaced span. A secret that reaches the output any other way is still found.
@Suite("Rescan skip")
struct RescanSkipTests {
    static let chunkSize = 4096
    /// Three comparison blocks; above `ScanOptions.smallFileLimit` (smaller files are read whole
    /// and always rescanned).
    static let size = 3 * UnchangedChunks.blockSize
    static let added = 2 * UnchangedChunks.blockSize + 50_000

    static func unchanged(output: String, input: String, replaced: [Finding]) throws -> UnchangedChunks {
        let inputFile = try FileDescriptor.openInput(input, path: input), outputFile = try FileDescriptor.openInput(output, path: output)
        defer { inputFile.close(); outputFile.close() }
        let length = try inputFile.status(path: input).size
        return UnchangedChunks(input: inputFile, inputPath: input, output: outputFile, outputPath: output, length: length,
                               replaced: replaced, threads: 2)
    }

    static func rescan(output: String, input: String, replaced: [Finding]) throws -> ScanOutcome {
        let unchanged = try unchanged(output: output, input: input, replaced: replaced)
        let prior = PriorScan(isUnchanged: { unchanged.contains($0) }, harvested: [])
        let options = ScanOptions(threads: 2, chunkSize: chunkSize)
        return ScanPipeline(database: TestRules.database, options: options, priorScan: prior).run(paths: [output])
    }

    static func span(_ offset: UInt64, _ length: Int) -> Finding {
        Finding(ruleID: "r", ruleName: "r", severity: .high, path: "core", offset: offset, length: length, encoding: .ascii, secret: [])
    }

    /// The input holds a secret the scan kept (at 10,000); the output adds one no scrub wrote (in
    /// the third comparison block, as a faulty copy would). The rescan finds the added one and
    /// skips the kept one's unchanged chunk, which proves chunks really are skipped.
    @Test func findsBytesThatDifferFromTheInputAndSkipsUnchangedChunks() throws {
        let directory = TemporaryDirectory()
        var builder = DumpBuilder(size: Self.size, seed: 0x7e57)
        builder.plant(TestRules.awsKey, at: 10_000)
        let input = directory.write("core", builder.bytes)
        builder.plant(TestRules.githubToken, at: Self.added, encoding: .utf16le)
        let output = directory.write("core.clean", builder.bytes)

        let full = ScanPipeline(database: TestRules.database, options: ScanOptions(threads: 2, chunkSize: Self.chunkSize)).run(paths: [output])
        #expect(full.findings.map(\.offset) == [10_000, UInt64(Self.added)])
        let outcome = try Self.rescan(output: output, input: input, replaced: [])
        #expect(outcome.errors.isEmpty)
        #expect(outcome.bytes == UInt64(Self.size))
        #expect(outcome.findings.map(\.offset) == [UInt64(Self.added)])
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
        let outcome = try Self.rescan(output: output, input: input, replaced: [Self.span(30_000, TestRules.awsKey.utf8.count)])
        #expect(outcome.findings.map(\.offset) == [30_000])
    }

    /// Spans touch a chunk when they share a byte with its buffer; bytes differing outside every
    /// span fail their whole comparison block (1 MiB), bytes inside a span do not.
    @Test func touchingAndDifferingAreExact() throws {
        let directory = TemporaryDirectory()
        let size = 3 * UnchangedChunks.blockSize
        let input = directory.write("core", [UInt8](repeating: 0x41, count: size))
        var changed = [UInt8](repeating: 0x41, count: size)
        changed[1500] = 0x2a                                   // inside the span below
        changed[2 * UnchangedChunks.blockSize + 7] = 0x42      // outside any span: block 2 differs
        let output = directory.write("core.clean", changed)

        let same = try Self.unchanged(output: input, input: input, replaced: [])
        #expect(same.contains(chunk(1000..<2000)))
        let spans = try Self.unchanged(output: input, input: input, replaced: [Self.span(900, 100), Self.span(2000, 5), Self.span(1500, 1)])
        #expect(spans.contains(chunk(0..<900)) && spans.contains(chunk(1000..<1500)) && spans.contains(chunk(2005..<3000)),
                "spans ending at a buffer's start or starting at its end do not touch it")
        #expect(!spans.contains(chunk(999..<1000)) && !spans.contains(chunk(1500..<1501)) && !spans.contains(chunk(1999..<2001)))

        let written = try Self.unchanged(output: output, input: input, replaced: [Self.span(1500, 1)])
        #expect(written.contains(chunk(0..<1500)) && written.contains(chunk(1501..<UInt64(2 * UnchangedChunks.blockSize))))
        #expect(!written.contains(chunk(1400..<1600)), "touches the span")
        #expect(!written.contains(chunk(UInt64(2 * UnchangedChunks.blockSize + 100)..<UInt64(2 * UnchangedChunks.blockSize + 200))),
                "same bytes, but in a block that differs elsewhere")
        let unlisted = try Self.unchanged(output: output, input: input, replaced: [])
        #expect(!unlisted.contains(chunk(0..<100)), "a changed byte no span accounts for fails its block")
    }

    /// An output shorter than the input (truncated behind scrub's back) fails its last block.
    @Test func aShorterOutputFailsItsLastBlock() throws {
        let directory = TemporaryDirectory()
        let input = directory.write("core", [UInt8](repeating: 0x41, count: UnchangedChunks.blockSize + 10))
        let output = directory.write("core.clean", [UInt8](repeating: 0x41, count: UnchangedChunks.blockSize + 5))
        let check = try Self.unchanged(output: output, input: input, replaced: [])
        #expect(check.contains(chunk(0..<100)))
        #expect(!check.contains(chunk(UInt64(UnchangedChunks.blockSize)..<UInt64(UnchangedChunks.blockSize + 1))))
    }

    private func chunk(_ range: Range<UInt64>) -> ChunkGeometry { ChunkGeometry(buffer: range, core: range, endsAtSourceEnd: false) }
}

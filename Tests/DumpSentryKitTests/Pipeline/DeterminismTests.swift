import Foundation
import Testing
@testable import DumpSentryKit

@Suite("Every path gives the same answers")
struct DeterminismTests {
    /// A dump with secrets in every encoding, zero pages and random regions.
    static func fixture() -> [UInt8] {
        var dump = DumpBuilder(size: 300_000, seed: 99)
        dump.zero(100_000..<140_000)
        dump.plant("aws_key=" + TestRules.awsKey, at: 1_000)
        dump.plant("token " + TestRules.githubToken, at: 65_530)
        dump.plant("password: 'Hx7#pQ2vL9zR'", at: 131_072)
        dump.plant("passwd=Vb5!nM8wQ3eR7t", at: 200_000, encoding: .utf16le)
        dump.plant(TestRules.githubToken, at: 250_000, encoding: .utf16be)
        dump.plant(TestRules.awsKey, at: 299_000)
        return dump.bytes
    }

    struct Key: Hashable { let offset: UInt64; let rule: String; let length: Int; let encoding: TextEncoding }

    static func keys(_ findings: [Finding]) -> [Key] {
        findings.map { Key(offset: $0.offset, rule: $0.ruleID, length: $0.length, encoding: $0.encoding) }
    }

    @Test func sameFindingsForThreadsChunkSizesAndInputPaths() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("dump.bin", Self.fixture())
        let reference = Self.keys(try ScanPipeline(database: TestRules.database, chunkSize: 1 << 22, workers: 1).scan(bytes: Self.fixture()))
        #expect(reference.count == 6, "\(reference)")
        #expect(Set(reference.map(\.encoding)) == [.ascii, .utf16le, .utf16be])
        for workers in [1, 2, 8] {
            for chunkSize in [64 + 7, 4096, 65_536, 1 << 22] {
                for mapped in [true, false] {
                    let outcome = ScanPipeline(database: TestRules.database, chunkSize: chunkSize, workers: workers, useMemoryMap: mapped).run(paths: [path])
                    #expect(outcome.errors.isEmpty)
                    #expect(Self.keys(outcome.findings) == reference, "workers \(workers), chunk \(chunkSize), mmap \(mapped)")
                    #expect(outcome.bytes == 300_000)
                }
            }
        }
    }

    @Test func findingsAreSortedByPathOffsetRule() throws {
        let directory = TemporaryDirectory()
        directory.write("b/dump2.bin", Self.fixture())
        directory.write("a/dump1.bin", Self.fixture())
        let outcome = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 2).run(paths: [directory.path])
        #expect(outcome.findings.count == 12)
        #expect(outcome.findings == outcome.findings.sorted(by: FindingOrder.precedes))
        #expect(outcome.findings.first?.path.hasSuffix("a/dump1.bin") == true)
    }
}

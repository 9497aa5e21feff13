import Testing
@testable import DumpSentryKit

@Suite("Chunk boundaries")
struct ChunkBoundaryTests {
    /// A secret planted at every offset across a chunk boundary is found once, at that offset.
    @Test(arguments: [TextEncoding.ascii, .utf16le, .utf16be])
    func secretAcrossEveryBoundaryOffsetIsFoundOnce(encoding: TextEncoding) throws {
        let chunkSize = 256
        let pipeline = ScanPipeline(database: TestRules.database, chunkSize: chunkSize, workers: 1)
        let width = TestRules.awsKey.utf8.count * encoding.unitWidth
        let boundary = 4 * chunkSize
        var checked = 0
        for start in stride(from: boundary - width - 2, through: boundary + 2, by: encoding.unitWidth) {
            var dump = DumpBuilder(size: 8 * chunkSize, seed: UInt64(start))
            dump.plant("k=" + TestRules.awsKey, at: start - 2 * encoding.unitWidth, encoding: encoding)
            let found = try pipeline.scan(bytes: dump.bytes).filter { $0.ruleID == TestRules.aws.id }
            #expect(found.count == 1, "start \(start): \(found.map(\.offset))")
            #expect(found.first?.offset == UInt64(start), "start \(start)")
            #expect(found.first?.length == width)
            #expect(found.first?.encoding == encoding)
            #expect(found.first?.secret == Array(TestRules.awsKey.utf8))
            checked += 1
        }
        #expect(checked > 10)
    }

    /// The overlap covers the widest match: a long password across a boundary is whole.
    @Test func growingMatchAcrossBoundaryIsReportedWhole() throws {
        let chunkSize = 128
        let pipeline = ScanPipeline(database: TestRules.database, chunkSize: chunkSize, workers: 1)
        let secret = "Q9x#Lm2%wZ8vR4tY6uI1oP3aS5dF7gH9jK2lZ4xC6vB8nM0qW"
        for start in stride(from: 2 * chunkSize - 60, through: 2 * chunkSize + 4, by: 3) {
            var dump = DumpBuilder(size: 8 * chunkSize, seed: 7)
            dump.plant("password=" + secret, at: start)
            let found = try pipeline.scan(bytes: dump.bytes).filter { $0.ruleID == TestRules.password.id }
            #expect(found.count == 1, "start \(start)")
            #expect(found.first?.offset == UInt64(start + 9))
            #expect(found.first?.secret == Array(secret.utf8))
        }
    }
}

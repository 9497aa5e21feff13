import Testing
@testable import DumpSentryKit

/// Who releases a mapped file's scanned pages: the producer while it still queues chunks, the
/// workers after; no span is released twice, none is lost, and none is released before every
/// chunk that reads it is done.
struct ReleaseHandoffTests {
    @Test func producerReleasesWhileQueueingThenWorkersTakeOverWithTheLeftover() {
        let mib = 1 << 20
        let source = SourceState(path: "dump", descriptor: nil, openedStatus: nil, mapped: nil)
        source.setPlan(ChunkPlan(length: UInt64(16 * mib), chunkSize: 4 * mib, overlap: 0))

        // Chunk 1 finishes before chunk 0: nothing is releasable until chunk 0 is done too.
        #expect(source.releasableAfterChunk(1) == nil)
        #expect(source.takeUnreleased() == nil)
        #expect(source.releasableAfterChunk(0) == nil, "left for the producer")
        #expect(source.takeUnreleased() == 0..<(8 * mib))
        #expect(source.takeUnreleased() == nil, "taken once")

        #expect(source.releasableAfterChunk(2) == nil)
        _ = source.producerFinished()
        // The producer stopped with 8...12 MiB unreleased: the next worker releases it with its own span.
        #expect(source.releasableAfterChunk(3) == (8 * mib)..<(16 * mib))
        #expect(source.takeUnreleased() == nil)
    }
}

/// What an earlier scan proved about the bytes a new scan reads (scrub's rescan of its own
/// output): chunks that `isUnchanged` accepts are not scanned again, and the public keys the
/// earlier scan harvested are searched for as if this scan had harvested them, since the chunks
/// that held them may be among those skipped.
///
/// Sound because a file's findings do not depend on how it is cut into chunks (the pipeline's
/// invariant, tested for chunk sizes from 71 bytes to 4 MiB): a chunk whose bytes equal bytes
/// already scanned holds exactly the findings found there before.
struct PriorScan: Sendable {
    /// True when the chunk's bytes (`geometry.buffer`) are proven to equal bytes the earlier scan
    /// read and found nothing in that still counts; the chunk is then neither read nor scanned.
    let isUnchanged: @Sendable (ChunkGeometry) -> Bool
    /// Harvested keys with the offset each was first seen at (`ScanOutcome.harvested`).
    let harvested: [(key: KnownPublicKey, offset: UInt64)]
}

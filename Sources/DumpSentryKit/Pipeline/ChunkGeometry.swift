/// Where one chunk lies in its source. Invariant: `buffer` contains `core`; `core` ranges of a
/// source's chunks tile it without gaps or overlap. A match is reported only by the chunk whose
/// `core` holds the match's last byte, so a match in an overlap counts exactly once.
///
/// ```
///   buffer.lowerBound   core.lowerBound            core.upperBound   buffer.upperBound
///        |<- overlap ->|<-------- chunk size -------->|<- overlap ->|
/// ```
struct ChunkGeometry: Sendable, Hashable {
    /// Absolute offsets in the source.
    var buffer: Range<UInt64>
    var core: Range<UInt64>
    /// True when `buffer.upperBound` is the real end of the source (so `$` may match there).
    var endsAtSourceEnd: Bool

    /// The core in buffer-relative offsets.
    var reportRange: Range<Int> {
        Int(core.lowerBound - buffer.lowerBound)..<Int(core.upperBound - buffer.lowerBound)
    }
}

/// Cuts a source of known length into chunks.
struct ChunkPlan: Sendable {
    let length: UInt64
    let chunkSize: Int
    let overlap: Int

    init(length: UInt64, chunkSize: Int, overlap: Int) {
        precondition(chunkSize > 0 && overlap >= 0, "chunk size must be positive")
        self.length = length
        self.chunkSize = chunkSize
        self.overlap = overlap
    }

    var count: Int { Int((length + UInt64(chunkSize) - 1) / UInt64(chunkSize)) }

    func chunk(_ index: Int) -> ChunkGeometry {
        let coreStart = UInt64(index) * UInt64(chunkSize)
        let coreEnd = min(length, coreStart + UInt64(chunkSize))
        let bufferStart = coreStart > UInt64(overlap) ? coreStart - UInt64(overlap) : 0
        let bufferEnd = min(length, coreEnd + UInt64(overlap))
        return ChunkGeometry(buffer: bufferStart..<bufferEnd, core: coreStart..<coreEnd, endsAtSourceEnd: bufferEnd == length)
    }
}

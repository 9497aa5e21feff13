/// Keeps the first bytes of a streamed dump (stdin, a decompressed stream, an archive member) as
/// its chunks go to the workers, so its layout can be parsed after the scan like a mapped file's.
/// Chunk cores tile the stream from byte 0, so the cores in order are the stream's prefix.
struct LayoutPrefixCollector {
    /// False when the stream was not identified as a dump: nothing is kept.
    let enabled: Bool
    private(set) var bytes: [UInt8] = []

    init(enabled: Bool) { self.enabled = enabled }

    mutating func add(_ chunk: [UInt8], geometry: ChunkGeometry) {
        guard enabled, bytes.count < SourceState.layoutPrefixLength else { return }
        let core = geometry.reportRange
        let take = min(core.count, SourceState.layoutPrefixLength - bytes.count)
        bytes += chunk[core.lowerBound..<(core.lowerBound + take)]
    }

    /// Hands the prefix to `source`; call before the producer finishes it.
    func hand(to source: SourceState) {
        if enabled { source.keepLayoutPrefix(bytes) }
    }
}

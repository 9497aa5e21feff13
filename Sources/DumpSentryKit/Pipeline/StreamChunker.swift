/// Cuts a stream (stdin, a FIFO, a decompressor) into chunks with exactly the geometry
/// `ChunkPlan` gives a mapped file of the same bytes, so both paths report identical findings.
/// Holds at most one chunk plus both overlaps (plus one read block) in memory.
struct StreamChunker {
    let chunkSize: Int
    let overlap: Int
    /// Reads up to `buffer.count` bytes, returning 0 at the end.
    let read: (UnsafeMutableRawBufferPointer) throws -> Int

    private var pending: [UInt8] = []
    /// The reusable read buffer.
    private var block = [UInt8](repeating: 0, count: StreamChunker.block)
    private var pendingStart: UInt64 = 0
    private var coreStart: UInt64 = 0
    private var atEnd = false
    private var finished = false
    private static let block = 1 << 20

    init(chunkSize: Int, overlap: Int, read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
        self.chunkSize = chunkSize
        self.overlap = overlap
        self.read = read
    }

    /// Total bytes read so far.
    var bytesRead: UInt64 { pendingStart + UInt64(pending.count) }

    /// The next chunk and its bytes, or nil at the end of the stream.
    mutating func next() throws -> (ChunkGeometry, [UInt8])? {
        guard !finished else { return nil }
        // One byte beyond the buffer tells whether the buffer ends at the end of the stream.
        let wanted = coreStart + UInt64(chunkSize) + UInt64(overlap) + 1
        while !atEnd && bytesRead < wanted {
            let room = Int(min(UInt64(Self.block), wanted - bytesRead))
            let got = try block.withUnsafeMutableBytes { raw in
                try read(UnsafeMutableRawBufferPointer(rebasing: raw[0..<room]))
            }
            pending.append(contentsOf: block[0..<got])
            if got == 0 { atEnd = true }
        }
        let available = bytesRead
        guard coreStart < available else {
            finished = true
            return nil
        }
        let coreEnd = min(coreStart + UInt64(chunkSize), available)
        let bufferStart = coreStart > UInt64(overlap) ? coreStart - UInt64(overlap) : 0
        let bufferEnd = min(available, coreEnd + UInt64(overlap))
        let geometry = ChunkGeometry(buffer: bufferStart..<bufferEnd, core: coreStart..<coreEnd,
                                     endsAtSourceEnd: atEnd && bufferEnd == available)
        let bytes = Array(pending[Int(bufferStart - pendingStart)..<Int(bufferEnd - pendingStart)])
        coreStart = coreEnd
        if atEnd && coreEnd == available { finished = true }
        // Keep only what the next chunk's leading overlap needs.
        let keepFrom = coreStart > UInt64(overlap) ? coreStart - UInt64(overlap) : 0
        if keepFrom > pendingStart {
            pending.removeFirst(Int(keepFrom - pendingStart))
            pendingStart = keepFrom
        }
        return (geometry, bytes)
    }
}

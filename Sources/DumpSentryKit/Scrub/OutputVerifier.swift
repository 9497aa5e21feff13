/// Rescans scrub's output as it is written, for outputs that cannot be read back (standard
/// output). Bytes are pushed in with `append`; a `StreamChunker` pulls them in exactly the chunk
/// geometry a scan of the finished output would use, so the verdict is the same as a rescan.
/// Memory: one chunk plus both overlaps, plus the bytes pushed since the last chunk.
final class OutputVerifier {
    /// Bytes pushed but not yet pulled by the chunker.
    private final class Feed {
        var bytes: [UInt8] = []
        var readPosition = 0

        func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
            let count = min(buffer.count, bytes.count - readPosition)
            bytes.withUnsafeBytes { raw in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[readPosition..<(readPosition + count)]))
            }
            readPosition += count
            if readPosition >= 1 << 20 {
                bytes.removeFirst(readPosition)
                readPosition = 0
            }
            return count
        }
    }

    private let matcher: Matcher
    private let path: String
    private let member: String?
    private let chunkSize: Int
    private let overlap: Int
    private let feed: Feed
    private var chunker: StreamChunker
    private var chunksTaken: UInt64 = 0
    private var pushed: UInt64 = 0
    /// Every finding in the output so far, in chunk order.
    private(set) var found: [Finding] = []

    /// `member` names the archive member whose scrubbed bytes are pushed (nil for a plain stream).
    init(database: RuleDatabase, chunkSize: Int, path: String, member: String? = nil) throws {
        matcher = try Matcher(database: database)
        self.path = path
        self.member = member
        self.chunkSize = chunkSize
        overlap = database.overlap
        let feed = Feed()
        self.feed = feed
        // The feed never runs dry before the end: `append` pulls a chunk only once every byte
        // the chunker will ask for (its chunk, the overlap and one byte more) has been pushed.
        chunker = StreamChunker(chunkSize: chunkSize, overlap: overlap) { feed.read(into: $0) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        feed.bytes.append(contentsOf: bytes)
        pushed += UInt64(bytes.count)
        while pushed >= (chunksTaken + 1) * UInt64(chunkSize) + UInt64(overlap) + 1 {
            guard try scanNext() else { break }
        }
    }

    /// Scans what is left once the output is complete.
    func finish() throws {
        while try scanNext() {}
    }

    private func scanNext() throws -> Bool {
        guard let (geometry, bytes) = chunker.next() else { return false }
        chunksTaken += 1
        let items = try bytes.withUnsafeBytes { raw in
            try matcher.scan(raw, reportRange: geometry.reportRange, endsAtSourceEnd: geometry.endsAtSourceEnd,
                             startsOdd: geometry.buffer.lowerBound % 2 == 1)
        }
        found += items.map { Finding($0, bufferStart: geometry.buffer.lowerBound, path: path, member: member) }
        return true
    }
}

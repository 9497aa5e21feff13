/// Finds every occurrence of a few byte strings in a whole buffer with one Vectorscan pass: a
/// small database of literal prefixes (end offsets only, as everywhere), each hit confirmed
/// against the full string. Built per file for the known-key search, so it costs nothing when no
/// key is known.
struct LiteralSearch {
    /// Bytes of each string given to Vectorscan; the rest is compared on a hit. Long enough that a
    /// random hit is impossible in practice, short enough to keep the database tiny.
    static let prefixLength = 32
    /// Bytes scanned per `hs_scan` call (its length is 32-bit) and released behind the pass.
    static let blockLength = 64 << 20

    let needles: [[UInt8]]
    private let database: VectorscanDatabase

    /// `needles` must not be empty, nor hold an empty string.
    init(_ needles: [[UInt8]]) throws(VectorscanError) {
        precondition(!needles.isEmpty && !needles.contains { $0.isEmpty }, "literal search needs non-empty needles")
        self.needles = needles
        let expressions = needles.enumerated().map { index, needle in
            VectorscanExpression(pattern: needle.prefix(Self.prefixLength).map { "\\x" + String(format2: $0) }.joined(),
                                 flags: 0, id: UInt32(index))
        }
        database = try VectorscanDatabase.compile(expressions)
    }

    /// Start offsets of every occurrence of each needle (indexed like `needles`), in order, at
    /// most `limit` per needle. `blockDone` is told each span of `bytes` the pass is finished with.
    func occurrences(in bytes: UnsafeRawBufferPointer, limit: Int,
                     blockDone: (Range<Int>) -> Void = { _ in }) throws(VectorscanError) -> [[Int]] {
        let scanner = try VectorscanScanner(database: database)
        let hits = HitBuffer()
        var found = Array(repeating: [Int](), count: needles.count)
        let overlap = Self.prefixLength - 1
        var blockStart = 0
        while blockStart < bytes.count {
            let coreEnd = min(bytes.count, blockStart + Self.blockLength)
            let bufferEnd = min(bytes.count, coreEnd + overlap)
            hits.reset()
            try scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[blockStart..<bufferEnd]), into: hits)
            hits.values.sort()
            for value in hits.values {
                let index = Int(value >> 32)
                let needle = needles[index]
                let start = blockStart + Int(value & 0xffff_ffff) - min(needle.count, Self.prefixLength)
                // A match starting in the overlap belongs to the next block.
                guard start < coreEnd, found[index].count < limit, start + needle.count <= bytes.count,
                      found[index].last != start, Self.equal(bytes, at: start, needle) else { continue }
                found[index].append(start)
            }
            blockDone(blockStart..<coreEnd)
            blockStart = coreEnd
        }
        return found
    }

    static func equal(_ bytes: UnsafeRawBufferPointer, at start: Int, _ needle: [UInt8]) -> Bool {
        guard start >= 0, start + needle.count <= bytes.count else { return false }
        for (offset, byte) in needle.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }
}

import CUtf16

/// The UTF-16 text of a chunk, narrowed to one byte per character so the same Vectorscan
/// database finds wide strings.
///
/// A word (8 bytes) whose odd (or even) bytes are all zero, and that is not all zero, may hold
/// ASCII-range UTF-16 text; only such words are examined further. Random data, zero pages and
/// 8-bit text are rejected 64 bytes per SSE2 step (`CUtf16`), and one pass serves both byte
/// orders. Characters at even file offsets are read as UTF-16LE, at odd file offsets as UTF-16BE
/// (strings are 2-byte aligned in practice, and the two readings of one run differ only in that).
/// A run is narrowed 16 characters per step while it is printable ASCII, written straight into a
/// buffer reused from chunk to chunk. Swift's `SIMD` types were tried first: their comparisons and
/// reductions compile to one lane at a time through the stack here.
struct Utf16View {
    enum Byteorder { case little, big }

    let byteorder: Byteorder
    /// Narrowed characters, each run followed by one NUL; only the first `count` are the view.
    private var storage: [UInt8] = []
    /// Length of the view in bytes.
    private(set) var count = 0
    private(set) var map = OffsetMap()

    /// Shortest run worth scanning, in characters: shorter than any secret a rule can find.
    static let minimumRun = 8

    init(_ byteorder: Byteorder) { self.byteorder = byteorder }

    var isEmpty: Bool { count == 0 }

    /// The view's bytes (tests and diagnostics; the scan uses `withUnsafeBytes`).
    var bytes: [UInt8] { Array(storage[0..<count]) }

    /// Whether a code unit's low byte is text a secret or its context can contain.
    @inline(__always)
    static func isText(_ byte: UInt8) -> Bool {
        (byte &- 0x20) < 0x5f || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }

    /// Rebuilds both views from `chunk`, whose first byte lies at an odd file offset if `startsOdd`.
    static func narrow(_ chunk: UnsafeRawBufferPointer, startsOdd: Bool, little: inout Utf16View, big: inout Utf16View) {
        let count = chunk.count
        little.prepare(for: count)
        big.prepare(for: count)
        guard count >= 2 * minimumRun, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        // The buffers are moved out while they are written, so the views' maps can be updated
        // without overlapping access; moving keeps them unique (no copy).
        var littleOut: [UInt8] = [], bigOut: [UInt8] = []
        swap(&littleOut, &little.storage)
        swap(&bigOut, &big.storage)
        defer {
            swap(&littleOut, &little.storage)
            swap(&bigOut, &big.storage)
        }
        // In chunk terms, LE characters sit at even offsets when the chunk starts even.
        let leParity = startsOdd ? 1 : 0
        littleOut.withUnsafeMutableBufferPointer { littleBuffer in
            bigOut.withUnsafeMutableBufferPointer { bigBuffer in
                // safe: `prepare` sized both buffers for the worst case (see there).
                let littleBase = littleBuffer.baseAddress!, bigBase = bigBuffer.baseAddress!
                let words = count / 8
                var resume = (0, 0)   // per parity: chunk offset before which runs were already emitted
                var word = 0
                while word < words {
                    word = cutf16_next_candidate_word(base, word, words)
                    guard word < words else { break }
                    let value = UnsafeRawPointer(base + word * 8).loadUnaligned(as: UInt64.self)
                    let parity = value & 0xFF00_FF00_FF00_FF00 == 0 ? 0 : 1
                    let next: Int
                    if parity == leParity {
                        next = parity == 0
                            ? little.extendRun(base, count: count, at: word * 8, resume: &resume.0, out: littleBase)
                            : little.extendRun(base, count: count, at: word * 8 + 1, resume: &resume.1, out: littleBase)
                    } else {
                        next = parity == 0
                            ? big.extendRun(base, count: count, at: word * 8, resume: &resume.0, out: bigBase)
                            : big.extendRun(base, count: count, at: word * 8 + 1, resume: &resume.1, out: bigBase)
                    }
                    word = max(word + 1, next / 8)
                }
            }
        }
    }

    /// Empties the view and makes room for the worst case of a chunk of `chunkCount` bytes: a run
    /// of n characters takes at least 2n chunk bytes and n + 1 view bytes, runs kept are at least
    /// `minimumRun` long, and the run being grown may be written up to 16 bytes past its end, but
    /// never past one byte per character left in the chunk.
    private mutating func prepare(for chunkCount: Int) {
        count = 0
        map.reset()
        let needed = chunkCount / 2 + chunkCount / (2 * Self.minimumRun) + 16
        if storage.count < needed { storage = [UInt8](repeating: 0, count: needed) }
    }

    /// Grows the run through `position` both ways, writing its characters at the view's end, keeps
    /// it if long enough, and returns the chunk offset where the search may continue.
    @inline(__always)
    private mutating func extendRun(_ base: UnsafePointer<UInt8>, count: Int, at position: Int, resume: inout Int,
                                    out: UnsafeMutablePointer<UInt8>) -> Int {
        // LE: text at p, zero at p + 1. BE: zero at p - 1, text at p.
        let little = byteorder == .little
        let zeroDelta = little ? 1 : -1
        @inline(__always) func isCharacter(_ p: Int) -> Bool {
            let zeroAt = p + zeroDelta
            return p >= 0 && p < count && zeroAt >= 0 && zeroAt < count && base[zeroAt] == 0 && Self.isText(base[p])
        }
        guard position >= resume, isCharacter(position) else { return position + 1 }
        var start = position
        while start - 2 >= resume, isCharacter(start - 2) { start -= 2 }
        let runOut = out + self.count
        var cursor = runOut
        var end = start
        while end <= position {
            cursor.pointee = base[end]
            cursor += 1
            end += 2
        }
        // Forward, printable ASCII in bulk; a tab or line break one at a time, then in bulk again.
        // A unit starts at `end` (LE) or `end - 1` (BE), which is never negative for a BE
        // character, since its zero byte comes first.
        let firstUnit = little ? 0 : -1
        while true {
            let narrowed = cutf16_narrow_printable(base + (end + firstUnit), (count - end - firstUnit) / 2, little ? 0 : 1, cursor)
            cursor += narrowed
            end += 2 * narrowed
            guard isCharacter(end) else { break }
            cursor.pointee = base[end]
            cursor += 1
            end += 2
        }
        let characters = cursor - runOut
        if characters >= Self.minimumRun {
            map.runs.append(OffsetMap.Run(viewStart: self.count, chunkStart: little ? start : start - 1, count: characters))
            // Every run ends in NUL, as the string did in memory: it ends the secret, and no
            // pattern can match across it into the next run.
            runOut[characters] = 0
            self.count += characters + 1
        }
        resume = end
        return end
    }

    /// Lends the narrowed bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
}

/// The UTF-16 text of a chunk, narrowed to one byte per character so the same Vectorscan
/// database finds wide strings.
///
/// Finding runs costs one 8-byte load and two masks per word: a word whose odd (or even) bytes
/// are all zero, and that is not all zero, may hold ASCII-range UTF-16 text; only such words are
/// examined byte by byte. Random data, zero pages and 8-bit text are rejected by the masks, and
/// one pass serves both byte orders. Characters at even file offsets are read as UTF-16LE, at odd
/// file offsets as UTF-16BE (strings are 2-byte aligned in practice, and the two readings of one
/// run differ only in that).
struct Utf16View {
    enum Byteorder { case little, big }

    let byteorder: Byteorder
    /// Narrowed characters, each run followed by one NUL.
    private(set) var bytes: [UInt8] = []
    private(set) var map = OffsetMap()

    /// Shortest run worth scanning, in characters: shorter than any secret a rule can find.
    static let minimumRun = 8

    init(_ byteorder: Byteorder) { self.byteorder = byteorder }

    /// Whether a code unit's low byte is text a secret or its context can contain.
    @inline(__always)
    static func isText(_ byte: UInt8) -> Bool {
        (byte &- 0x20) < 0x5f || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }

    /// Rebuilds both views from `chunk`, whose first byte lies at an odd file offset if `startsOdd`.
    static func narrow(_ chunk: UnsafeRawBufferPointer, startsOdd: Bool, little: inout Utf16View, big: inout Utf16View) {
        little.reset()
        big.reset()
        let count = chunk.count
        guard count >= 2 * minimumRun, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        // In chunk terms, LE characters sit at even offsets when the chunk starts even.
        let leParity = startsOdd ? 1 : 0
        let words = count / 8
        var resume = [0, 0]   // per parity: chunk offset before which runs were already emitted
        var word = 0
        while word < words {
            let value = UnsafeRawPointer(base + word * 8).loadUnaligned(as: UInt64.self)
            var parity = -1
            if value != 0 {
                if value & 0xFF00_FF00_FF00_FF00 == 0 { parity = 0 } else if value & 0x00FF_00FF_00FF_00FF == 0 { parity = 1 }
            }
            guard parity >= 0 else {
                word += 1
                continue
            }
            let isLittle = parity == leParity
            let next = isLittle
                ? little.extendRun(base, count: count, at: word * 8 + parity, resume: &resume[parity])
                : big.extendRun(base, count: count, at: word * 8 + parity, resume: &resume[parity])
            word = max(word + 1, next / 8)
        }
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        map.reset()
    }

    /// Grows the run through `position` both ways, appends it if long enough, and returns the
    /// chunk offset where the search may continue.
    @inline(__always)
    private mutating func extendRun(_ base: UnsafePointer<UInt8>, count: Int, at position: Int, resume: inout Int) -> Int {
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
        // Forward, four characters per 8-byte load while they are all printable ASCII.
        var end = position + 2
        let firstUnit = little ? 0 : -1
        while end + firstUnit >= 0, end + firstUnit + 8 <= count {
            var lanes = UnsafeRawPointer(base + end + firstUnit).loadUnaligned(as: UInt64.self)
            if !little {
                guard lanes & 0x00FF_00FF_00FF_00FF == 0 else { break }
                lanes >>= 8
            }
            guard Self.allPrintable(lanes) else { break }
            end += 8
        }
        while isCharacter(end) { end += 2 }
        let characters = (end - start) / 2
        if characters >= Self.minimumRun {
            map.runs.append(OffsetMap.Run(viewStart: bytes.count, chunkStart: little ? start : start - 1, count: characters))
            bytes.reserveCapacity(bytes.count + characters + 1)
            var p = start
            while p < end {
                bytes.append(base[p])
                p += 2
            }
            // Every run ends in NUL, as the string did in memory: it ends the secret, and no
            // pattern can match across it into the next run.
            bytes.append(0)
        }
        resume = end
        return end
    }

    /// Whether four 16-bit lanes all hold 0x20...0x7e (high bytes zero): one carry-free SWAR test.
    @inline(__always)
    static func allPrintable(_ lanes: UInt64) -> Bool {
        let bit7: UInt64 = 0x0080_0080_0080_0080
        guard lanes & 0xFF80_FF80_FF80_FF80 == 0 else { return false }          // every lane < 0x80
        return (lanes &+ 0x0060_0060_0060_0060) & bit7 == bit7                    // every lane >= 0x20
            && (lanes &+ 0x0001_0001_0001_0001) & bit7 == 0                       // no lane is 0x7f
    }

    /// Lends the narrowed bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }
}

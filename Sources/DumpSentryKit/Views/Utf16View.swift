/// The UTF-16 text of a chunk, narrowed to one byte per character so the same Vectorscan
/// database finds wide strings.
///
/// Finding runs costs one 8-byte load and two masks per word: a word whose odd (or even) bytes
/// are all zero, and that is not all zero, may hold ASCII-range UTF-16 text; only such words are
/// examined byte by byte. Random data, zero pages and 8-bit text are rejected by the masks.
/// Characters at even file offsets are read as UTF-16LE, at odd file offsets as UTF-16BE (strings
/// are 2-byte aligned in practice, and the two readings of one run differ only in that).
struct Utf16View {
    enum Byteorder { case little, big }

    let byteorder: Byteorder
    /// Narrowed characters, runs separated by NUL.
    private(set) var bytes: [UInt8] = []
    private(set) var map = OffsetMap()

    /// Shortest run worth scanning, in characters: shorter than any secret a rule can find.
    static let minimumRun = 8

    init(_ byteorder: Byteorder) { self.byteorder = byteorder }

    /// Whether a code unit's low byte is text a secret or its context can contain.
    @inline(__always)
    static func isText(_ byte: UInt8) -> Bool {
        (byte >= 0x20 && byte < 0x7f) || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }

    /// Rebuilds the view from `chunk`, whose first byte lies at an odd file offset if `startsOdd`.
    mutating func narrow(_ chunk: UnsafeRawBufferPointer, startsOdd: Bool) {
        bytes.removeAll(keepingCapacity: true)
        map.reset()
        let count = chunk.count
        guard count >= 2 * Self.minimumRun else { return }
        // Characters sit at even file offsets for LE, odd for BE; `parity` is that in chunk terms.
        let fileParity = byteorder == .little ? 0 : 1
        let parity = startsOdd ? 1 - fileParity : fileParity
        let zeroMask: UInt64 = parity == 0 ? 0xFF00_FF00_FF00_FF00 : 0x00FF_00FF_00FF_00FF
        var word = 0
        let words = count / 8
        var resumeAt = 0   // chunk offset before which runs were already emitted
        while word < words {
            let value = chunk.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)
            if value == 0 || value & zeroMask != 0 {
                word += 1
                continue
            }
            // Candidate word: find the run of text characters through it.
            var position = word * 8 + parity
            guard position >= resumeAt, isCharacter(chunk, at: position) else {
                word += 1
                continue
            }
            var start = position
            while start - 2 >= resumeAt, isCharacter(chunk, at: start - 2) { start -= 2 }
            position += 2
            while isCharacter(chunk, at: position) { position += 2 }
            let characters = (position - start) / 2
            if characters >= Self.minimumRun {
                append(chunk, from: start, characters: characters)
            }
            resumeAt = position
            word = (position + 7) / 8
        }
    }

    @inline(__always)
    private func isCharacter(_ chunk: UnsafeRawBufferPointer, at position: Int) -> Bool {
        // LE: text at `position`, zero at `position + 1`; BE: zero at `position - 1`, text at `position`.
        let zeroAt = byteorder == .little ? position + 1 : position - 1
        guard position >= 0, position < chunk.count, zeroAt >= 0, zeroAt < chunk.count else { return false }
        return chunk[zeroAt] == 0 && Self.isText(chunk[position])
    }

    private mutating func append(_ chunk: UnsafeRawBufferPointer, from start: Int, characters: Int) {
        if !bytes.isEmpty { bytes.append(0) }
        let firstUnit = byteorder == .little ? start : start - 1
        map.runs.append(OffsetMap.Run(viewStart: bytes.count, chunkStart: firstUnit, count: characters))
        var position = start
        for _ in 0..<characters {
            bytes.append(chunk[position])
            position += 2
        }
    }

    /// Lends the narrowed bytes.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }
}

extension AESKeyScheduleDetector {
    /// One sweep over one buffer: the hot loop plus the bookkeeping of which starts were tried.
    struct Sweep {
        let bytes: UnsafeRawBufferPointer
        /// Schedule starts must lie here (clamped to the buffer).
        let startRange: Range<Int>
        var found: [DetectedStructure] = []
        /// Per key size and per byte phase (start mod 4): the highest start already verified, so a
        /// schedule's many relation hits verify each start once.
        var highestTried: [Int] = Array(repeating: -4, count: 12)

        init(bytes: UnsafeRawBufferPointer, reportRange: Range<Int>) {
            self.bytes = bytes
            let lower = min(max(reportRange.lowerBound, 0), bytes.count)
            let upper = min(max(reportRange.upperBound, lower), bytes.count)
            startRange = lower..<upper
        }

        mutating func run() {
            let count = bytes.count
            guard let base = bytes.baseAddress, count >= AESKeySize.aes128.scheduleBytes,
                  !startRange.isEmpty else { return }
            // Relation positions b (byte offset of w[i]): b reads b-32 ..< b+4, so b ≥ 32; the last
            // useful b is the last word of a 256-bit schedule starting at the last reportable start.
            let first = max(32, startRange.lowerBound)
            let (lastBySchedule, overflow) = (startRange.upperBound - 1).addingReportingOverflow(
                AESKeySize.aes256.scheduleBytes - 4)
            let last = overflow ? count - 4 : min(count - 4, lastBySchedule)
            guard first <= last else { return }

            // Blocks of 16 positions; block k's phase-p vector holds W(b) for b = block + p + 4j,
            // j = 0...3, and reads block+p ..< block+p+16, so a block needs block + 20 <= count.
            var blocksEnd = first
            while blocksEnd + 16 <= last + 1, blocksEnd + 20 <= count { blocksEnd += 16 }
            var windowStart = first
            while windowStart < blocksEnd {
                let windowEnd = min(windowStart + Self.window, blocksEnd)
                for phase in 0..<4 { sweepPhase(phase, from: windowStart, to: windowEnd, base: base) }
                windowStart = windowEnd
            }
            for position in blocksEnd..<(last + 1) { checkRelations(at: position, base: base) }
        }

        /// Positions per window: each window is swept four times (once per phase), so it should
        /// stay in L1/L2 between passes.
        static let window = 16 << 10

        /// Stage 1, the hot loop: positions b ≡ `from + phase` (mod 16 steps of 4) in `from ..< to`,
        /// four 32-bit lanes at a time. Each 16-byte load is used three times (as W(b), then as
        /// W(b-16) and W(b-32) for the next blocks); W(b-4) and W(b-24) are lane shuffles of
        /// loaded vectors. Only non-overlapping loads, so the compiler has nothing to "combine"
        /// (overlapping loads at b and b-4 made LLVM rebuild vectors from scalar pieces at half the
        /// speed). A lane hits when W(b) == W(b-4) ^ W(b-4Nk) for some Nk with a non-zero XOR, which
        /// zero pages and zero-padded records never satisfy; hits go to `checkRelations`.
        /// Requires 32 <= from, to - from a multiple of 16, and to + 3 <= count (the last load).
        @inline(__always)
        mutating func sweepPhase(_ phase: Int, from: Int, to: Int, base: UnsafeRawPointer) {
            typealias Lanes = SIMD4<UInt32>
            var position = from + phase
            var back32 = base.loadUnaligned(fromByteOffset: position - 32, as: Lanes.self)
            var back16 = base.loadUnaligned(fromByteOffset: position - 16, as: Lanes.self)
            while position < to {
                let word = base.loadUnaligned(fromByteOffset: position, as: Lanes.self)
                let previous = Lanes(back16[3], word[0], word[1], word[2])
                let back24 = Lanes(back32[2], back32[3], back16[0], back16[1])
                let shared = word ^ previous
                let related = (shared .== back16) .| (shared .== back24) .| (shared .== back32)
                let hit = related .& .!(shared .== 0)
                if Self.anyLane(hit) { laneHits(hit, at: position, base: base) }
                back32 = back16
                back16 = word
                position &+= 16
            }
        }

        /// Out of line so the hot loop keeps its vectors in registers.
        @inline(never)
        mutating func laneHits(_ hit: SIMDMask<SIMD4<Int32>>, at position: Int, base: UnsafeRawPointer) {
            for lane in 0..<4 where hit[lane] { checkRelations(at: position + 4 * lane, base: base) }
        }

        @inline(__always)
        static func anyLane(_ mask: SIMDMask<SIMD4<Int32>>) -> Bool {
            // safe: a 4 × 32-bit mask is 16 bytes, the size of SIMD2<UInt64>; a bit cast is one
            // OR instead of the lane-by-lane reduction `any(_:)` compiles to.
            let halves = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
            return halves[0] | halves[1] != 0
        }

        /// Stage 2: checks the three relations with w[i] at byte `position` (32 ≤ position ≤ count - 4).
        /// W(b), W(b-4) and W(b-4Nk) (equal to `shared` where a relation holds) must have no zero
        /// byte: schedule words are random (1.6% hold a zero byte), while heaps are full of sparse
        /// words and constant runs (a repeated field after a zero word, 0xffffffff fill before one)
        /// that satisfy the XOR by accident. The test is exact per word: a borrow crosses a byte only
        /// below a zero byte.
        @inline(__always)
        mutating func checkRelations(at position: Int, base: UnsafeRawPointer) {
            let word = base.loadUnaligned(fromByteOffset: position, as: UInt32.self)
            let previous = base.loadUnaligned(fromByteOffset: position - 4, as: UInt32.self)
            let shared = word ^ previous
            let zeroBytes = ((word &- 0x0101_0101) & ~word) | ((previous &- 0x0101_0101) & ~previous)
                | ((shared &- 0x0101_0101) & ~shared)
            guard zeroBytes & 0x8080_8080 == 0 else { return }
            for size in AESKeySize.allCases
            where shared == base.loadUnaligned(fromByteOffset: position - 4 * size.keyWords, as: UInt32.self)
                && neighbourRelationHolds(at: position, size: size, base: base) {
                relationHolds(at: position, size: size)
            }
        }

        /// Linear schedule words come in runs of at least three (i mod Nk = 1, 2, 3 and more), so a
        /// relation inside a schedule has a holding neighbour at b-4 or b+4; a chance one rarely does.
        @inline(__always)
        func neighbourRelationHolds(at position: Int, size: AESKeySize, base: UnsafeRawPointer) -> Bool {
            for neighbour in [position - 4, position + 4]
            where neighbour - 4 * size.keyWords >= 0 && neighbour + 4 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: neighbour, as: UInt32.self)
                    ^ base.loadUnaligned(fromByteOffset: neighbour - 4, as: UInt32.self)
                if word == base.loadUnaligned(fromByteOffset: neighbour - 4 * size.keyWords, as: UInt32.self) {
                    return true
                }
            }
            return false
        }

        /// A linear relation holds at `position`: verify every start whose schedule puts a linear
        /// word there (word index Nk+1 ... T-1) and that has not been verified yet.
        mutating func relationHolds(at position: Int, size: AESKeySize) {
            let slot = (size.keyWords / 2 - 2) * 4 + (position & 3)
            var lowest = max(position - 4 * (size.scheduleWords - 1), startRange.lowerBound, highestTried[slot] + 4)
            lowest += (position - lowest) & 3  // same phase as position; position ≥ lowest here or the loop is empty
            let highest = min(position - 4 * (size.keyWords + 1), startRange.upperBound - 1,
                              bytes.count - size.scheduleBytes)
            guard lowest <= highest else { return }
            highestTried[slot] = highest
            var start = lowest
            while start <= highest {
                if let match = AESScheduleVerifier.verify(bytes, start: start, size: size) {
                    found.append(structure(for: match, at: start))
                    // No other schedule of this size and phase can start inside this one.
                    highestTried[slot] = max(highest, start + size.scheduleBytes - 4)
                    return
                }
                start += 4
            }
        }

        func structure(for match: AESScheduleVerifier.Match, at start: Int) -> DetectedStructure {
            let exact = match.bitErrors == 0
            // A key of one repeated byte is a test value or an initialised-but-unset context.
            let trivial = match.key.allSatisfy { $0 == match.key.first }
            let confidence: Confidence = trivial ? .low : (exact ? .high : .medium)
            return DetectedStructure(
                ruleID: AESKeyScheduleDetector.ruleID,
                range: start..<(start + match.size.scheduleBytes),
                confidence: confidence,
                key: KeyInfo(algorithm: "aes", bits: match.size.rawValue, validated: exact),
                secret: match.key)
        }
    }
}

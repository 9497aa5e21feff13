/// Decides whether the bytes at one candidate start are an AES encryption key schedule, allowing a
/// few flipped bits (memory decay, as aeskeyfind allows), and recovers the key.
///
/// Three stages, cheapest first, because the sweep calls this for every start near a hit:
/// 1. the linear relations `w[i] = w[i-Nk] ^ w[i-1]` (order-independent, plain XOR);
/// 2. every local relation including the SubWord ones, in one word order;
/// 3. only if (2) is not exact: rebuild the key from each disjoint Nk-word window of the schedule
///    (backwards expansion), expand it, and keep the candidate with the fewest differing bits.
enum AESScheduleVerifier {
    /// Most flipped bits a schedule may carry and still be reported (aeskeyfind's default).
    static let maxBitErrors = 10

    /// How the schedule's words lie in memory.
    enum WordOrder: Sendable {
        /// FIPS-197 byte order, as AES-NI code (OpenSSL, BoringSSL), mbedTLS and aeskeyfind use.
        case standard
        /// Each word byte-reversed: portable C code storing `GETU32` words on a little-endian host.
        case wordSwapped
    }

    /// A recognised schedule.
    struct Match: Sendable {
        var size: AESKeySize
        var order: WordOrder
        /// The key, in key byte order.
        var key: [UInt8]
        /// Bits in memory that differ from the key's exact expansion (0 = exact).
        var bitErrors: Int
    }

    /// Checks the schedule of `size` at byte `start` of `bytes`; nil unless it is one.
    /// The caller guarantees nothing: out-of-range starts are rejected here.
    static func verify(_ bytes: UnsafeRawBufferPointer, start: Int, size: AESKeySize) -> Match? {
        guard start >= 0, start <= bytes.count - size.scheduleBytes, let base = bytes.baseAddress else { return nil }
        guard linearRelationsHold(base + start, size: size) else { return nil }
        for order in [WordOrder.standard, .wordSwapped] {
            let words = loadWords(base + start, size: size, order: order)
            guard let localErrors = localDistance(words, size: size, limit: relationBitLimit) else { continue }
            if localErrors == 0 {
                return Match(size: size, order: order, key: keyBytes(words[0..<size.keyWords]), bitErrors: 0)
            }
            if let (key, bitErrors) = closestKey(words, size: size) {
                return Match(size: size, order: order, key: keyBytes(key[...]), bitErrors: bitErrors)
            }
        }
        return nil
    }

    // MARK: - Stages

    /// A flipped bit enters at most three relations (as w[i], w[i-Nk] and w[i-1]); through SubWord
    /// one flipped input bit changes at most 8 output bits. So an in-tolerance schedule stays within
    /// 3 bits per error on the linear relations and 10 bits per error on all of them.
    static let linearBitLimit = 3 * maxBitErrors
    static let relationBitLimit = 10 * maxBitErrors

    /// Stage 1: the linear relations' total bit distance is within `linearBitLimit`.
    /// Exits after the first relations on anything that is not a schedule.
    @inline(__always)
    static func linearRelationsHold(_ start: UnsafeRawPointer, size: AESKeySize) -> Bool {
        let nk = size.keyWords
        var distance = 0
        var index = nk + 1
        while index < size.scheduleWords {
            if !size.isNonlinearWord(index) {
                let word = start.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)
                let back = start.loadUnaligned(fromByteOffset: 4 * (index - nk), as: UInt32.self)
                let previous = start.loadUnaligned(fromByteOffset: 4 * (index - 1), as: UInt32.self)
                distance += (word ^ back ^ previous).nonzeroBitCount
                if distance > linearBitLimit { return false }
            }
            index += 1
        }
        return true
    }

    /// Stage 2: bit distance over all relations, or nil once it exceeds `limit`.
    static func localDistance(_ words: [UInt32], size: AESKeySize, limit: Int) -> Int? {
        let nk = size.keyWords
        var distance = 0
        for index in nk..<size.scheduleWords {
            let expected = words[index - nk] ^ AESKeyExpansion.mixing(words[index - 1], index: index, size: size)
            distance += (expected ^ words[index]).nonzeroBitCount
            if distance > limit { return nil }
        }
        return distance
    }

    /// Stage 3: the key whose expansion is closest to `words`, if within `maxBitErrors`.
    /// With at most `maxBitErrors` flipped bits spread over the schedule, some disjoint window
    /// is intact whenever the schedule has more windows than errors hit (11, 8 and 7 windows).
    static func closestKey(_ words: [UInt32], size: AESKeySize) -> ([UInt32], Int)? {
        let nk = size.keyWords
        var best: ([UInt32], Int)?
        var tried: Set<[UInt32]> = []
        var windowStart = 0
        while windowStart + nk <= size.scheduleWords {
            let window = Array(words[windowStart..<(windowStart + nk)])
            let key = windowStart == 0 ? window : AESKeyExpansion.key(fromWindow: window, at: windowStart, size: size)
            windowStart += nk
            guard tried.insert(key).inserted else { continue }
            let expanded = AESKeyExpansion.expand(key, size: size)
            var distance = 0
            for index in 0..<size.scheduleWords {
                distance += (expanded[index] ^ words[index]).nonzeroBitCount
            }
            if distance <= maxBitErrors, distance < (best?.1 ?? Int.max) {
                best = (key, distance)
            }
        }
        return best
    }

    // MARK: - Words and bytes

    static func loadWords(_ start: UnsafeRawPointer, size: AESKeySize, order: WordOrder) -> [UInt32] {
        (0..<size.scheduleWords).map { index in
            let raw = start.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)
            switch order {
            case .standard: return UInt32(littleEndian: raw)
            case .wordSwapped: return UInt32(bigEndian: raw)
            }
        }
    }

    static func keyBytes(_ words: ArraySlice<UInt32>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 4)
        for word in words {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return bytes
    }
}

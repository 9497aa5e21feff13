/// The three AES key sizes and the shape of their FIPS-197 encryption key schedules.
public enum AESKeySize: Int, Sendable, CaseIterable {
    case aes128 = 128
    case aes192 = 192
    case aes256 = 256

    /// Nk: 32-bit words in the key.
    public var keyWords: Int { rawValue / 32 }

    /// Words in the expanded schedule: 4 × (rounds + 1).
    public var scheduleWords: Int {
        switch self {
        case .aes128: 44
        case .aes192: 52
        case .aes256: 60
        }
    }

    /// Bytes the schedule occupies in memory (176, 208 or 240).
    public var scheduleBytes: Int { scheduleWords * 4 }

    /// Bytes in the key itself (16, 24 or 32).
    public var keyBytes: Int { keyWords * 4 }

    /// True when word `index` (≥ Nk) of the schedule is derived through SubWord, i.e. it is not
    /// the plain XOR `w[i-Nk] ^ w[i-1]`.
    @inline(__always)
    func isNonlinearWord(_ index: Int) -> Bool {
        let position = index % keyWords
        return position == 0 || (keyWords > 6 && position == 4)
    }
}

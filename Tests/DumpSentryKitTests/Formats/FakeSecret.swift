/// Test-only secret-shaped bytes, generated per run from a seeded generator: never a real credential.
struct FakeSecret {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: small, deterministic, good enough to scatter test bytes.
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A token-shaped ASCII string: `prefix` then `length` random letters and digits.
    mutating func token(prefix: String = "fake_", length: Int = 32) -> [UInt8] {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        return Array(prefix.utf8) + (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

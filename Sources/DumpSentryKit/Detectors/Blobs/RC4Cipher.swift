/// RC4, only to open PVK files "encrypted" under an empty password (their format's only cipher).
/// Never used to protect anything.
struct RC4Cipher {
    private var state: [UInt8]
    private var i: UInt8 = 0
    private var j: UInt8 = 0

    /// `key` must not be empty (PVK keys are 16 bytes).
    init(key: [UInt8]) {
        precondition(!key.isEmpty, "RC4 needs a key")
        state = (0...255).map { UInt8($0) }
        var mixer: UInt8 = 0
        for index in 0..<256 {
            mixer = mixer &+ state[index] &+ key[index % key.count]
            state.swapAt(index, Int(mixer))
        }
    }

    /// XORs the keystream into `bytes` (encryption and decryption are the same).
    mutating func apply(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { byte in
            i = i &+ 1
            j = j &+ state[Int(i)]
            state.swapAt(Int(i), Int(j))
            return byte ^ state[Int(state[Int(i)] &+ state[Int(j)])]
        }
    }
}

/// Finds expanded AES-128/192/256 encryption key schedules (FIPS-197, 176/208/240 bytes, as
/// OpenSSL's `AES_KEY.rd_key` and aeskeyfind expect them) at any byte offset, tolerating a few
/// flipped bits, and reports the key under `key.aes-schedule`.
///
/// Why it is fast (aeskeyfind expands a key at every offset; this does a few vector compares):
/// every schedule word that is not a SubWord word satisfies `w[i] = w[i-Nk] ^ w[i-1]`. The hot
/// loop tests that relation for all three Nk at every byte position, four 32-bit lanes at a time
/// (one pass per byte phase, over cache-sized windows); random data, text and zero pages almost
/// never satisfy it with a non-zero XOR. A rare hit is checked again per position (its words must
/// have no zero byte, and a neighbouring relation must hold too, as in every schedule), and only
/// then are the starts it could belong to handed to `AESScheduleVerifier`.
/// `Benchmarks/aes-sweep.sh` measures the throughput.
public struct AESKeyScheduleDetector: SweepingDetector {
    public static let ruleID = "key.aes-schedule"

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "AES key schedule (expanded key) in memory", severity: .high,
                      references: ["https://citp.princeton.edu/our-work/memory/",
                                   "https://csrc.nist.gov/pubs/fips/197/final"])]
    }

    public var maxStructureLength: Int { AESKeySize.aes256.scheduleBytes }

    public init() {}

    public func sweep(_ bytes: UnsafeRawBufferPointer, reportRange: Range<Int>) -> [DetectedStructure] {
        var sweep = Sweep(bytes: bytes, reportRange: reportRange)
        sweep.run()
        return sweep.found.sorted { ($0.range.lowerBound, $0.range.count) < ($1.range.lowerBound, $1.range.count) }
    }
}

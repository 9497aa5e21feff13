/// Finds Windows CNG DSA private key blobs under `key.cng-dsa` and checks them with `DSAKeyMath`
/// (q | p−1, g of order q, y = g^x mod p).
///
/// Two layouts, little-endian header words and big-endian integers:
/// - `BCRYPT_DSA_KEY_BLOB { Magic "DSPV", cbKey, Count[4], Seed[20], q[20] }`, then p, g, y of
///   cbKey bytes and x of 20 bytes (FIPS 186-2, keys up to 1024 bits);
/// - `BCRYPT_DSA_KEY_BLOB_V2 { Magic "DPV2", cbKey, hashAlgorithm, standardVersion, cbSeedLength,
///   cbGroupSize, Count[4] }`, then Seed, q (cbGroupSize), p, g, y (cbKey) and x (cbGroupSize).
public struct CNGDSABlobDetector: BinaryDetector {
    public static let ruleID = "key.cng-dsa"

    static let version1Magic: UInt32 = 0x5650_5344  // "DSPV"
    static let version2Magic: UInt32 = 0x3256_5044  // "DPV2"

    static let anchorTable = [
        // "DSPV", cbKey 64–128 (512–1024-bit p).
        FixedLengthAnchor(#"\x44\x53\x50\x56[\x40-\x80]\x00\x00\x00"#),
        // "DPV2", cbKey below 0x300, hashAlgorithm 0–2, standardVersion 0–1.
        FixedLengthAnchor(#"\x44\x50\x56\x32[\x00-\xff][\x00-\x02]\x00\x00[\x00-\x02]\x00\x00\x00[\x00\x01]\x00\x00\x00"#),
    ]

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "DSA private key (Windows CNG key blob)", severity: .critical,
                      references: ["https://learn.microsoft.com/windows/win32/api/bcrypt/ns-bcrypt-bcrypt_dsa_key_blob_v2"])]
    }

    public var anchors: [DetectorAnchor] {
        Self.anchorTable.map { DetectorAnchor(pattern: $0.pattern, note: "blob starts at the match (\($0.length) bytes before its end)") }
    }

    /// A version 2 blob with a 4096-bit p and 32-byte seed and group.
    public var maxStructureLength: Int { 28 + 32 + 32 + 3 * 512 + 32 }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        return Self.parse(bytes, at: start).map { [$0] } ?? []
    }

    static func parse(_ bytes: UnsafeRawBufferPointer, at start: Int) -> DetectedStructure? {
        guard var reader = BlobReader(bytes, at: start), let magic = reader.uint32(),
              let keySize = reader.count32() else { return nil }
        let q: [UInt8]
        let groupSize: Int
        switch magic {
        case version1Magic:
            guard (64...128).contains(keySize), keySize % 8 == 0,
                  reader.skip(4 + 20) != nil,  // Count, Seed
                  let subprime = reader.bigEndianInteger(20) else { return nil }
            q = subprime
            groupSize = 20
        case version2Magic:
            guard (128...512).contains(keySize), keySize % 8 == 0,
                  let hash = reader.uint32(), hash <= 2, let version = reader.uint32(), version <= 1,
                  let seedSize = reader.count32(), (20...32).contains(seedSize),
                  let group = reader.count32(), (20...32).contains(group),
                  reader.skip(4) != nil, reader.skip(seedSize) != nil,  // Count, Seed
                  let subprime = reader.bigEndianInteger(group) else { return nil }
            q = subprime
            groupSize = group
        default:
            return nil
        }
        guard let p = reader.bigEndianInteger(keySize), let g = reader.bigEndianInteger(keySize),
              let y = reader.bigEndianInteger(keySize), let x = reader.bigEndianInteger(groupSize) else { return nil }
        let key = DSAKeyMath.check(prime: BlobReader.integer(p), subprime: BlobReader.integer(q),
                                   generator: BlobReader.integer(g), privateKey: BlobReader.integer(x),
                                   publicKey: BlobReader.integer(y))
        return DetectedStructure(ruleID: ruleID, range: start..<reader.offset,
                                 confidence: key.validated ? .high : .low, key: key, secret: x)
    }
}

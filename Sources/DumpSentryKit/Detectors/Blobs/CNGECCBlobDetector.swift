/// Finds Windows CNG elliptic-curve private key blobs (`BCRYPT_ECCPRIVATE_BLOB`) under
/// `key.cng-ecc` and checks d·G = (X, Y) with `ECKeyMath`.
///
/// Layout: `BCRYPT_ECCKEY_BLOB { Magic, cbKey }` (little-endian words), then big-endian X, Y and
/// d of cbKey bytes each. Magics: `ECK2/4/6` (ECDH) and `ECS2/4/6` (ECDSA) for P-256/384/521, and
/// the generic `ECKV`/`ECDV`, whose curve is a property of the key handle, not of the blob: for
/// those the curve is inferred from cbKey, and a key on another curve of that size (brainpool,
/// secp256k1) cannot validate.
public struct CNGECCBlobDetector: BinaryDetector {
    public static let ruleID = "key.cng-ecc"

    /// Magic (as the little-endian word) → curve and cbKey.
    static let namedMagics: [UInt32: (curve: ECCurve, size: Int)] = [
        0x324B_4345: (.p256, 32), 0x344B_4345: (.p384, 48), 0x364B_4345: (.p521, 66),  // ECK2/4/6
        0x3253_4345: (.p256, 32), 0x3453_4345: (.p384, 48), 0x3653_4345: (.p521, 66),  // ECS2/4/6
    ]
    static let genericMagics: Set<UInt32> = [0x564B_4345, 0x5644_4345]  // ECKV, ECDV
    static let genericCurves: [Int: ECCurve] = [32: .p256, 48: .p384, 66: .p521]

    /// Magic plus the one cbKey that magic allows (8 bytes): `ECS2` followed by 32, and so on.
    static let anchorTable = [
        FixedLengthAnchor(#"\x45\x43[\x4b\x53]\x32\x20\x00\x00\x00"#),
        FixedLengthAnchor(#"\x45\x43[\x4b\x53]\x34\x30\x00\x00\x00"#),
        FixedLengthAnchor(#"\x45\x43[\x4b\x53]\x36\x42\x00\x00\x00"#),
        FixedLengthAnchor(#"\x45\x43[\x44\x4b]\x56[\x20\x30\x42]\x00\x00\x00"#),
    ]

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "EC private key (Windows CNG key blob)", severity: .critical,
                      references: ["https://learn.microsoft.com/windows/win32/api/bcrypt/ns-bcrypt-bcrypt_ecckey_blob"])]
    }

    public var anchors: [DetectorAnchor] {
        Self.anchorTable.map { DetectorAnchor(pattern: $0.pattern, note: "blob starts at the match (\($0.length) bytes before its end)") }
    }

    /// A P-521 blob: header and three 66-byte values.
    public var maxStructureLength: Int { 8 + 3 * 66 }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        return Self.parse(bytes, at: start).map { [$0] } ?? []
    }

    static func parse(_ bytes: UnsafeRawBufferPointer, at start: Int) -> DetectedStructure? {
        guard var reader = BlobReader(bytes, at: start),
              let magic = reader.uint32(), let size = reader.count32() else { return nil }
        let curve: ECCurve
        if let named = namedMagics[magic] {
            guard size == named.size else { return nil }
            curve = named.curve
        } else if genericMagics.contains(magic), let inferred = genericCurves[size] {
            curve = inferred
        } else {
            return nil
        }
        guard let x = reader.take(size), let y = reader.take(size), let d = reader.take(size) else { return nil }
        let key = ECKeyMath.check(curve: curve.rawValue, privateScalar: d, publicPoint: [0x04] + x + y)
        return DetectedStructure(ruleID: ruleID, range: start..<reader.offset,
                                 confidence: key.validated ? .high : .low, key: key,
                                 secret: ECKeyMath.normalizedScalar(d, curveName: curve.rawValue))
    }
}

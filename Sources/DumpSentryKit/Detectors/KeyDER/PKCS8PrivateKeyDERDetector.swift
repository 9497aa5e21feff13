/// Finds unencrypted PKCS#8 PrivateKeyInfo structures in raw DER (`key.pkcs8-der`) holding RSA,
/// EC, Ed25519, X25519 or DSA keys, and checks the key inside.
public struct PKCS8PrivateKeyDERDetector: BinaryDetector {
    public static let ruleID = "key.pkcs8-der"

    // Version (0, or 1 for OneAsymmetricKey) and the AlgorithmIdentifier; the SEQUENCE header
    // before them is 2–5 bytes and found by `inspect`.
    static let anchorTable = [
        // rsaEncryption, NULL
        FixedLengthAnchor(#"\x02\x01[\x00\x01]\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00"#),
        // id-ecPublicKey, named curve
        FixedLengthAnchor(#"\x02\x01[\x00\x01]\x30[\x10\x13]\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06"#),
        // Ed25519 / X25519, CurvePrivateKey of 32 bytes
        FixedLengthAnchor(#"\x02\x01[\x00\x01]\x30\x05\x06\x03\x2b\x65[\x6e\x70]\x04\x22\x04\x20"#),
        // id-dsa with Dss-Parms
        FixedLengthAnchor(#"\x02\x01\x00\x30\x82[\x00-\xff]{2}\x06\x07\x2a\x86\x48\xce\x38\x04\x01"#),
    ]

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "Private key (PKCS#8 DER)", severity: .critical,
                      references: ["https://www.rfc-editor.org/rfc/rfc5958"])]
    }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { PrivateKeyDERParser.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let contentStart = anchorEnd - Self.anchorTable[anchorIndex].length
        for start in PrivateKeyDERParser.sequenceStart(bytes, contentStart: contentStart) {
            if let parsed = PrivateKeyDERParser.pkcs8(bytes, at: start) {
                return [parsed.structure(ruleID: Self.ruleID)]
            }
        }
        return []
    }
}

/// Finds PKCS#1 RSAPrivateKey structures in raw DER (`key.rsa-pkcs1-der`), the form OpenSSL's
/// traditional format and many in-memory DER buffers use, and checks p·q = n and d·e ≡ 1 mod λ.
public struct RSAPrivateKeyDERDetector: BinaryDetector {
    public static let ruleID = "key.rsa-pkcs1-der"

    // SEQUENCE (long form), version 0 (two primes) or 1 (multi-prime), then the modulus INTEGER
    // with its leading zero octet: 2048–16384-bit, 1024-bit and 512-bit keys. A modulus whose bit
    // length is not a multiple of 8 has no leading zero (a three-prime key of 1024-bit primes is
    // 3071 bits one time in twenty): the last two anchors.
    static let anchorTable = [
        FixedLengthAnchor(#"\x30\x82[\x00-\xff]{2}\x02\x01[\x00\x01]\x02\x82[\x00-\xff]{2}\x00"#),
        FixedLengthAnchor(#"\x30\x82[\x00-\xff]{2}\x02\x01[\x00\x01]\x02\x81[\x80-\xff]\x00"#),
        FixedLengthAnchor(#"\x30\x82\x01[\x00-\xff]\x02\x01[\x00\x01]\x02\x41\x00"#),
        FixedLengthAnchor(#"\x30\x82[\x00-\xff]{2}\x02\x01[\x00\x01]\x02\x82[\x00-\xff]{2}[\x01-\x7f]"#),
        FixedLengthAnchor(#"\x30\x82[\x00-\xff]{2}\x02\x01[\x00\x01]\x02\x81[\x80-\xff][\x01-\x7f]"#),
    ]

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "RSA private key (PKCS#1 DER)", severity: .critical,
                      references: ["https://www.rfc-editor.org/rfc/rfc8017#appendix-A.1.2"])]
    }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { PrivateKeyDERParser.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        guard start >= 0, let parsed = PrivateKeyDERParser.pkcs1(bytes, at: start),
              !PrivateKeyDERParser.isWrappedInPKCS8(bytes, innerStart: start) else { return [] }
        return [parsed.structure(ruleID: Self.ruleID)]
    }
}

/// Finds PKCS#8 EncryptedPrivateKeyInfo structures in raw DER (`key.pkcs8-encrypted-der`): the
/// key is protected by a password, so the finding is the structure (nothing to validate).
///
/// PKCS#12 files hold their shrouded key bags in this form, so a PKCS#12 finding usually comes
/// with one of these inside it.
public struct EncryptedPKCS8DERDetector: BinaryDetector {
    public static let ruleID = "key.pkcs8-encrypted-der"

    // The AlgorithmIdentifier: PBES1/PBES2 (1.2.840.113549.1.5.x) or the PKCS#12 PBE schemes
    // (1.2.840.113549.1.12.1.x), each followed by its parameters SEQUENCE.
    static let anchorTable = [
        FixedLengthAnchor(#"\x30[\x00-\x7f]\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x05[\x01\x03\x04\x06\x0a\x0b\x0d]\x30"#),
        FixedLengthAnchor(#"\x30[\x00-\x7f]\x06\x0a\x2a\x86\x48\x86\xf7\x0d\x01\x0c\x01[\x01-\x06]\x30"#),
    ]

    /// Largest structure reported: an encrypted 16384-bit RSA key.
    static let maxLength = 12 * 1024

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "Encrypted private key (PKCS#8 DER)", severity: .medium,
                      references: ["https://www.rfc-editor.org/rfc/rfc5958#section-3"])]
    }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { Self.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let contentStart = anchorEnd - Self.anchorTable[anchorIndex].length
        for start in PrivateKeyDERParser.sequenceStart(bytes, contentStart: contentStart) {
            if let structure = parse(bytes, at: start) { return [structure] }
        }
        return []
    }

    /// EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier { OID, params SEQUENCE },
    /// encryptedData OCTET STRING }, and nothing else.
    private func parse(_ bytes: UnsafeRawBufferPointer, at start: Int) -> DetectedStructure? {
        var outer = DERReader(bytes, range: start..<min(bytes.count, start + Self.maxLength))
        guard let sequence = outer.read(tag: 0x30), var fields = outer.children(of: sequence),
              let algorithm = fields.read(tag: 0x30), var algorithmFields = fields.children(of: algorithm),
              algorithmFields.read(tag: 0x06) != nil, algorithmFields.read(tag: 0x30) != nil, algorithmFields.isAtEnd,
              let encrypted = fields.read(tag: 0x04), encrypted.contentRange.count >= 16,
              fields.isAtEnd else { return nil }
        // Every scheme these OIDs name uses a block cipher: other lengths mean a damaged copy.
        let confidence: Confidence = encrypted.contentRange.count % 8 == 0 ? .high : .low
        return DetectedStructure(ruleID: Self.ruleID, range: sequence.range, confidence: confidence,
                                 key: nil, secret: Array(bytes[sequence.range]))
    }
}

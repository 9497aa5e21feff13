/// Harvests public keys from the dump itself: every DER SubjectPublicKeyInfo (alone or inside an
/// X.509 certificate) with an RSA or P-256/P-384/P-521 key, anchored in the same Vectorscan pass
/// as the other binary detectors. It reports nothing itself (a public key is not a secret): the
/// matcher hands what it harvests to the per-file known-key search, which then looks for the
/// private half — so a process that held a certificate and its key as raw numbers is caught with
/// no input from the user. Its rules are the search's, so disabling both turns harvesting off.
public struct PublicKeyHarvester: BinaryDetector {
    static let anchorTable = [
        // AlgorithmIdentifier rsaEncryption with NULL parameters, then the BIT STRING of the key.
        FixedLengthAnchor(#"\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00\x03"#),
        // id-ecPublicKey with a named curve (P-256 is 1.2.840.10045.3.1.7, P-384/521 1.3.132.0.34/35).
        FixedLengthAnchor(#"\x30[\x10\x13]\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06[\x05\x08][\x2a\x2b]"#),
    ]

    public init() {}

    public var rules: [DetectorRule] { KnownKeySearch.rules }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { PublicKeyDERParser.maxSPKILength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] { [] }

    /// The public key whose SubjectPublicKeyInfo holds the anchor, with the span of that structure.
    func harvest(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [PublicKeyDERParser.Parsed] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let contentStart = anchorEnd - Self.anchorTable[anchorIndex].length
        for start in PrivateKeyDERParser.sequenceStart(bytes, contentStart: contentStart) {
            if let parsed = PublicKeyDERParser.subjectPublicKeyInfo(bytes, at: start) { return [parsed] }
        }
        return []
    }
}

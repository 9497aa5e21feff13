/// Finds SEC1 ECPrivateKey structures in raw DER (`key.ec-sec1-der`) and checks d·G = Q.
public struct ECPrivateKeyDERDetector: BinaryDetector {
    public static let ruleID = "key.ec-sec1-der"

    // SEQUENCE, version 1, OCTET STRING of a 256/384/521-bit scalar (leading zero octets may be
    // dropped by some encoders, so one byte shorter is allowed too).
    static let anchorTable = [
        FixedLengthAnchor(#"\x30[\x00-\x7f]\x02\x01\x01\x04[\x1f\x20\x2f\x30\x40-\x42]"#),
        FixedLengthAnchor(#"\x30\x81[\x80-\xff]\x02\x01\x01\x04[\x1f\x20\x2f\x30\x40-\x42]"#),
    ]

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "EC private key (SEC1 DER)", severity: .critical,
                      references: ["https://www.rfc-editor.org/rfc/rfc5915"])]
    }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { 512 }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        guard start >= 0, let parsed = PrivateKeyDERParser.sec1(bytes, at: start, curve: nil),
              !PrivateKeyDERParser.isWrappedInPKCS8(bytes, innerStart: start) else { return [] }
        return [parsed.structure(ruleID: Self.ruleID)]
    }
}

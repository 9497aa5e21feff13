/// Finds CryptoAPI private key blobs (`PRIVATEKEYBLOB`: RSA under `key.capi-rsa`, DSS under
/// `key.capi-dsa`) and checks their math; see `CAPIPrivateKeyBlob` for the layouts.
///
/// A blob inside an unencrypted PVK file is left to `PVKFileDetector`, which reports the file;
/// an RSA key found by its bare `RSAPUBKEY` is left to the blob anchor when a BLOBHEADER precedes it.
public struct CAPIKeyBlobDetector: BinaryDetector {
    static let anchorTable = [
        // BLOBHEADER (PRIVATEKEYBLOB, v2, CALG_RSA_SIGN or CALG_RSA_KEYX), "RSA2", bitlen 512–16639.
        FixedLengthAnchor(#"\x07\x02\x00\x00\x00[\x24\xa4]\x00\x00\x52\x53\x41\x32[\x00-\xff][\x02-\x40]\x00\x00"#),
        // BLOBHEADER (v2, CALG_DSS_SIGN), "DSS2", bitlen 512–1279.
        FixedLengthAnchor(#"\x07\x02\x00\x00\x00\x22\x00\x00\x44\x53\x53\x32[\x00-\xff][\x02-\x04]\x00\x00"#),
        // BLOBHEADER (v3, CALG_DSS_SIGN), "DSS4", bitlenP 512–4351.
        FixedLengthAnchor(#"\x07\x03\x00\x00\x00\x22\x00\x00\x44\x53\x53\x34[\x00-\xff][\x02-\x10]\x00\x00"#),
        // A bare RSAPUBKEY with e = 65537, as CSPs keep the key without its BLOBHEADER.
        FixedLengthAnchor(#"\x52\x53\x41\x32[\x00-\xff][\x02-\x40]\x00\x00\x01\x00\x01\x00"#),
    ]
    static let bareRSAAnchor = 3

    public init() {}

    public var rules: [DetectorRule] {
        let references = ["https://learn.microsoft.com/windows/win32/seccrypto/base-provider-key-blobs"]
        return [
            DetectorRule(id: CAPIPrivateKeyBlob.rsaRuleID, name: "RSA private key (CryptoAPI PRIVATEKEYBLOB)",
                         severity: .critical, references: references),
            DetectorRule(id: CAPIPrivateKeyBlob.dsaRuleID, name: "DSA private key (CryptoAPI PRIVATEKEYBLOB)",
                         severity: .critical,
                         references: ["https://learn.microsoft.com/windows/win32/seccrypto/dss-version-3-private-key-blobs"]),
        ]
    }

    public var anchors: [DetectorAnchor] {
        Self.anchorTable.map { DetectorAnchor(pattern: $0.pattern, note: "blob starts at the match (\($0.length) bytes before its end)") }
    }

    public var maxStructureLength: Int { CAPIPrivateKeyBlob.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        if anchorIndex == Self.bareRSAAnchor {
            guard !CAPIPrivateKeyBlob.hasRSABlobHeader(bytes, before: start),
                  let found = CAPIPrivateKeyBlob.parseRSAPublicKeyHeaded(bytes, at: start) else { return [] }
            return [found]
        }
        guard let found = CAPIPrivateKeyBlob.parse(bytes, at: start),
              !PVKFileDetector.wrapsUnencrypted(bytes, blobAt: start) else { return [] }
        return [found]
    }
}

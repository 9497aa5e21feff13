/// Finds PKCS#12 (PFX, `.p12`) containers in raw DER (`key.pkcs12`). Their keys are encrypted
/// with a password, so nothing is validated: a container whose visible bags include a key bag is
/// reported with high confidence, one whose contents are encrypted as a whole with medium
/// confidence, and one that visibly holds only certificates (a trust store) not at all.
public struct PKCS12Detector: BinaryDetector {
    public static let ruleID = "key.pkcs12"

    // PFX ::= SEQUENCE { version 3, authSafe ContentInfo { pkcs7-data … } }: the version and
    // the ContentInfo header with its OID; the outer SEQUENCE header (2–5 bytes) comes before.
    static let anchorTable = [
        FixedLengthAnchor(#"\x02\x01\x03\x30\x82[\x00-\xff]{2}\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07[\x01\x02]"#),
        FixedLengthAnchor(#"\x02\x01\x03\x30\x81[\x80-\xff]\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07[\x01\x02]"#),
        FixedLengthAnchor(#"\x02\x01\x03\x30\x83[\x00-\xff]{3}\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07[\x01\x02]"#),
    ]

    /// Containers up to this size are reported only when complete; a larger one is reported
    /// over the part the buffer holds (the chunk overlap cannot cover it whole).
    static let maxLength = 64 * 1024

    // pkcs-12 keyBag and pkcs8ShroudedKeyBag (1.2.840.113549.1.12.10.1.1/.2), as encoded OIDs.
    private static let keyBagOID: [UInt8] = [0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x01]
    private static let shroudedKeyBagOID: [UInt8] = [0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02]
    // pkcs7-encryptedData and pkcs7-envelopedData (1.2.840.113549.1.7.6/.3): contents not visible.
    private static let encryptedDataOID: [UInt8] = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06]
    private static let envelopedDataOID: [UInt8] = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03]

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "PKCS#12 key store", severity: .medium,
                      references: ["https://www.rfc-editor.org/rfc/rfc7292"])]
    }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { Self.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let contentStart = anchorEnd - Self.anchorTable[anchorIndex].length
        for headerLength in 2...5 {
            let start = contentStart - headerLength
            guard start >= 0, bytes[start] == 0x30 else { continue }
            if let structure = parse(bytes, at: start, contentStart: contentStart) { return [structure] }
        }
        return []
    }

    private func parse(_ bytes: UnsafeRawBufferPointer, at start: Int, contentStart: Int) -> DetectedStructure? {
        // Read the header against an unbounded end first: a declared length past the buffer is
        // either a truncated copy (small) or a container larger than any chunk (reported in part).
        guard let declared = declaredEnd(bytes, at: start, contentStart: contentStart) else { return nil }
        var clamped = false
        var end = declared
        if declared > bytes.count {
            guard declared - start > Self.maxLength else { return nil }
            end = bytes.count
            clamped = true
        }
        if !clamped {
            var outer = DERReader(bytes, range: start..<end)
            guard let sequence = outer.read(tag: 0x30), var fields = outer.children(of: sequence),
                  fields.readSmallInteger() == 3,
                  let authSafe = fields.read(tag: 0x30), var authFields = fields.children(of: authSafe),
                  authFields.read(tag: 0x06) != nil, authFields.read(tag: 0xa0) != nil, authFields.isAtEnd else { return nil }
            if !fields.isAtEnd {
                guard fields.read(tag: 0x30) != nil, fields.isAtEnd else { return nil }
            }
        }
        let region = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        let confidence: Confidence
        if contains(region, Self.keyBagOID) || contains(region, Self.shroudedKeyBagOID) {
            confidence = clamped ? .medium : .high
        } else if contains(region, Self.encryptedDataOID) || contains(region, Self.envelopedDataOID) || clamped {
            confidence = .medium
        } else {
            return nil
        }
        return DetectedStructure(ruleID: Self.ruleID, range: start..<end, confidence: confidence, key: nil,
                                 secret: Array(bytes[start..<end]))
    }

    /// End offset the SEQUENCE header at `start` declares, if its content begins at `contentStart`.
    private func declaredEnd(_ bytes: UnsafeRawBufferPointer, at start: Int, contentStart: Int) -> Int? {
        let headerLength = contentStart - start
        guard headerLength >= 2, contentStart <= bytes.count else { return nil }
        let first = bytes[start + 1]
        if headerLength == 2 { return first < 0x80 ? contentStart + Int(first) : nil }
        guard Int(first) == 0x80 + headerLength - 2 else { return nil }
        var length = 0
        for index in (start + 2)..<contentStart { length = length << 8 | Int(bytes[index]) }
        return contentStart + length
    }

    private func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}

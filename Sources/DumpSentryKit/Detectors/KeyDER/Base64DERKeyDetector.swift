/// Finds DER private keys written as bare base64 text (`key.der-base64`): the body of a PEM key
/// without its `-----BEGIN` line, as JSON and XML configs, environment variables and key vault
/// responses carry it (`MIIEvQIBADANBgkqhkiG9w0BAQEFAASC…`). The text is decoded and parsed by
/// the same DER parsers as raw keys, so only real key structures are reported.
public struct Base64DERKeyDetector: BinaryDetector {
    public static let ruleID = "key.der-base64"

    // The base64 of the DER headers, aligned at the start of the text (DER starts there).
    static let anchorTable = [
        // PKCS#8 RSA: 30 82 xx xx 02 01 00 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 04 82
        FixedLengthAnchor(#"MI[I-L][A-Za-z0-9+/]{2}[AQgw]IBADANBgkqhkiG9w0BAQEFAAS"#),
        // PKCS#1 RSA: 30 82 xx xx 02 01 0[01] 02 8[12] (version 1: multi-prime)
        FixedLengthAnchor(#"MI[I-L][A-Za-z0-9+/]{2}[AQgw]IBA[AQ]K[BC]"#),
        // PKCS#8 EC: 30 81 xx 02 01 00 30 1[03] 06 07 2a 86 48 ce 3d 02 01
        FixedLengthAnchor(#"MI[GH][A-Za-z0-9+/]AgEAMB[AM]GByqGSM49AgE"#),
        // SEC1 EC, short form: 30 xx 02 01 01 04 (20|30)
        FixedLengthAnchor(#"M[A-H][AEIMQUYcgkosw048]CAQEE[IM]"#),
        // SEC1 EC, 30 81 xx: 02 01 01 04 (30|42)
        FixedLengthAnchor(#"MI[GH][A-Za-z0-9+/]AgEBB[DE][A-DI-L]"#),
        // PKCS#8 Ed25519 / X25519: 30 2e 02 01 00 30 05 06 03 2b 65 (70|6e) 04 22 04 20
        FixedLengthAnchor(#"MC4CAQAwBQYDK2V[uw]BCIEI"#),
        // PKCS#8 DSA: 30 82 xx xx 02 01 00 30 82 xx xx 06 07 2a 86 48 ce 38 04 01
        FixedLengthAnchor(#"MI[I-L][A-Za-z0-9+/]{2}[AQgw]IBADCC[A-Za-z0-9+/]{3}GByqGSM44BAE"#),
    ]

    /// Longest text reported: the base64 of the largest DER key, with a line break (or a JSON
    /// `\n`) every 64 characters.
    static let maxLength = (PrivateKeyDERParser.maxLength + 2) / 3 * 4 * 66 / 64 + 8

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "Private key (base64 DER without PEM armour)", severity: .critical,
                      references: ["https://www.rfc-editor.org/rfc/rfc7468"])]
    }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { Self.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        // Mid-word (the anchor inside a longer base64 run) is not the start of a DER body; after
        // a PEM header line the PEM rule reports it.
        guard start >= 0, !continuesBase64(bytes, before: start), !followsPEMHeader(bytes, before: start) else { return [] }
        var decoder = Base64TextDecoder(bytes, range: start..<min(bytes.count, start + Self.maxLength))
        // The DER header (at most 6 bytes) says how many bytes to decode.
        guard let header = decoder.decode(count: 6), let total = derLength(header),
              total <= PrivateKeyDERParser.maxLength else { return [] }
        guard let rest = decoder.decode(count: total - 6) else { return [] }
        let der = header + rest
        let textEnd = decoder.endIncludingPadding()
        let parsed: ParsedPrivateKey? = der.withUnsafeBytes { buffer in
            guard let key = PrivateKeyDERParser.anyFormat(buffer, at: 0), key.range == 0..<buffer.count else { return nil }
            return key
        }
        guard let parsed else { return [] }
        return [DetectedStructure(ruleID: Self.ruleID, range: start..<textEnd, confidence: parsed.confidence,
                                  key: parsed.key, secret: parsed.secret)]
    }

    /// Total length (header + content) a DER SEQUENCE header declares.
    private func derLength(_ header: [UInt8]) -> Int? {
        guard header.count == 6, header[0] == 0x30 else { return nil }
        let first = Int(header[1])
        if first < 0x80 { return 2 + first }
        let count = first & 0x7f
        guard (1...3).contains(count) else { return nil }
        var length = 0
        for index in 0..<count { length = length << 8 | Int(header[2 + index]) }
        return 2 + count + length
    }

    private func continuesBase64(_ bytes: UnsafeRawBufferPointer, before start: Int) -> Bool {
        guard start > 0 else { return false }
        return Base64TextDecoder.value(of: bytes[start - 1]) != nil
    }

    /// True when the text before `start`, past white space, ends a `-----BEGIN … KEY-----` line.
    private func followsPEMHeader(_ bytes: UnsafeRawBufferPointer, before start: Int) -> Bool {
        var index = start - 1
        while index >= 0, index >= start - 8, [0x0a, 0x0d, 0x20, 0x09, 0x5c, 0x6e, 0x72].contains(bytes[index]) {
            index -= 1
        }
        return index >= 4 && (0..<5).allSatisfy { bytes[index - $0] == UInt8(ascii: "-") }
    }
}

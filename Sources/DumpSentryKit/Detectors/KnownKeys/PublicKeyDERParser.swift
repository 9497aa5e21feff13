/// Reads the DER structures that carry a public key: SubjectPublicKeyInfo, an X.509 certificate
/// (whose TBSCertificate holds one), and PKCS#1 RSAPublicKey. Every read is bounds-checked
/// (`DERReader`): the bytes may be hostile dump contents.
enum PublicKeyDERParser {
    /// A parsed public key and the span of the structure that held it.
    struct Parsed {
        var material: KnownPublicKey.Material
        var range: Range<Int>
    }

    /// Longest SubjectPublicKeyInfo read (a 16384-bit RSA key needs about 2.1 KB).
    static let maxSPKILength = 2200
    /// Longest certificate read from a `--public-key` file.
    static let maxCertificateLength = 64 * 1024

    /// SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, subjectPublicKey BIT STRING }.
    static func subjectPublicKeyInfo(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Parsed? {
        var outer = DERReader(bytes, range: start..<min(bytes.count, start + maxSPKILength))
        guard let sequence = outer.read(tag: 0x30), var fields = outer.children(of: sequence),
              let algorithm = fields.read(tag: 0x30), var algorithmFields = fields.children(of: algorithm),
              let oid = algorithmFields.read(tag: 0x06),
              let bitString = fields.read(tag: 0x03), fields.isAtEnd,
              bitString.contentRange.count >= 2, bytes[bitString.contentRange.lowerBound] == 0 else { return nil }
        let keyRange = (bitString.contentRange.lowerBound + 1)..<bitString.contentRange.upperBound
        if algorithmFields.content(oid, equals: SubjectPublicKeyInfo.rsaEncryptionOID) {
            guard let key = rsaPublicKey(bytes, range: keyRange), key.range == keyRange else { return nil }
            return Parsed(material: key.material, range: sequence.range)
        }
        if algorithmFields.content(oid, equals: SubjectPublicKeyInfo.ecPublicKeyOID) {
            guard let curveOID = algorithmFields.read(tag: 0x06),
                  let curve = ECCurve(oid: algorithmFields.content(curveOID)) else { return nil }
            return Parsed(material: .ec(curve: curve, point: Array(bytes[keyRange])), range: sequence.range)
        }
        return nil
    }

    /// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }, the whole of `range`
    /// or starting at its first byte.
    static func rsaPublicKey(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) -> Parsed? {
        var reader = DERReader(bytes, range: range)
        guard let sequence = reader.read(tag: 0x30), var fields = reader.children(of: sequence),
              let modulus = fields.readUnsignedInteger(), let exponent = fields.readUnsignedInteger(),
              fields.isAtEnd else { return nil }
        return Parsed(material: .rsa(modulus: modulus, publicExponent: exponent), range: sequence.range)
    }

    /// Certificate ::= SEQUENCE { TBSCertificate, signatureAlgorithm, signature } and
    /// TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
    /// validity, subject, subjectPublicKeyInfo, … }.
    static func certificate(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Parsed? {
        var outer = DERReader(bytes, range: start..<min(bytes.count, start + maxCertificateLength))
        guard let certificate = outer.read(tag: 0x30), var parts = outer.children(of: certificate),
              let tbs = parts.read(tag: 0x30), var fields = parts.children(of: tbs) else { return nil }
        _ = fields.read(tag: 0xa0)
        guard fields.read(tag: 0x02) != nil else { return nil }
        for _ in 0..<4 { guard fields.read(tag: 0x30) != nil else { return nil } }
        guard let spki = fields.peek(), spki.tag == 0x30,
              let parsed = subjectPublicKeyInfo(bytes, at: spki.range.lowerBound) else { return nil }
        return Parsed(material: parsed.material, range: certificate.range)
    }
}

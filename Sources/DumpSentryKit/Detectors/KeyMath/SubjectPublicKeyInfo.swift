import Crypto

/// The DER SubjectPublicKeyInfo of a public key and its SHA-256, the fingerprint that matches
/// `openssl pkey -pubout -outform DER | sha256sum` and certificate public-key pins.
enum SubjectPublicKeyInfo {
    static let rsaEncryptionOID: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]
    static let ecPublicKeyOID: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
    static let dsaOID: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01]

    /// rsaEncryption with NULL parameters and RSAPublicKey { n, e }.
    static func rsa(modulus: [UInt8], publicExponent: [UInt8]) -> [UInt8] {
        DEREncoder.sequence(
            DEREncoder.sequence(DEREncoder.objectIdentifier(rsaEncryptionOID), DEREncoder.null),
            DEREncoder.bitString(DEREncoder.sequence(
                DEREncoder.unsignedInteger(modulus), DEREncoder.unsignedInteger(publicExponent))))
    }

    /// id-ecPublicKey with the named curve and the uncompressed point; Ed25519/X25519 with their
    /// algorithm OID and the raw 32-byte key.
    static func ec(curve: ECCurve, publicKey: [UInt8]) -> [UInt8] {
        if curve.isWeierstrass {
            return DEREncoder.sequence(
                DEREncoder.sequence(DEREncoder.objectIdentifier(ecPublicKeyOID), DEREncoder.objectIdentifier(curve.oid)),
                DEREncoder.bitString(publicKey))
        }
        return DEREncoder.sequence(
            DEREncoder.sequence(DEREncoder.objectIdentifier(curve.oid)),
            DEREncoder.bitString(publicKey))
    }

    /// id-dsa with Dss-Parms { p, q, g } and the public value y as an INTEGER.
    static func dsa(p: [UInt8], q: [UInt8], g: [UInt8], y: [UInt8]) -> [UInt8] {
        DEREncoder.sequence(
            DEREncoder.sequence(
                DEREncoder.objectIdentifier(dsaOID),
                DEREncoder.sequence(DEREncoder.unsignedInteger(p), DEREncoder.unsignedInteger(q), DEREncoder.unsignedInteger(g))),
            DEREncoder.bitString(DEREncoder.unsignedInteger(y)))
    }

    /// Lowercase hex SHA-256 of a DER encoding.
    static func sha256Hex(_ der: [UInt8]) -> String {
        Fingerprint.hex(SHA256.hash(data: der))
    }
}

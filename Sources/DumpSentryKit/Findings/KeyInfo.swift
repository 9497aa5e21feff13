/// What DumpSentry learned about a leaked key, so its owner can match it to the certificate or
/// JWKS `kid` that must be rotated.
public struct KeyInfo: Sendable, Hashable, Codable {
    /// `rsa`, `ec`, `ed25519`, `x25519`, `dsa`, `aes`.
    public var algorithm: String
    /// Modulus or key size in bits (RSA, DSA, AES); nil where `curve` says it.
    public var bits: Int?
    /// Curve name for EC keys (`P-256`, `P-384`, `P-521`, `secp256k1`, …).
    public var curve: String?
    /// True only when the key's math checked out (RSA p·q = n, EC d·G = Q, …).
    public var validated: Bool
    /// SHA-256 (hex) of the DER SubjectPublicKeyInfo, when the public key is known.
    public var publicKeySHA256: String?
    /// RFC 7638 JWK thumbprint (base64url), when the public key is known.
    public var jwkThumbprint: String?
    /// Fingerprint of the key this finding is a copy or component of (links copies to their key).
    public var keyFingerprint: String?

    public init(algorithm: String, bits: Int? = nil, curve: String? = nil, validated: Bool,
                publicKeySHA256: String? = nil, jwkThumbprint: String? = nil, keyFingerprint: String? = nil) {
        self.algorithm = algorithm
        self.bits = bits
        self.curve = curve
        self.validated = validated
        self.publicKeySHA256 = publicKeySHA256
        self.jwkThumbprint = jwkThumbprint
        self.keyFingerprint = keyFingerprint
    }
}

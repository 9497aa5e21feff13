import BigInt

/// The elliptic curves DumpSentry recognises in key structures, with the constants the key
/// checks need (OID body, field size, group order).
public enum ECCurve: String, Sendable, CaseIterable {
    case p256 = "P-256"
    case p384 = "P-384"
    case p521 = "P-521"
    case secp256k1 = "secp256k1"
    case ed25519 = "Ed25519"
    case x25519 = "X25519"

    /// Accepts the JWK/NIST name and the common aliases (OpenSSL, SEC, OpenSSH).
    public init?(name: String) {
        switch name.lowercased() {
        case "p-256", "p256", "prime256v1", "secp256r1", "nistp256": self = .p256
        case "p-384", "p384", "secp384r1", "nistp384": self = .p384
        case "p-521", "p521", "secp521r1", "nistp521": self = .p521
        case "secp256k1": self = .secp256k1
        case "ed25519": self = .ed25519
        case "x25519": self = .x25519
        default: return nil
        }
    }

    /// The curve whose named-curve OID body (or, for the Edwards/Montgomery curves, algorithm
    /// OID body) is `oid`.
    init?(oid: [UInt8]) {
        guard let curve = ECCurve.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = curve
    }

    /// Encoded OID body (without tag and length).
    var oid: [UInt8] {
        switch self {
        case .p256: [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]
        case .p384: [0x2b, 0x81, 0x04, 0x00, 0x22]
        case .p521: [0x2b, 0x81, 0x04, 0x00, 0x23]
        case .secp256k1: [0x2b, 0x81, 0x04, 0x00, 0x0a]
        case .ed25519: [0x2b, 0x65, 0x70]
        case .x25519: [0x2b, 0x65, 0x6e]
        }
    }

    /// True for the short-Weierstrass curves carried under id-ecPublicKey.
    var isWeierstrass: Bool {
        switch self {
        case .p256, .p384, .p521, .secp256k1: true
        case .ed25519, .x25519: false
        }
    }

    /// Bytes of a field element (and of a private scalar).
    var fieldSize: Int {
        switch self {
        case .p256, .secp256k1, .ed25519, .x25519: 32
        case .p384: 48
        case .p521: 66
        }
    }

    /// The group order n (private scalars lie in 1..n−1); nil for the curves whose private key is
    /// a 32-byte string rather than a scalar below n.
    var order: BigUInt? {
        let hex: String
        switch self {
        case .p256: hex = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"
        case .p384: hex = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973"
        case .p521: hex = "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409"
        case .secp256k1: hex = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"
        case .ed25519, .x25519: return nil
        }
        return BigUInt(hex, radix: 16)
    }
}

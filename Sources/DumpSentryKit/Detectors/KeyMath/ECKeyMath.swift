import BigInt
import Crypto
import Foundation

/// Checks that an elliptic-curve private key is well formed and matches the public key carried
/// beside it, and describes that public key (SPKI SHA-256, RFC 7638 thumbprint).
public enum ECKeyMath {
    /// `curve` is a JWK/NIST name or a common alias (`P-256`, `prime256v1`, `nistp384`,
    /// `secp256k1`, `Ed25519`, `X25519`). `privateScalar` is the big-endian scalar (P-curves,
    /// leading zeros optional) or the 32-byte private key (Ed25519 seed, X25519 scalar).
    /// `publicPoint` is the public key carried with it, if any: an SEC1 point (uncompressed or
    /// compressed) for the P-curves, the raw 32 bytes for Ed25519/X25519.
    ///
    /// `validated` is true when the private key is usable on the curve (scalar in 1..n−1) and,
    /// when a point is given, d·G equals it. An unknown curve yields algorithm `ec` with no curve.
    public static func check(curve name: String, privateScalar d: [UInt8], publicPoint: [UInt8]?) -> KeyInfo {
        guard let curve = ECCurve(name: name) else {
            return KeyInfo(algorithm: "ec", validated: false)
        }
        switch curve {
        case .p256, .p384, .p521: return checkNIST(curve, scalar: d, point: publicPoint)
        case .secp256k1: return describeSecp256k1(point: publicPoint)
        case .ed25519, .x25519: return checkMontgomeryOrEdwards(curve, privateKey: d, publicKey: publicPoint)
        }
    }

    /// The KeyInfo of a public key alone (an uncompressed SEC1 point, or the raw 32 bytes of an
    /// Ed25519/X25519 key), not validated: nothing private was checked against it.
    static func describe(_ curve: ECCurve, publicKey: [UInt8]) -> KeyInfo {
        switch curve {
        case .ed25519, .x25519:
            var info = KeyInfo(algorithm: curve == .ed25519 ? "ed25519" : "x25519", curve: curve.rawValue, validated: false)
            guard publicKey.count == 32 else { return info }
            info.publicKeySHA256 = SubjectPublicKeyInfo.sha256Hex(SubjectPublicKeyInfo.ec(curve: curve, publicKey: publicKey))
            info.jwkThumbprint = JWKThumbprint.okp(curve: curve, publicKey: publicKey)
            return info
        case .p256, .p384, .p521, .secp256k1:
            var info = KeyInfo(algorithm: "ec", curve: curve.rawValue, validated: false)
            fillPublicKey(&info, curve: curve, uncompressedPoint: publicKey)
            return info
        }
    }

    private static func checkNIST(_ curve: ECCurve, scalar: [UInt8], point: [UInt8]?) -> KeyInfo {
        var info = KeyInfo(algorithm: "ec", curve: curve.rawValue, validated: false)
        guard let raw = fixedWidthScalar(scalar, curve: curve),
              let order = curve.order else { return info }
        let value = BigUInt(Data(raw))
        guard !value.isZero, value < order else { return info }
        let derived: (uncompressed: [UInt8], compressed: [UInt8])
        do {
            derived = try publicPoints(curve, rawScalar: raw)
        } catch {
            // The scalar was in range, so the library refusing it means it is not a key: the
            // error itself carries nothing more for the report.
            return info
        }
        fillPublicKey(&info, curve: curve, uncompressedPoint: derived.uncompressed)
        if let point {
            info.validated = point == derived.uncompressed || point == derived.compressed
        } else {
            info.validated = true
        }
        return info
    }

    private static func publicPoints(_ curve: ECCurve, rawScalar raw: [UInt8]) throws -> (uncompressed: [UInt8], compressed: [UInt8]) {
        switch curve {
        case .p256:
            let key = try P256.Signing.PrivateKey(rawRepresentation: raw).publicKey
            return ([UInt8](key.x963Representation), [UInt8](key.compressedRepresentation))
        case .p384:
            let key = try P384.Signing.PrivateKey(rawRepresentation: raw).publicKey
            return ([UInt8](key.x963Representation), [UInt8](key.compressedRepresentation))
        default:
            let key = try P521.Signing.PrivateKey(rawRepresentation: raw).publicKey
            return ([UInt8](key.x963Representation), [UInt8](key.compressedRepresentation))
        }
    }

    /// swift-crypto has no secp256k1, so d·G cannot be checked: the key is described from the
    /// carried point when it is uncompressed, and never validated.
    private static func describeSecp256k1(point: [UInt8]?) -> KeyInfo {
        var info = KeyInfo(algorithm: "ec", curve: ECCurve.secp256k1.rawValue, validated: false)
        if let point { fillPublicKey(&info, curve: .secp256k1, uncompressedPoint: point) }
        return info
    }

    private static func checkMontgomeryOrEdwards(_ curve: ECCurve, privateKey: [UInt8], publicKey: [UInt8]?) -> KeyInfo {
        let algorithm = curve == .ed25519 ? "ed25519" : "x25519"
        var info = KeyInfo(algorithm: algorithm, curve: curve.rawValue, validated: false)
        guard privateKey.count == 32 else { return info }
        let derived: [UInt8]
        do {
            if curve == .ed25519 {
                derived = [UInt8](try Curve25519.Signing.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation)
            } else {
                derived = [UInt8](try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: privateKey).publicKey.rawRepresentation)
            }
        } catch {
            // Only a wrong length makes these initialisers throw, and that was checked above.
            return info
        }
        info.publicKeySHA256 = SubjectPublicKeyInfo.sha256Hex(SubjectPublicKeyInfo.ec(curve: curve, publicKey: derived))
        info.jwkThumbprint = JWKThumbprint.okp(curve: curve, publicKey: derived)
        info.validated = publicKey.map { $0 == derived } ?? true
        return info
    }

    /// The scalar at the curve's field width, so that the same key found in DER (fixed width)
    /// and in an OpenSSH mpint (minimal) has one fingerprint; unchanged if it does not fit.
    static func normalizedScalar(_ scalar: [UInt8], curveName: String) -> [UInt8] {
        guard let curve = ECCurve(name: curveName), curve.isWeierstrass else { return scalar }
        return fixedWidthScalar(scalar, curve: curve) ?? scalar
    }

    /// Left-pads (or strips leading zeros of) a scalar to the curve's field size; nil if too long.
    private static func fixedWidthScalar(_ scalar: [UInt8], curve: ECCurve) -> [UInt8]? {
        let digits = scalar.drop { $0 == 0 }
        guard digits.count <= curve.fieldSize else { return nil }
        return [UInt8](repeating: 0, count: curve.fieldSize - digits.count) + digits
    }

    private static func fillPublicKey(_ info: inout KeyInfo, curve: ECCurve, uncompressedPoint point: [UInt8]) {
        let size = curve.fieldSize
        guard point.count == 1 + 2 * size, point.first == 0x04 else { return }
        info.publicKeySHA256 = SubjectPublicKeyInfo.sha256Hex(SubjectPublicKeyInfo.ec(curve: curve, publicKey: point))
        info.jwkThumbprint = JWKThumbprint.ec(curve: curve, x: Array(point[1...size]), y: Array(point[(1 + size)...]))
    }
}

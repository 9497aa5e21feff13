import BigInt
import Foundation

/// A public key whose private half must never appear in a dump: named with `--public-key`, or
/// harvested from a certificate or SubjectPublicKeyInfo inside the dump itself. The known-key
/// search looks for its modulus or public point and tests the words around each place for the
/// factor or scalar that completes it.
public struct KnownPublicKey: Sendable, Hashable {
    /// The public values the search needs.
    public enum Material: Sendable, Hashable {
        /// Big-endian magnitudes, leading zeros stripped.
        case rsa(modulus: [UInt8], publicExponent: [UInt8])
        /// A NIST curve and its SEC1 point (uncompressed `04‖x‖y` or compressed `02/03‖x`).
        case ec(curve: ECCurve, point: [UInt8])
    }

    public let material: Material
    /// Where the key came from, for the finding's details (`--public-key FILE`, `dump offset N`).
    public var origin: String
    /// Algorithm, size and fingerprints of the public key (`validated` false: nothing private yet).
    public let info: KeyInfo

    /// Smallest and largest RSA modulus searched for, in bits: smaller is not a key worth the
    /// name, larger only makes the factor tests expensive (real keys stop at 16384 bits).
    static let rsaBits = 512...16384

    /// nil when the values cannot be a key the search can use (even or tiny modulus, a point of
    /// the wrong size, a curve swift-crypto cannot multiply on).
    public init?(_ material: Material, origin: String) {
        switch material {
        case .rsa(let modulus, let exponent):
            let n = Array(modulus.drop { $0 == 0 })
            let e = Array(exponent.drop { $0 == 0 })
            guard let last = n.last, last & 1 == 1, !e.isEmpty, e.count <= 8,
                  Self.rsaBits.contains(BigUInt(Data(n)).bitWidth) else { return nil }
            self.material = .rsa(modulus: n, publicExponent: e)
            info = RSAKeyMath.check(modulus: BigUInt(Data(n)), publicExponent: BigUInt(Data(e)),
                                    prime1: nil, prime2: nil, privateExponent: nil)
        case .ec(let curve, let point):
            guard [.p256, .p384, .p521].contains(curve), let first = point.first else { return nil }
            switch first {
            case 0x04: guard point.count == 1 + 2 * curve.fieldSize else { return nil }
            case 0x02, 0x03: guard point.count == 1 + curve.fieldSize else { return nil }
            default: return nil
            }
            self.material = material
            var described = ECKeyMath.describe(curve, publicKey: point)
            if first != 0x04 {
                // Fingerprints need both coordinates; they are filled once a scalar gives them.
                described = KeyInfo(algorithm: "ec", curve: curve.rawValue, validated: false)
            }
            info = described
        }
        self.origin = origin
    }

    /// Identity for deduplication: the SPKI hash, or the raw values when there is none.
    var identity: String {
        if let hash = info.publicKeySHA256 { return hash }
        switch material {
        case .rsa(let n, _): return "rsa:" + Fingerprint.of(n)
        case .ec(let curve, let point): return "ec:\(curve.rawValue):" + Fingerprint.of(point)
        }
    }

    /// The public value the search looks for, big-endian: the RSA modulus, or the EC point's x
    /// coordinate at the field width.
    var searchedValue: [UInt8] {
        switch material {
        case .rsa(let n, _): return n
        case .ec(let curve, let point): return Array(point[1...curve.fieldSize])
        }
    }
}

import BigInt
import Foundation

/// Checks DSA domain parameters and a private value against each other and describes the public
/// key (y = g^x mod p) they imply.
public enum DSAKeyMath {
    /// Largest p checked, in bits: bounds the modular exponentiations on hostile input.
    static let maxPrimeBits = 4096
    /// Largest q checked, in bits (FIPS 186 uses 160, 224 and 256).
    static let maxSubprimeBits = 512

    /// `validated` is true when q divides p−1, g has order q (1 < g < p, g^q ≡ 1 mod p),
    /// 0 < x < q and, when y is given, y = g^x mod p. `bits` is the size of p.
    public static func check(prime p: BigUInt, subprime q: BigUInt, generator g: BigUInt,
                             privateKey x: BigUInt, publicKey y: BigUInt?) -> KeyInfo {
        var info = KeyInfo(algorithm: "dsa", bits: p.bitWidth, validated: false)
        let one = BigUInt(1)
        guard p.bitWidth <= maxPrimeBits, q.bitWidth <= maxSubprimeBits,
              p > 3, q > one, g > one, g < p, !x.isZero, x < q,
              (p - one) % q == 0 else {
            if let y { describe(&info, p: p, q: q, g: g, y: y) }
            return info
        }
        let derived = g.power(x, modulus: p)
        describe(&info, p: p, q: q, g: g, y: derived)
        info.validated = g.power(q, modulus: p) == one && (y.map { $0 == derived } ?? true)
        return info
    }

    /// The KeyInfo of a DSA public key alone, not validated.
    static func describe(prime p: BigUInt, subprime q: BigUInt, generator g: BigUInt, publicKey y: BigUInt) -> KeyInfo {
        var info = KeyInfo(algorithm: "dsa", bits: p.bitWidth, validated: false)
        describe(&info, p: p, q: q, g: g, y: y)
        return info
    }

    private static func describe(_ info: inout KeyInfo, p: BigUInt, q: BigUInt, g: BigUInt, y: BigUInt) {
        let spki = SubjectPublicKeyInfo.dsa(p: [UInt8](p.serialize()), q: [UInt8](q.serialize()),
                                            g: [UInt8](g.serialize()), y: [UInt8](y.serialize()))
        info.publicKeySHA256 = SubjectPublicKeyInfo.sha256Hex(spki)
    }
}

import BigInt
import Foundation

/// Checks that RSA components belong together and describes the public key they imply.
///
/// A structure that merely looks like an RSA key (random bytes behind a plausible DER header, a
/// corrupted copy) fails these checks; only a key whose math holds is reported as validated.
public enum RSAKeyMath {
    /// Largest modulus checked, in bits: bounds the cost of the arithmetic on hostile input
    /// (real keys stop at 16384 bits).
    static let maxModulusBits = 16384

    /// `validated` is true when every relation the given components allow holds, and at least one
    /// was checkable:
    /// - p·q = n (when p and q are given);
    /// - d·e ≡ 1 (mod λ(n)), λ = lcm(p−1, q−1) (when d, p and q are given); with d but no primes,
    ///   2^(d·e) ≡ 2 (mod n) instead;
    /// - dP·e ≡ 1 (mod p−1), dQ·e ≡ 1 (mod q−1), qInv·q ≡ 1 (mod p) for whichever CRT values are given.
    ///
    /// `bits`, `publicKeySHA256` (SHA-256 of the DER SubjectPublicKeyInfo) and `jwkThumbprint`
    /// describe n and e whether or not the key validated.
    public static func check(modulus n: BigUInt, publicExponent e: BigUInt,
                             prime1 p: BigUInt?, prime2 q: BigUInt?, privateExponent d: BigUInt?,
                             exponent1 dP: BigUInt? = nil, exponent2 dQ: BigUInt? = nil,
                             coefficient qInv: BigUInt? = nil) -> KeyInfo {
        let modulusBytes = [UInt8](n.serialize())
        let exponentBytes = [UInt8](e.serialize())
        let spki = SubjectPublicKeyInfo.rsa(modulus: modulusBytes, publicExponent: exponentBytes)
        var info = KeyInfo(algorithm: "rsa", bits: n.bitWidth, validated: false,
                           publicKeySHA256: SubjectPublicKeyInfo.sha256Hex(spki),
                           jwkThumbprint: JWKThumbprint.rsa(modulus: modulusBytes, publicExponent: exponentBytes))
        info.validated = relationsHold(n: n, e: e, p: p, q: q, d: d, dP: dP, dQ: dQ, qInv: qInv)
        return info
    }

    private static func relationsHold(n: BigUInt, e: BigUInt, p: BigUInt?, q: BigUInt?, d: BigUInt?,
                                      dP: BigUInt?, dQ: BigUInt?, qInv: BigUInt?) -> Bool {
        let one = BigUInt(1)
        guard n.bitWidth <= maxModulusBits, n > 3, n[bitAt: 0], e >= 3, e[bitAt: 0], e < n else { return false }
        // Every private component is smaller than n; a larger one is not part of this key and
        // would only make the arithmetic below expensive.
        for component in [p, q, d, dP, dQ, qInv] {
            if let component, component >= n { return false }
        }
        var checked = false
        if let p, let q {
            guard p > one, q > one, p * q == n else { return false }
            checked = true
            let pMinus = p - one
            let qMinus = q - one
            if let d {
                let lambda = pMinus / pMinus.greatestCommonDivisor(with: qMinus) * qMinus
                guard (d * e) % lambda == one else { return false }
            }
            if let dP {
                guard pMinus > one, (dP * e) % pMinus == one else { return false }
            }
            if let dQ {
                guard qMinus > one, (dQ * e) % qMinus == one else { return false }
            }
            if let qInv {
                guard (qInv * q) % p == one else { return false }
            }
        } else if let d {
            // Without the primes λ is unknown; an RSA round trip on 2 checks d against e and n.
            let two = BigUInt(2)
            guard two.power(d, modulus: n).power(e, modulus: n) == two else { return false }
            checked = true
        }
        return checked
    }
}

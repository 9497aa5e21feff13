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
    ///
    /// Multi-prime keys (PKCS#1 version 1) pass their third and later primes as `otherPrimes`:
    /// then the product of all primes must be n, λ is the lcm over every prime minus one, and each
    /// prime's CRT exponent and coefficient (the inverse of the product of the primes before it)
    /// must hold too.
    public static func check(modulus n: BigUInt, publicExponent e: BigUInt,
                             prime1 p: BigUInt?, prime2 q: BigUInt?, privateExponent d: BigUInt?,
                             exponent1 dP: BigUInt? = nil, exponent2 dQ: BigUInt? = nil,
                             coefficient qInv: BigUInt? = nil, otherPrimes: [OtherPrime] = []) -> KeyInfo {
        let modulusBytes = [UInt8](n.serialize())
        let exponentBytes = [UInt8](e.serialize())
        let spki = SubjectPublicKeyInfo.rsa(modulus: modulusBytes, publicExponent: exponentBytes)
        var info = KeyInfo(algorithm: "rsa", bits: n.bitWidth, validated: false,
                           publicKeySHA256: SubjectPublicKeyInfo.sha256Hex(spki),
                           jwkThumbprint: JWKThumbprint.rsa(modulus: modulusBytes, publicExponent: exponentBytes))
        if otherPrimes.isEmpty {
            info.validated = relationsHold(n: n, e: e, p: p, q: q, d: d, dP: dP, dQ: dQ, qInv: qInv)
        } else if let p, let q, let d {
            info.validated = multiPrimeRelationsHold(n: n, e: e, p: p, q: q, d: d, others: otherPrimes)
                && relationsHold(n: p * q, e: e, p: p, q: q, d: nil, dP: dP, dQ: dQ, qInv: qInv)
        }
        return info
    }

    /// One entry of a multi-prime key's OtherPrimeInfos.
    public struct OtherPrime: Sendable {
        public var prime: BigUInt
        public var exponent: BigUInt
        public var coefficient: BigUInt

        public init(prime: BigUInt, exponent: BigUInt, coefficient: BigUInt) {
            self.prime = prime
            self.exponent = exponent
            self.coefficient = coefficient
        }
    }

    /// Most additional primes read (OpenSSL makes at most 5 primes in all; RFC 8017 sets no limit,
    /// so this bounds the work on hostile input).
    static let maxOtherPrimes = 14

    private static func multiPrimeRelationsHold(n: BigUInt, e: BigUInt, p: BigUInt, q: BigUInt, d: BigUInt,
                                                others: [OtherPrime]) -> Bool {
        let one = BigUInt(1)
        guard n.bitWidth <= maxModulusBits, n > 3, n[bitAt: 0], e >= 3, e[bitAt: 0], e < n, d < n,
              others.count <= maxOtherPrimes else { return false }
        let primes = [p, q] + others.map(\.prime)
        guard primes.allSatisfy({ $0 > one && $0 < n }) else { return false }
        var product = one
        for prime in primes {
            product *= prime
            guard product <= n else { return false }
        }
        guard product == n else { return false }
        var lambda = one
        for prime in primes {
            let pMinus = prime - one
            lambda = lambda / lambda.greatestCommonDivisor(with: pMinus) * pMinus
        }
        guard (d * e) % lambda == one else { return false }
        var preceding = p * q
        for other in others {
            let rMinus = other.prime - one
            guard rMinus > one, (other.exponent * e) % rMinus == one,
                  (other.coefficient * preceding) % other.prime == one else { return false }
            preceding *= other.prime
        }
        return true
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

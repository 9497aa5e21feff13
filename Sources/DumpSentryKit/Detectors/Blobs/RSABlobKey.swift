import BigInt

/// The RSA components one key blob carries (big-endian, minimal), checked with `RSAKeyMath` and
/// turned into a structure for the blob's rule.
struct RSABlobKey {
    var modulus: [UInt8]
    var publicExponent: [UInt8]
    var prime1: [UInt8]
    var prime2: [UInt8]
    var exponent1: [UInt8]?
    var exponent2: [UInt8]?
    var coefficient: [UInt8]?
    /// Absent from CNG `BCRYPT_RSAPRIVATE_BLOB`, which carries only the primes.
    var privateExponent: [UInt8]?

    /// `range` is the whole blob (scrub overwrites it). The secret is d, as for the DER and
    /// OpenSSH detectors, so the same key in several forms has one fingerprint; a blob without d
    /// gets d = e⁻¹ mod λ(n) when its primes check out, else the primes themselves.
    func structure(ruleID: String, range: Range<Int>) -> DetectedStructure {
        let n = BlobReader.integer(modulus)
        let e = BlobReader.integer(publicExponent)
        let p = BlobReader.integer(prime1)
        let q = BlobReader.integer(prime2)
        let d = privateExponent.map(BlobReader.integer)
        let key = RSAKeyMath.check(modulus: n, publicExponent: e, prime1: p, prime2: q, privateExponent: d,
                                   exponent1: exponent1.map(BlobReader.integer),
                                   exponent2: exponent2.map(BlobReader.integer),
                                   coefficient: coefficient.map(BlobReader.integer))
        var secret = privateExponent ?? (prime1 + prime2)
        if privateExponent == nil, key.validated, let derived = Self.privateExponent(e: e, p: p, q: q) {
            secret = derived
        }
        return DetectedStructure(ruleID: ruleID, range: range, confidence: key.validated ? .high : .low,
                                 key: key, secret: secret)
    }

    /// d = e⁻¹ mod lcm(p−1, q−1), big-endian minimal; nil if e is not invertible. Only called once
    /// p·q = n has been checked, so the operands are bounded by RSAKeyMath's modulus limit.
    static func privateExponent(e: BigUInt, p: BigUInt, q: BigUInt) -> [UInt8]? {
        let one = BigUInt(1)
        guard p > one, q > one else { return nil }
        let pMinus = p - one
        let qMinus = q - one
        let lambda = pMinus / pMinus.greatestCommonDivisor(with: qMinus) * qMinus
        guard lambda > one, let d = e.inverse(lambda) else { return nil }
        return [UInt8](d.serialize())
    }
}

/// A private key one of the DER parsers recognised: where it lies, what it is, and the bytes that
/// identify it.
struct ParsedPrivateKey {
    enum Format {
        case pkcs1, pkcs8, sec1
    }

    var format: Format
    /// Span of the whole structure in the parsed buffer.
    var range: Range<Int>
    var key: KeyInfo
    /// The private component (RSA d, EC scalar, Ed25519 seed, DSA x), for the fingerprint.
    var secret: [UInt8]
    /// The key parsed completely but could not be checked (secp256k1, an unknown curve): neither
    /// validated nor failed.
    var unchecked = false

    /// High for a validated key, medium for one that could not be checked, low for one whose
    /// math failed (a corrupted copy, or random bytes behind a plausible header).
    var confidence: Confidence {
        if key.validated { return .high }
        return unchecked ? .medium : .low
    }

    func structure(ruleID: String) -> DetectedStructure {
        DetectedStructure(ruleID: ruleID, range: range, confidence: confidence, key: key, secret: secret)
    }
}

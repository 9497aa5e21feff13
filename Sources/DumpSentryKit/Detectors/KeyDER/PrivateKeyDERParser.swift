import BigInt
import Foundation

/// Parses the DER private-key structures (PKCS#1 RSAPrivateKey, SEC1 ECPrivateKey, PKCS#8
/// PrivateKeyInfo/OneAsymmetricKey) at a given offset of hostile bytes, and checks their math.
///
/// A parser returns nil when the bytes are not that structure (wrong tags, lengths that run past
/// the buffer, trailing garbage inside it); a structure that parses but whose math fails is
/// returned with `validated: false`.
enum PrivateKeyDERParser {
    /// Largest key structure parsed: a 16384-bit RSA key in PKCS#8 is about 9.5 KiB.
    static let maxLength = 12 * 1024

    /// Tries PKCS#8, then PKCS#1, then SEC1 at `start`.
    static func anyFormat(_ bytes: UnsafeRawBufferPointer, at start: Int) -> ParsedPrivateKey? {
        pkcs8(bytes, at: start) ?? pkcs1(bytes, at: start) ?? sec1(bytes, at: start, curve: nil)
    }

    // MARK: PKCS#1

    /// RSAPrivateKey ::= SEQUENCE { version 0, n, e, d, p, q, dP, dQ, qInv }.
    static func pkcs1(_ bytes: UnsafeRawBufferPointer, at start: Int) -> ParsedPrivateKey? {
        guard let (sequence, reader) = outerSequence(bytes, at: start) else { return nil }
        var fields = reader
        guard let version = fields.readSmallInteger(), version <= 1,
              let n = fields.readUnsignedInteger(), n.count >= 64,
              let e = fields.readUnsignedInteger(), e.count <= n.count,
              let d = fields.readUnsignedInteger(), d.count <= n.count,
              let p = fields.readUnsignedInteger(), p.count <= n.count,
              let q = fields.readUnsignedInteger(), q.count <= n.count,
              let dP = fields.readUnsignedInteger(), dP.count <= n.count,
              let dQ = fields.readUnsignedInteger(), dQ.count <= n.count,
              let qInv = fields.readUnsignedInteger(), qInv.count <= n.count else { return nil }
        // Version 1 (RFC 8017 A.1.2): OtherPrimeInfos ::= SEQUENCE OF { prime, exponent, coefficient }.
        var others: [RSAKeyMath.OtherPrime] = []
        if version == 1 {
            guard let list = fields.read(tag: 0x30), var infos = fields.children(of: list) else { return nil }
            while !infos.isAtEnd {
                guard others.count < RSAKeyMath.maxOtherPrimes, let info = infos.read(tag: 0x30), var parts = infos.children(of: info),
                      let prime = parts.readUnsignedInteger(), prime.count <= n.count,
                      let exponent = parts.readUnsignedInteger(), exponent.count <= n.count,
                      let coefficient = parts.readUnsignedInteger(), coefficient.count <= n.count,
                      parts.isAtEnd else { return nil }
                others.append(RSAKeyMath.OtherPrime(prime: big(prime), exponent: big(exponent), coefficient: big(coefficient)))
            }
            guard !others.isEmpty else { return nil }
        }
        guard fields.isAtEnd else { return nil }
        let key = RSAKeyMath.check(modulus: big(n), publicExponent: big(e), prime1: big(p), prime2: big(q),
                                   privateExponent: big(d), exponent1: big(dP), exponent2: big(dQ), coefficient: big(qInv),
                                   otherPrimes: others)
        return ParsedPrivateKey(format: .pkcs1, range: sequence.range, key: key, secret: d)
    }

    // MARK: SEC1

    /// ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters OPTIONAL,
    /// [1] publicKey BIT STRING OPTIONAL }. `curve` comes from an enclosing PKCS#8 header.
    static func sec1(_ bytes: UnsafeRawBufferPointer, at start: Int, curve outerCurve: ECCurve?) -> ParsedPrivateKey? {
        guard let (sequence, reader) = outerSequence(bytes, at: start) else { return nil }
        var fields = reader
        guard fields.readSmallInteger() == 1,
              let scalarElement = fields.read(tag: 0x04),
              (1...66).contains(scalarElement.contentRange.count) else { return nil }
        let scalar = fields.content(scalarElement)
        var curveOID: [UInt8]?
        if let parameters = fields.read(tag: 0xa0) {
            guard var inner = fields.children(of: parameters), let oid = inner.read(tag: 0x06), inner.isAtEnd else { return nil }
            curveOID = inner.content(oid)
        }
        var point: [UInt8]?
        if let publicKey = fields.read(tag: 0xa1) {
            guard var inner = fields.children(of: publicKey), let bits = inner.read(tag: 0x03), inner.isAtEnd else { return nil }
            let content = inner.content(bits)
            guard content.first == 0, content.count >= 2 else { return nil }
            point = Array(content.dropFirst())
        }
        guard fields.isAtEnd else { return nil }

        var curve = outerCurve
        var unknownCurve = false
        if let curveOID {
            if let named = ECCurve(oid: curveOID), named.isWeierstrass { curve = named } else { unknownCurve = true }
        }
        if curve == nil, !unknownCurve { curve = inferredCurve(scalarLength: scalar.count, point: point) }
        guard let curve, !unknownCurve else {
            // A named curve DumpSentry has no arithmetic for (brainpool, …): a complete key, unchecked.
            var parsed = ParsedPrivateKey(format: .sec1, range: sequence.range,
                                          key: KeyInfo(algorithm: "ec", validated: false), secret: scalar)
            parsed.unchecked = true
            return parsed
        }
        var parsed = ParsedPrivateKey(format: .sec1, range: sequence.range,
                                      key: ECKeyMath.check(curve: curve.rawValue, privateScalar: scalar, publicPoint: point),
                                      secret: ECKeyMath.normalizedScalar(scalar, curveName: curve.rawValue))
        parsed.unchecked = curve == .secp256k1
        return parsed
    }

    /// Without parameters the scalar's size (or the point's) names the curve; 32 bytes is taken
    /// as P-256, the far more common of the two 256-bit curves.
    private static func inferredCurve(scalarLength: Int, point: [UInt8]?) -> ECCurve? {
        if let point, point.first == 0x04 {
            switch point.count {
            case 65: return .p256
            case 97: return .p384
            case 133: return .p521
            default: return nil
            }
        }
        switch scalarLength {
        case 1...32: return .p256
        case 33...48: return .p384
        case 49...66: return .p521
        default: return nil
        }
    }

    // MARK: PKCS#8

    /// The privateKey OCTET STRING content of a PKCS#8 structure at `start`, checking only the
    /// envelope (no math): lets the PKCS#1 and SEC1 detectors leave a wrapped key to PKCS#8.
    static func pkcs8PrivateKeyRange(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Range<Int>? {
        envelope(bytes, at: start)?.privateKey.contentRange
    }

    /// True when the structure at `innerStart` is the privateKey of a PKCS#8 envelope that starts
    /// at most 48 bytes before it (the PKCS#8 detector reports that one).
    static func isWrappedInPKCS8(_ bytes: UnsafeRawBufferPointer, innerStart: Int) -> Bool {
        guard innerStart >= 6, innerStart <= bytes.count else { return false }
        for candidate in stride(from: innerStart - 6, through: max(0, innerStart - 48), by: -1) where bytes[candidate] == 0x30 {
            if pkcs8PrivateKeyRange(bytes, at: candidate)?.lowerBound == innerStart { return true }
        }
        return false
    }

    /// The start of a SEQUENCE whose content begins exactly at `contentStart`: the header is 2 to
    /// 5 bytes long, so at most four candidates are tried.
    static func sequenceStart(_ bytes: UnsafeRawBufferPointer, contentStart: Int) -> [Int] {
        var starts: [Int] = []
        for headerLength in 2...5 {
            let start = contentStart - headerLength
            guard start >= 0, contentStart <= bytes.count, bytes[start] == 0x30 else { continue }
            let reader = DERReader(bytes, range: start..<min(bytes.count, start + maxLength + 5))
            if reader.peek()?.contentRange.lowerBound == contentStart { starts.append(start) }
        }
        return starts
    }

    /// PrivateKeyInfo / OneAsymmetricKey ::= SEQUENCE { version 0|1, AlgorithmIdentifier,
    /// privateKey OCTET STRING, [0] attributes OPTIONAL, [1] publicKey OPTIONAL }.
    static func pkcs8(_ bytes: UnsafeRawBufferPointer, at start: Int) -> ParsedPrivateKey? {
        guard let envelope = envelope(bytes, at: start) else { return nil }
        let inner = envelope.privateKey.contentRange
        var parsed: ParsedPrivateKey?
        if envelope.reader.content(envelope.algorithm, equals: SubjectPublicKeyInfo.rsaEncryptionOID) {
            parsed = pkcs1(bytes, at: inner.lowerBound)
        } else if envelope.reader.content(envelope.algorithm, equals: SubjectPublicKeyInfo.ecPublicKeyOID) {
            guard var parameters = envelope.parameters, let oid = parameters.read(tag: 0x06) else { return nil }
            let named = ECCurve(oid: parameters.content(oid))
            if let named, !named.isWeierstrass { return nil }
            parsed = sec1(bytes, at: inner.lowerBound, curve: named)
            if named == nil, parsed != nil {
                parsed?.key = KeyInfo(algorithm: "ec", validated: false)
                parsed?.unchecked = true
            }
        } else if envelope.reader.content(envelope.algorithm, equals: SubjectPublicKeyInfo.dsaOID) {
            guard let parameters = envelope.parameters else { return nil }
            parsed = dsa(bytes, privateKey: inner, parameters: parameters)
        } else {
            let curve = ECCurve(oid: envelope.reader.content(envelope.algorithm))
            guard let curve, !curve.isWeierstrass else { return nil }
            parsed = edwardsOrMontgomery(bytes, curve: curve, privateKey: inner, publicKey: envelope.publicKey)
        }
        guard var parsed, parsed.range == inner else { return nil }
        parsed.format = .pkcs8
        parsed.range = envelope.range
        return parsed
    }

    private struct Envelope {
        var range: Range<Int>
        var reader: DERReader
        var algorithm: DERReader.Element
        var parameters: DERReader?
        var privateKey: DERReader.Element
        var publicKey: [UInt8]?
    }

    private static func envelope(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Envelope? {
        guard let (sequence, reader) = outerSequence(bytes, at: start) else { return nil }
        var fields = reader
        guard let version = fields.readSmallInteger(), version <= 1,
              let algorithmIdentifier = fields.read(tag: 0x30),
              var algorithmFields = fields.children(of: algorithmIdentifier),
              let algorithm = algorithmFields.read(tag: 0x06),
              let privateKey = fields.read(tag: 0x04) else { return nil }
        var parameters: DERReader?
        if let element = algorithmFields.peek(), element.tag != 0x05 {
            _ = algorithmFields.read()
            // Parameters are a single element (OID or SEQUENCE); read through it.
            parameters = element.tag == 0x06 ? DERReader(bytes, range: element.range) : algorithmFields.children(of: element)
        } else {
            _ = algorithmFields.read(tag: 0x05)
        }
        guard algorithmFields.isAtEnd else { return nil }
        _ = fields.read(tag: 0xa0)
        var publicKey: [UInt8]?
        if let element = fields.read(tag: 0x81) {
            let content = fields.content(element)
            guard content.first == 0 else { return nil }
            publicKey = Array(content.dropFirst())
        }
        guard fields.isAtEnd else { return nil }
        return Envelope(range: sequence.range, reader: reader, algorithm: algorithm,
                        parameters: parameters, privateKey: privateKey, publicKey: publicKey)
    }

    /// Ed25519/X25519 (RFC 8410): the privateKey OCTET STRING wraps CurvePrivateKey, itself an
    /// OCTET STRING of 32 bytes.
    private static func edwardsOrMontgomery(_ bytes: UnsafeRawBufferPointer, curve: ECCurve,
                                            privateKey: Range<Int>, publicKey: [UInt8]?) -> ParsedPrivateKey? {
        var reader = DERReader(bytes, range: privateKey)
        guard let element = reader.read(tag: 0x04), element.contentRange.count == 32, reader.isAtEnd else { return nil }
        let seed = reader.content(element)
        let key = ECKeyMath.check(curve: curve.rawValue, privateScalar: seed, publicPoint: publicKey)
        return ParsedPrivateKey(format: .pkcs8, range: privateKey, key: key, secret: seed)
    }

    /// DSA: parameters are Dss-Parms { p, q, g }; the privateKey OCTET STRING wraps INTEGER x.
    private static func dsa(_ bytes: UnsafeRawBufferPointer, privateKey: Range<Int>, parameters: DERReader) -> ParsedPrivateKey? {
        var fields = parameters
        guard let p = fields.readUnsignedInteger(), p.count >= 64,
              let q = fields.readUnsignedInteger(), q.count <= p.count,
              let g = fields.readUnsignedInteger(), g.count <= p.count, fields.isAtEnd else { return nil }
        var reader = DERReader(bytes, range: privateKey)
        guard let x = reader.readUnsignedInteger(), x.count <= q.count, reader.isAtEnd else { return nil }
        let key = DSAKeyMath.check(prime: big(p), subprime: big(q), generator: big(g), privateKey: big(x), publicKey: nil)
        return ParsedPrivateKey(format: .pkcs8, range: privateKey, key: key, secret: x)
    }

    // MARK: Shared

    /// The SEQUENCE at `start` and a reader over its content; nil unless it fits in the buffer
    /// and in `maxLength`.
    private static func outerSequence(_ bytes: UnsafeRawBufferPointer, at start: Int) -> (DERReader.Element, DERReader)? {
        guard start >= 0, start < bytes.count else { return nil }
        let end = start + min(bytes.count - start, maxLength)
        var reader = DERReader(bytes, range: start..<end)
        guard let sequence = reader.read(tag: 0x30), let content = reader.children(of: sequence) else { return nil }
        return (sequence, content)
    }

    private static func big(_ bytes: [UInt8]) -> BigUInt { BigUInt(Data(bytes)) }
}

import BigInt
import Foundation

/// Finds OpenSSH private keys in their binary `openssh-key-v1` form (the bytes inside
/// `-----BEGIN OPENSSH PRIVATE KEY-----`, as ssh-keygen and ssh-add hold them in memory).
///
/// An unencrypted key (`key.openssh-v1`) is checked like its DER counterparts; an encrypted one
/// (`key.openssh-v1-encrypted`) is described from its public key, which is stored in clear.
public struct OpenSSHKeyDetector: BinaryDetector {
    public static let ruleID = "key.openssh-v1"
    public static let encryptedRuleID = "key.openssh-v1-encrypted"

    static let anchorTable = [FixedLengthAnchor(#"openssh-key-v1\x00"#)]

    /// Largest key file reported (a 16384-bit RSA key is about 9 KiB).
    static let maxLength = 16 * 1024
    /// Longest mpint accepted: a 16384-bit number.
    private static let maxNumberLength = 2049

    public init() {}

    public var rules: [DetectorRule] {
        let references = ["https://cvsweb.openbsd.org/src/usr.bin/ssh/PROTOCOL.key?annotate=HEAD"]
        return [
            DetectorRule(id: Self.ruleID, name: "OpenSSH private key (openssh-key-v1)", severity: .critical, references: references),
            DetectorRule(id: Self.encryptedRuleID, name: "Encrypted OpenSSH private key (openssh-key-v1)", severity: .medium, references: references),
        ]
    }

    public var anchors: [DetectorAnchor] { Self.anchorTable.map(\.detectorAnchor) }

    public var maxStructureLength: Int { Self.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        guard start >= 0 else { return [] }
        var reader = SSHWireReader(bytes, range: anchorEnd..<min(bytes.count, start + Self.maxLength))
        guard let cipher = reader.string(maxLength: 64), let kdf = reader.string(maxLength: 64),
              reader.stringRange(maxLength: 1024) != nil,
              reader.uint32() == 1,
              let publicBlob = reader.stringRange(maxLength: 4096),
              let privateSection = reader.stringRange(maxLength: Self.maxLength) else { return [] }
        let range = start..<privateSection.upperBound
        var publicReader = SSHWireReader(bytes, range: publicBlob)
        let publicKey = describePublicKey(&publicReader)

        if cipher == Array("none".utf8) {
            guard kdf == Array("none".utf8) else { return [] }
            return unencrypted(bytes, privateSection: privateSection, range: range, publicKey: publicKey)
        }
        // The private section is ciphertext: whole cipher blocks (8 or 16 bytes), or a damaged copy.
        let confidence: Confidence = publicKey != nil && privateSection.count % 8 == 0 && !privateSection.isEmpty ? .high : .low
        return [DetectedStructure(ruleID: Self.encryptedRuleID, range: range, confidence: confidence,
                                  key: publicKey, secret: Array(bytes[range]))]
    }

    /// uint32 check1, uint32 check2 (equal when the section was decrypted correctly), then the
    /// key: string keytype and its private fields, string comment, padding.
    private func unencrypted(_ bytes: UnsafeRawBufferPointer, privateSection: Range<Int>, range: Range<Int>,
                             publicKey: KeyInfo?) -> [DetectedStructure] {
        var reader = SSHWireReader(bytes, range: privateSection)
        guard let check1 = reader.uint32(), let check2 = reader.uint32(),
              let keyType = reader.string(maxLength: 64) else { return [] }
        let size = Self.maxNumberLength
        var key: KeyInfo
        var secret: [UInt8]
        switch String(decoding: keyType, as: UTF8.self) {
        case "ssh-rsa":
            guard let n = reader.unsignedMPInt(maxLength: size), let e = reader.unsignedMPInt(maxLength: size),
                  let d = reader.unsignedMPInt(maxLength: size), let qInv = reader.unsignedMPInt(maxLength: size),
                  let p = reader.unsignedMPInt(maxLength: size), let q = reader.unsignedMPInt(maxLength: size),
                  n.count >= 64, [e, d, qInv, p, q].allSatisfy({ $0.count <= n.count }) else { return [] }
            key = RSAKeyMath.check(modulus: big(n), publicExponent: big(e), prime1: big(p), prime2: big(q),
                                   privateExponent: big(d), coefficient: big(qInv))
            secret = d
        case "ssh-ed25519":
            // The private string is seed ‖ public key.
            guard let publicPart = reader.string(maxLength: 32), publicPart.count == 32,
                  let privatePart = reader.string(maxLength: 64), privatePart.count == 64 else { return [] }
            let seed = Array(privatePart.prefix(32))
            key = ECKeyMath.check(curve: ECCurve.ed25519.rawValue, privateScalar: seed, publicPoint: publicPart)
            key.validated = key.validated && Array(privatePart.suffix(32)) == publicPart
            secret = seed
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            guard let curveName = reader.string(maxLength: 16), let point = reader.string(maxLength: 133),
                  let scalar = reader.unsignedMPInt(maxLength: 67) else { return [] }
            let name = String(decoding: curveName, as: UTF8.self)
            key = ECKeyMath.check(curve: name, privateScalar: scalar, publicPoint: point)
            secret = ECKeyMath.normalizedScalar(scalar, curveName: name)
        case "ssh-dss":
            guard let p = reader.unsignedMPInt(maxLength: size), let q = reader.unsignedMPInt(maxLength: size),
                  let g = reader.unsignedMPInt(maxLength: size), let y = reader.unsignedMPInt(maxLength: size),
                  let x = reader.unsignedMPInt(maxLength: size) else { return [] }
            key = DSAKeyMath.check(prime: big(p), subprime: big(q), generator: big(g), privateKey: big(x), publicKey: big(y))
            secret = x
        default:
            // A key type DumpSentry cannot check (certificates, sk- keys): report the container.
            key = publicKey ?? KeyInfo(algorithm: printable(keyType), validated: false)
            key.validated = false
            return [DetectedStructure(ruleID: Self.ruleID, range: range, confidence: .medium, key: key,
                                      secret: Array(bytes[privateSection]))]
        }
        // Matching check words and the clear public key agreeing are part of the key's math here.
        if check1 != check2 || (publicKey?.publicKeySHA256 != nil && publicKey?.publicKeySHA256 != key.publicKeySHA256) {
            key.validated = false
        }
        return [DetectedStructure(ruleID: Self.ruleID, range: range, confidence: key.validated ? .high : .low,
                                  key: key, secret: secret)]
    }

    /// The KeyInfo of the public key blob (string keytype, then its public fields), not validated.
    private func describePublicKey(_ reader: inout SSHWireReader) -> KeyInfo? {
        guard let keyType = reader.string(maxLength: 64) else { return nil }
        let size = Self.maxNumberLength
        switch String(decoding: keyType, as: UTF8.self) {
        case "ssh-rsa":
            guard let e = reader.unsignedMPInt(maxLength: size), let n = reader.unsignedMPInt(maxLength: size),
                  n.count >= 64, e.count <= n.count else { return nil }
            return RSAKeyMath.check(modulus: big(n), publicExponent: big(e), prime1: nil, prime2: nil, privateExponent: nil)
        case "ssh-ed25519":
            guard let point = reader.string(maxLength: 32) else { return nil }
            return ECKeyMath.describe(.ed25519, publicKey: point)
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            guard let name = reader.string(maxLength: 16), let curve = ECCurve(name: String(decoding: name, as: UTF8.self)),
                  let point = reader.string(maxLength: 133) else { return nil }
            return ECKeyMath.describe(curve, publicKey: point)
        case "ssh-dss":
            guard let p = reader.unsignedMPInt(maxLength: size), let q = reader.unsignedMPInt(maxLength: size),
                  let g = reader.unsignedMPInt(maxLength: size), let y = reader.unsignedMPInt(maxLength: size) else { return nil }
            return DSAKeyMath.describe(prime: big(p), subprime: big(q), generator: big(g), publicKey: big(y))
        default:
            return KeyInfo(algorithm: printable(keyType), validated: false)
        }
    }

    /// A key type name from the file, cut to printable ASCII for the report.
    private func printable(_ name: [UInt8]) -> String {
        String(decoding: name.prefix(32).filter { (0x21...0x7e).contains($0) }, as: UTF8.self)
    }

    private func big(_ bytes: [UInt8]) -> BigUInt { BigUInt(Data(bytes)) }
}

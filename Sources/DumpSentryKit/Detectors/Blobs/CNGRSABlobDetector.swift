/// Finds Windows CNG RSA private key blobs (`BCRYPT_RSAPRIVATE_BLOB`, magic `RSA2`, and
/// `BCRYPT_RSAFULLPRIVATE_BLOB`, magic `RSA3`), as `BCryptExportKey`/`NCryptExportKey` write
/// them and as they sit in the memory of processes that import or export keys, under
/// `key.cng-rsa`; checks p·q = n (and d·e ≡ 1 mod λ for `RSA3`).
///
/// Layout: `BCRYPT_RSAKEY_BLOB { Magic, BitLength, cbPublicExp, cbModulus, cbPrime1, cbPrime2 }`
/// (little-endian words), then big-endian PublicExponent, Modulus, Prime1, Prime2 and, for
/// `RSA3`, Exponent1, Exponent2, Coefficient, PrivateExponent.
public struct CNGRSABlobDetector: BinaryDetector {
    public static let ruleID = "key.cng-rsa"

    static let privateMagic: UInt32 = 0x3241_5352      // "RSA2"
    static let fullPrivateMagic: UInt32 = 0x3341_5352  // "RSA3"
    static let bitLengths = 512...16384

    /// The whole 24-byte header: magic, BitLength 512–16639, cbPublicExp 1–8, cbModulus and the
    /// prime sizes below 0x800 and 0x500 bytes. `RSA2` alone is common in random and text data.
    static let anchorTable = [
        FixedLengthAnchor(#"\x52\x53\x41[\x32\x33][\x00-\xff][\x02-\x40]\x00\x00[\x01-\x08]\x00\x00\x00"#
            + #"[\x00-\xff][\x00-\x08]\x00\x00[\x00-\xff][\x00-\x04]\x00\x00[\x00-\xff][\x00-\x04]\x00\x00"#),
    ]

    public init() {}

    public var rules: [DetectorRule] {
        [DetectorRule(id: Self.ruleID, name: "RSA private key (Windows CNG key blob)", severity: .critical,
                      references: ["https://learn.microsoft.com/windows/win32/api/bcrypt/ns-bcrypt-bcrypt_rsakey_blob"])]
    }

    public var anchors: [DetectorAnchor] {
        Self.anchorTable.map { DetectorAnchor(pattern: $0.pattern, note: "blob starts at the match (\($0.length) bytes before its end)") }
    }

    /// The largest blob `parse` accepts: a 16384-bit `RSA3` blob (header, 8-byte exponent,
    /// modulus and d of 2048 bytes, five prime-sized values).
    public var maxStructureLength: Int { 24 + 8 + 2 * 2048 + 5 * Self.largestPrime(modulusSize: 2048) }

    /// Windows generates primes of half the modulus; two bytes of slack allow odd sizes.
    static func largestPrime(modulusSize: Int) -> Int { modulusSize / 2 + 2 }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        return Self.parse(bytes, at: start).map { [$0] } ?? []
    }

    /// The blob at `start`, or nil if the header is implausible or the blob runs past the buffer.
    static func parse(_ bytes: UnsafeRawBufferPointer, at start: Int) -> DetectedStructure? {
        guard var reader = BlobReader(bytes, at: start),
              let magic = reader.uint32(), magic == privateMagic || magic == fullPrivateMagic,
              let bitLength = reader.count32(), bitLengths.contains(bitLength),
              let exponentSize = reader.count32(), (1...8).contains(exponentSize),
              let modulusSize = reader.count32(), modulusSize == (bitLength + 7) / 8,
              let prime1Size = reader.count32(), (1...largestPrime(modulusSize: modulusSize)).contains(prime1Size),
              let prime2Size = reader.count32(), (1...largestPrime(modulusSize: modulusSize)).contains(prime2Size),
              let e = reader.bigEndianInteger(exponentSize),
              let n = reader.bigEndianInteger(modulusSize),
              let p = reader.bigEndianInteger(prime1Size),
              let q = reader.bigEndianInteger(prime2Size) else { return nil }
        var key = RSABlobKey(modulus: n, publicExponent: e, prime1: p, prime2: q)
        if magic == fullPrivateMagic {
            guard let dP = reader.bigEndianInteger(prime1Size),
                  let dQ = reader.bigEndianInteger(prime2Size),
                  let qInv = reader.bigEndianInteger(prime1Size),
                  let d = reader.bigEndianInteger(modulusSize) else { return nil }
            key.exponent1 = dP
            key.exponent2 = dQ
            key.coefficient = qInv
            key.privateExponent = d
        }
        return key.structure(ruleID: ruleID, range: start..<reader.offset)
    }
}

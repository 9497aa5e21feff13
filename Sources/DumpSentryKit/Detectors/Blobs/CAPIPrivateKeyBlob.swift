/// Parses CryptoAPI `PRIVATEKEYBLOB`s (what `CryptExportKey` writes, what PVK files wrap, and
/// what older CSPs keep in memory): a `BLOBHEADER`, then an RSA or DSS private key whose
/// integers are little-endian.
///
/// - RSA (`bVersion` 2, `CALG_RSA_KEYX`/`CALG_RSA_SIGN`): `RSAPUBKEY { magic "RSA2", bitlen,
///   pubexp }`, then modulus (bitlen/8), prime1, prime2, exponent1, exponent2, coefficient
///   (bitlen/16 each) and privateExponent (bitlen/8).
/// - DSS version 2 (`CALG_DSS_SIGN`): `DSSPUBKEY { magic "DSS2", bitlen }`, then p (bitlen/8),
///   q (20), g (bitlen/8), x (20) and a `DSSSEED { counter, seed[20] }`.
/// - DSS version 3: `DSSPRIVKEY_VER3 { magic "DSS4", bitlenP, bitlenQ, bitlenJ, DSSSEED }`, then
///   p, q, g, j, y, x.
enum CAPIPrivateKeyBlob {
    static let privateKeyBlobType: UInt8 = 0x07
    static let rsaKeyExchange: UInt32 = 0x0000_A400  // CALG_RSA_KEYX
    static let rsaSignature: UInt32 = 0x0000_2400    // CALG_RSA_SIGN
    static let dssSignature: UInt32 = 0x0000_2200    // CALG_DSS_SIGN
    static let rsaMagic: UInt32 = 0x3241_5352        // "RSA2"
    static let dssVersion2Magic: UInt32 = 0x3253_5344  // "DSS2"
    static let dssVersion3Magic: UInt32 = 0x3453_5344  // "DSS4"

    static let rsaRuleID = "key.capi-rsa"
    static let dsaRuleID = "key.capi-dsa"

    /// A 16384-bit RSA blob: BLOBHEADER, RSAPUBKEY, 2 · 2048 + 5 · 1024 bytes.
    static let maxLength = 8 + 12 + 2 * 2048 + 5 * 1024

    /// The 8-byte BLOBHEADER of a private key blob, read at the reader's position.
    struct Header {
        var version: UInt8
        var algorithm: UInt32

        var isRSA: Bool { algorithm == CAPIPrivateKeyBlob.rsaKeyExchange || algorithm == CAPIPrivateKeyBlob.rsaSignature }
        var isDSS: Bool { algorithm == CAPIPrivateKeyBlob.dssSignature }
    }

    /// The BLOBHEADER at the reader, if it is a private key blob of a known algorithm.
    static func header(_ reader: inout BlobReader, bytes: UnsafeRawBufferPointer) -> Header? {
        guard let range = reader.skip(4), let algorithm = reader.uint32(),
              bytes[range.lowerBound] == privateKeyBlobType,
              bytes[range.lowerBound + 2] == 0, bytes[range.lowerBound + 3] == 0 else { return nil }
        let header = Header(version: bytes[range.lowerBound + 1], algorithm: algorithm)
        switch (header.version, header.isRSA, header.isDSS) {
        case (2, true, false), (2, false, true), (3, false, true): return header
        default: return nil
        }
    }

    /// The whole blob (BLOBHEADER first) at `start`.
    static func parse(_ bytes: UnsafeRawBufferPointer, at start: Int) -> DetectedStructure? {
        guard var reader = BlobReader(bytes, at: start), let header = header(&reader, bytes: bytes) else { return nil }
        if header.isRSA { return rsa(&reader, start: start) }
        return header.version == 2 ? dssVersion2(&reader, start: start) : dssVersion3(&reader, start: start)
    }

    /// An RSA key from its RSAPUBKEY on, without a BLOBHEADER; the structure starts at `start`.
    static func parseRSAPublicKeyHeaded(_ bytes: UnsafeRawBufferPointer, at start: Int) -> DetectedStructure? {
        guard var reader = BlobReader(bytes, at: start) else { return nil }
        return rsa(&reader, start: start)
    }

    /// True when a BLOBHEADER for RSA lies just before `start` (the blob anchor reports that blob).
    static func hasRSABlobHeader(_ bytes: UnsafeRawBufferPointer, before start: Int) -> Bool {
        guard start >= 8, var reader = BlobReader(bytes, at: start - 8),
              let header = header(&reader, bytes: bytes) else { return false }
        return header.isRSA
    }

    private static func rsa(_ reader: inout BlobReader, start: Int) -> DetectedStructure? {
        guard let magic = reader.uint32(), magic == rsaMagic,
              let bitLength = reader.count32(), (512...16384).contains(bitLength), bitLength % 16 == 0,
              let exponent = reader.uint32(), exponent >= 3 else { return nil }
        let full = bitLength / 8
        let half = bitLength / 16
        guard let n = reader.littleEndianInteger(full),
              let p = reader.littleEndianInteger(half), let q = reader.littleEndianInteger(half),
              let dP = reader.littleEndianInteger(half), let dQ = reader.littleEndianInteger(half),
              let qInv = reader.littleEndianInteger(half),
              let d = reader.littleEndianInteger(full) else { return nil }
        let e = (0..<4).map { UInt8(truncatingIfNeeded: exponent >> (24 - 8 * $0)) }.drop { $0 == 0 }
        let key = RSABlobKey(modulus: n, publicExponent: Array(e), prime1: p, prime2: q,
                             exponent1: dP, exponent2: dQ, coefficient: qInv, privateExponent: d)
        return key.structure(ruleID: rsaRuleID, range: start..<reader.offset)
    }

    private static func dssVersion2(_ reader: inout BlobReader, start: Int) -> DetectedStructure? {
        guard let magic = reader.uint32(), magic == dssVersion2Magic,
              let bitLength = reader.count32(), (512...1024).contains(bitLength), bitLength % 64 == 0,
              let p = reader.littleEndianInteger(bitLength / 8),
              let q = reader.littleEndianInteger(20),
              let g = reader.littleEndianInteger(bitLength / 8),
              let x = reader.littleEndianInteger(20),
              reader.skip(4 + 20) != nil else { return nil }  // DSSSEED
        return dss(p: p, q: q, g: g, x: x, y: nil, range: start..<reader.offset)
    }

    private static func dssVersion3(_ reader: inout BlobReader, start: Int) -> DetectedStructure? {
        guard let magic = reader.uint32(), magic == dssVersion3Magic,
              let bitsP = reader.count32(), (512...4096).contains(bitsP), bitsP % 64 == 0,
              let bitsQ = reader.count32(), (160...512).contains(bitsQ), bitsQ % 8 == 0,
              let bitsJ = reader.count32(), bitsJ <= bitsP,
              reader.skip(4 + 20) != nil,  // DSSSEED
              let p = reader.littleEndianInteger(bitsP / 8),
              let q = reader.littleEndianInteger(bitsQ / 8),
              let g = reader.littleEndianInteger(bitsP / 8),
              reader.skip((bitsJ + 7) / 8) != nil,  // J = (p−1)/q
              let y = reader.littleEndianInteger(bitsP / 8),
              let x = reader.littleEndianInteger(bitsQ / 8) else { return nil }
        return dss(p: p, q: q, g: g, x: x, y: y, range: start..<reader.offset)
    }

    private static func dss(p: [UInt8], q: [UInt8], g: [UInt8], x: [UInt8], y: [UInt8]?, range: Range<Int>) -> DetectedStructure {
        let key = DSAKeyMath.check(prime: BlobReader.integer(p), subprime: BlobReader.integer(q),
                                   generator: BlobReader.integer(g), privateKey: BlobReader.integer(x),
                                   publicKey: y.map(BlobReader.integer))
        return DetectedStructure(ruleID: dsaRuleID, range: range, confidence: key.validated ? .high : .low,
                                 key: key, secret: x)
    }
}

/// Builds CNG, CryptoAPI and PVK key blobs byte by byte from test keys, the way Windows lays
/// them out, so the detectors are tested against the documented formats rather than themselves.
enum BlobTestBuilder {
    static func word(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Big-endian, left-padded to `size`.
    static func big(_ value: [UInt8], _ size: Int) -> [UInt8] {
        precondition(value.count <= size, "test value longer than its field")
        return [UInt8](repeating: 0, count: size - value.count) + value
    }

    /// Little-endian, padded to `size`.
    static func little(_ value: [UInt8], _ size: Int) -> [UInt8] { big(value, size).reversed() }

    // MARK: CNG

    static func cngRSA(_ key: BlobTestKeys.RSA, full: Bool) -> [UInt8] {
        let size = key.bits / 8
        let half = size / 2
        var blob = ascii(full ? "RSA3" : "RSA2") + word(key.bits) + word(3) + word(size) + word(half) + word(half)
        blob += big(key.e, 3) + big(key.n, size) + big(key.p, half) + big(key.q, half)
        if full {
            blob += big(key.dp, half) + big(key.dq, half) + big(key.qinv, half) + big(key.d, size)
        }
        return blob
    }

    static func cngECC(_ key: BlobTestKeys.EC, magic: String) -> [UInt8] {
        ascii(magic) + word(key.size) + big(key.x, key.size) + big(key.y, key.size) + big(key.d, key.size)
    }

    static func cngDSAVersion1(_ key: BlobTestKeys.DSA, random: inout BlobTestRandom) -> [UInt8] {
        let size = key.bits / 8
        return ascii("DSPV") + word(size) + random.bytes(4 + 20) + big(key.q, 20)
            + big(key.p, size) + big(key.g, size) + big(key.y, size) + big(key.x, 20)
    }

    static func cngDSAVersion2(_ key: BlobTestKeys.DSA, random: inout BlobTestRandom) -> [UInt8] {
        let size = key.bits / 8
        let group = key.q.count
        return ascii("DPV2") + word(size) + word(1) + word(1) + word(group) + word(group) + random.bytes(4)
            + random.bytes(group) + big(key.q, group)
            + big(key.p, size) + big(key.g, size) + big(key.y, size) + big(key.x, group)
    }

    // MARK: CryptoAPI

    static let rsaKeyExchange = 0xA400
    static let rsaSignature = 0x2400
    static let dssSignature = 0x2200

    static func blobHeader(version: UInt8, algorithm: Int) -> [UInt8] { [0x07, version, 0, 0] + word(algorithm) }

    /// RSAPUBKEY and the key, without BLOBHEADER.
    static func capiRSABody(_ key: BlobTestKeys.RSA) -> [UInt8] {
        let size = key.bits / 8
        let half = key.bits / 16
        return ascii("RSA2") + word(key.bits) + little(key.e, 4) + little(key.n, size)
            + little(key.p, half) + little(key.q, half) + little(key.dp, half) + little(key.dq, half)
            + little(key.qinv, half) + little(key.d, size)
    }

    static func capiRSA(_ key: BlobTestKeys.RSA, algorithm: Int = rsaKeyExchange) -> [UInt8] {
        blobHeader(version: 2, algorithm: algorithm) + capiRSABody(key)
    }

    static func capiDSSVersion2(_ key: BlobTestKeys.DSA, random: inout BlobTestRandom) -> [UInt8] {
        let size = key.bits / 8
        return blobHeader(version: 2, algorithm: dssSignature) + ascii("DSS2") + word(key.bits)
            + little(key.p, size) + little(key.q, 20) + little(key.g, size) + little(key.x, 20)
            + random.bytes(4 + 20)
    }

    static func capiDSSVersion3(_ key: BlobTestKeys.DSA, random: inout BlobTestRandom) -> [UInt8] {
        let size = key.bits / 8
        let group = key.q.count
        let jBytes = size - group + 1
        return blobHeader(version: 3, algorithm: dssSignature) + ascii("DSS4") + word(key.bits)
            + word(group * 8) + word(jBytes * 8) + random.bytes(4 + 20)
            + little(key.p, size) + little(key.q, group) + little(key.g, size) + random.bytes(jBytes)
            + little(key.y, size) + little(key.x, group)
    }

    // MARK: PVK

    static func pvk(blob: [UInt8], encrypted: Bool, random: inout BlobTestRandom) -> [UInt8] {
        let salt = encrypted ? random.bytes(16) : []
        // An encrypted file keeps the BLOBHEADER in clear; the rest stands in for RC4 output.
        let body = encrypted ? Array(blob.prefix(8)) + random.bytes(blob.count - 8) : blob
        return [0x1e, 0xf1, 0xb5, 0xb0] + word(0) + word(1) + word(encrypted ? 1 : 0)
            + word(salt.count) + word(body.count) + salt + body
    }
}

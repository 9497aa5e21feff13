import Crypto

/// Finds PVK files (the private-key format of `makecert`/`pvk2pfx`, magic 0xB0B5F11E): an
/// unencrypted one, or one encrypted under the empty password, under `key.pvk` (critical, its
/// CryptoAPI blob parsed and checked); any other encrypted one under `key.pvk-encrypted`
/// (medium: RC4 under an unknown password, unchecked).
///
/// Layout: `{ magic, reserved 0, keyType (1 exchange, 2 signature), encrypted (0/1), cbSalt,
/// cbKey }` (little-endian words), the salt, then a CryptoAPI `PRIVATEKEYBLOB` of cbKey bytes
/// whose 8-byte BLOBHEADER stays in clear when the rest is encrypted.
public struct PVKFileDetector: BinaryDetector {
    public static let ruleID = "key.pvk"
    public static let encryptedRuleID = "key.pvk-encrypted"

    static let magic: UInt32 = 0xB0B5_F11E
    static let headerLength = 24
    /// Salts are 16 bytes in practice; the format allows any length.
    static let maxSaltLength = 64

    /// Magic, reserved 0, keyType 1 or 2, encrypted 0 or 1.
    static let anchorTable = [
        FixedLengthAnchor(#"\x1e\xf1\xb5\xb0\x00\x00\x00\x00[\x01\x02]\x00\x00\x00[\x00\x01]\x00\x00\x00"#),
    ]

    public init() {}

    public var rules: [DetectorRule] {
        let references = ["https://learn.microsoft.com/windows-hardware/drivers/devtest/pvk2pfx"]
        return [
            DetectorRule(id: Self.ruleID, name: "Private key file (PVK, unencrypted)", severity: .critical,
                         references: references),
            DetectorRule(id: Self.encryptedRuleID, name: "Private key file (PVK, password-encrypted)",
                         severity: .medium, references: references),
        ]
    }

    public var anchors: [DetectorAnchor] {
        Self.anchorTable.map { DetectorAnchor(pattern: $0.pattern, note: "file starts at the match (\($0.length) bytes before its end)") }
    }

    public var maxStructureLength: Int { Self.headerLength + Self.maxSaltLength + CAPIPrivateKeyBlob.maxLength }

    public func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure] {
        guard Self.anchorTable.indices.contains(anchorIndex) else { return [] }
        let start = anchorEnd - Self.anchorTable[anchorIndex].length
        return Self.parse(bytes, at: start).map { [$0] } ?? []
    }

    /// The PVK header at `start`: where its blob starts, how long it is, and whether it is encrypted.
    struct Header {
        var encrypted: Bool
        var salt: Range<Int>
        var blob: Range<Int>
    }

    static func header(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Header? {
        guard var reader = BlobReader(bytes, at: start),
              reader.uint32() == magic, reader.uint32() == 0,
              let keyType = reader.uint32(), keyType == 1 || keyType == 2,
              let encrypted = reader.uint32(), encrypted <= 1,
              let saltLength = reader.count32(), saltLength <= maxSaltLength,
              let blobLength = reader.count32(), (8...CAPIPrivateKeyBlob.maxLength).contains(blobLength),
              let salt = reader.skip(saltLength), let blob = reader.skip(blobLength) else { return nil }
        return Header(encrypted: encrypted == 1, salt: salt, blob: blob)
    }

    static func parse(_ bytes: UnsafeRawBufferPointer, at start: Int) -> DetectedStructure? {
        guard let header = header(bytes, at: start) else { return nil }
        guard header.encrypted else {
            // The blob must parse and fill exactly the length the header gives it.
            guard var inner = CAPIPrivateKeyBlob.parse(bytes, at: header.blob.lowerBound),
                  inner.range == header.blob else { return nil }
            inner.ruleID = ruleID
            inner.range = start..<header.blob.upperBound
            return inner
        }
        guard var reader = BlobReader(bytes, at: header.blob.lowerBound),
              let blobHeader = CAPIPrivateKeyBlob.header(&reader, bytes: bytes),
              let ciphertext = reader.take(header.blob.count - 8) else { return nil }
        let salt = [UInt8](bytes[header.salt])
        if var opened = openedWithEmptyPassword(salt: salt, blobHeader: [UInt8](bytes[header.blob.prefix(8)]),
                                                ciphertext: ciphertext) {
            opened.range = start..<header.blob.upperBound
            return opened
        }
        let key = KeyInfo(algorithm: blobHeader.isRSA ? "rsa" : "dsa",
                          bits: encryptedKeyBits(blobLength: header.blob.count, header: blobHeader), validated: false)
        // Nothing can be checked under the password: the ciphertext identifies the file.
        return DetectedStructure(ruleID: encryptedRuleID, range: start..<header.blob.upperBound,
                                 confidence: .medium, key: key, secret: ciphertext)
    }

    /// The key of an encrypted PVK whose password is empty, as `key.pvk`; nil if it does not open.
    /// The RC4 key is SHA-1(salt ‖ password), 16 bytes, or its first 5 bytes and 11 zeros for files
    /// written under the old export rules (OpenSSL's `pvkfmt.c` tries both the same way).
    static func openedWithEmptyPassword(salt: [UInt8], blobHeader: [UInt8], ciphertext: [UInt8]) -> DetectedStructure? {
        guard !salt.isEmpty, ciphertext.count >= 4 else { return nil }
        for key in emptyPasswordKeys(salt: salt) {
            var cipher = RC4Cipher(key: key)
            let plain = blobHeader + cipher.apply(ciphertext)
            let found = plain.withUnsafeBytes { CAPIPrivateKeyBlob.parse($0, at: 0) }
            if var found, found.range == 0..<plain.count {
                found.ruleID = ruleID
                return found
            }
        }
        return nil
    }

    /// The RC4 keys of the empty password: strong (16 bytes) and export-weakened (40 bits).
    static func emptyPasswordKeys(salt: [UInt8]) -> [[UInt8]] {
        let digest = [UInt8](Insecure.SHA1.hash(data: salt))
        return [Array(digest.prefix(16)), Array(digest.prefix(5)) + [UInt8](repeating: 0, count: 11)]
    }

    /// The key size implied by the blob length: RSA blobs are 20 + 9·bits/16 bytes, DSS version 2
    /// blobs 80 + bits/4; nil when the length fits neither exactly.
    static func encryptedKeyBits(blobLength: Int, header: CAPIPrivateKeyBlob.Header) -> Int? {
        if header.isRSA {
            let body = blobLength - 20
            guard body > 0, (body * 16) % 9 == 0 else { return nil }
            return body * 16 / 9
        }
        guard header.version == 2, blobLength > 80 else { return nil }
        return (blobLength - 80) * 4
    }

    /// True when the CryptoAPI blob at `blobAt` is the key of an unencrypted PVK file (which this
    /// detector reports whole): looks back over the header and every salt length.
    static func wrapsUnencrypted(_ bytes: UnsafeRawBufferPointer, blobAt: Int) -> Bool {
        for saltLength in 0...maxSaltLength {
            let start = blobAt - headerLength - saltLength
            guard start >= 0 else { return false }
            if let header = header(bytes, at: start), !header.encrypted, header.blob.lowerBound == blobAt {
                return true
            }
        }
        return false
    }
}

@testable import DumpSentryKit
import Testing

/// CNG, CryptoAPI and PVK blob detectors on blobs built from freshly generated test keys.
/// The matcher is not involved: `scan` finds each anchor with `FixedLengthAnchor` at every end
/// offset, as Vectorscan would, and calls `inspect` there.
@Suite struct BlobDetectorTests {
    /// One planted blob and what the detectors must say about it.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var ruleID: String
        var algorithm: String
        var bits: Int?
        var curve: String?
        var secret: [UInt8]
        var blob: [UInt8]

        var testDescription: String { name }
    }

    static func keys() throws -> BlobTestKeys { try BlobTestKeys.shared.get() }

    static func cases() throws -> [Case] {
        let keys = try keys()
        var random = BlobTestRandom(seed: 99)
        var cases: [Case] = []
        for rsa in [keys.rsa1024, keys.rsa2048] {
            cases.append(Case(name: "CNG RSA2 \(rsa.bits)", ruleID: "key.cng-rsa", algorithm: "rsa", bits: rsa.bits,
                              secret: rsa.dLambda, blob: BlobTestBuilder.cngRSA(rsa, full: false)))
            cases.append(Case(name: "CNG RSA3 \(rsa.bits)", ruleID: "key.cng-rsa", algorithm: "rsa", bits: rsa.bits,
                              secret: rsa.d, blob: BlobTestBuilder.cngRSA(rsa, full: true)))
            cases.append(Case(name: "CAPI RSA KEYX \(rsa.bits)", ruleID: "key.capi-rsa", algorithm: "rsa", bits: rsa.bits,
                              secret: rsa.d, blob: BlobTestBuilder.capiRSA(rsa)))
            cases.append(Case(name: "bare RSAPUBKEY \(rsa.bits)", ruleID: "key.capi-rsa", algorithm: "rsa", bits: rsa.bits,
                              secret: rsa.d, blob: BlobTestBuilder.capiRSABody(rsa)))
        }
        cases.append(Case(name: "CAPI RSA SIGN", ruleID: "key.capi-rsa", algorithm: "rsa", bits: 2048, secret: keys.rsa2048.d,
                          blob: BlobTestBuilder.capiRSA(keys.rsa2048, algorithm: BlobTestBuilder.rsaSignature)))
        for ec in keys.ec {
            let digit = ec.size == 32 ? "2" : ec.size == 48 ? "4" : "6"
            let scalar = BlobTestBuilder.big(ec.d, ec.size)
            for magic in ["ECS" + digit, "ECK" + digit, "ECDV", "ECKV"] {
                cases.append(Case(name: "CNG \(magic) \(ec.curve)", ruleID: "key.cng-ecc", algorithm: "ec", curve: ec.curve,
                                  secret: scalar, blob: BlobTestBuilder.cngECC(ec, magic: magic)))
            }
        }
        cases.append(Case(name: "CNG DSPV", ruleID: "key.cng-dsa", algorithm: "dsa", bits: 1024, secret: keys.dsa1024.x,
                          blob: BlobTestBuilder.cngDSAVersion1(keys.dsa1024, random: &random)))
        cases.append(Case(name: "CNG DPV2", ruleID: "key.cng-dsa", algorithm: "dsa", bits: 2048, secret: keys.dsa2048.x,
                          blob: BlobTestBuilder.cngDSAVersion2(keys.dsa2048, random: &random)))
        cases.append(Case(name: "CAPI DSS2", ruleID: "key.capi-dsa", algorithm: "dsa", bits: 1024, secret: keys.dsa1024.x,
                          blob: BlobTestBuilder.capiDSSVersion2(keys.dsa1024, random: &random)))
        cases.append(Case(name: "CAPI DSS4", ruleID: "key.capi-dsa", algorithm: "dsa", bits: 2048, secret: keys.dsa2048.x,
                          blob: BlobTestBuilder.capiDSSVersion3(keys.dsa2048, random: &random)))
        cases.append(Case(name: "PVK RSA", ruleID: "key.pvk", algorithm: "rsa", bits: 2048, secret: keys.rsa2048.d,
                          blob: BlobTestBuilder.pvk(blob: BlobTestBuilder.capiRSA(keys.rsa2048), encrypted: false, random: &random)))
        cases.append(Case(name: "PVK DSS", ruleID: "key.pvk", algorithm: "dsa", bits: 1024, secret: keys.dsa1024.x,
                          blob: BlobTestBuilder.pvk(blob: BlobTestBuilder.capiDSSVersion2(keys.dsa1024, random: &random),
                                                    encrypted: false, random: &random)))
        return cases
    }

    /// Each detector's anchors, compiled once, with the bytes each may start with.
    static let anchorTable: [(detector: any BinaryDetector, index: Int, anchor: FixedLengthAnchor, first: [Bool])] =
        BlobDetectors.all.flatMap { detector in
            detector.anchors.enumerated().map { index, declared in
                let anchor = FixedLengthAnchor(declared.pattern)
                let first = (0...255).map { byte in anchor.positions[0].contains { $0.contains(UInt8(byte)) } }
                return (detector, index, anchor, first)
            }
        }

    /// Every detector of `BlobDetectors.all` at every anchor hit in `bytes` (debug builds are slow:
    /// the first-byte table keeps this linear scan cheap).
    static func scan(_ bytes: [UInt8]) -> [DetectedStructure] {
        bytes.withUnsafeBytes { raw in
            var found: [DetectedStructure] = []
            for entry in anchorTable where entry.anchor.length <= raw.count {
                for start in 0...(raw.count - entry.anchor.length) where entry.first[Int(raw[start])] {
                    let end = start + entry.anchor.length
                    if entry.anchor.matches(raw, endingAt: end) {
                        found += entry.detector.inspect(raw, anchorEnd: end, anchorIndex: entry.index)
                    }
                }
            }
            return found
        }
    }

    static func planted(_ blob: [UInt8], at offset: Int, seed: UInt64, total: Int = 6144) -> [UInt8] {
        var random = BlobTestRandom(seed: seed)
        var buffer = random.bytes(max(total, offset + blob.count + 100))
        buffer.replaceSubrange(offset..<(offset + blob.count), with: blob)
        return buffer
    }

    // MARK: - Found, exactly

    @Test(arguments: try cases())
    func findsThePlantedBlobExactly(_ testCase: Case) {
        for offset in [0, 1001, 4096 + 3] {
            let found = Self.scan(Self.planted(testCase.blob, at: offset, seed: UInt64(offset) + 1))
            #expect(found.count == 1, "\(testCase.name) at \(offset): \(found.map(\.ruleID))")
            guard let hit = found.first else { continue }
            #expect(hit.ruleID == testCase.ruleID)
            #expect(hit.range == offset..<(offset + testCase.blob.count))
            #expect(hit.key?.algorithm == testCase.algorithm)
            if let bits = testCase.bits { #expect(hit.key?.bits == bits) }
            if let curve = testCase.curve { #expect(hit.key?.curve == curve) }
            #expect(hit.key?.validated == true)
            #expect(hit.confidence == .high)
            #expect(hit.secret == testCase.secret, "\(testCase.name): secret is not the private component")
            if testCase.algorithm != "dsa" {
                #expect(hit.key?.publicKeySHA256 != nil)
                #expect(hit.key?.jwkThumbprint != nil)
            }
        }
    }

    @Test func theSameRSAKeyHasOnePublicFingerprintInEveryForm() throws {
        let rsa = try Self.keys().rsa2048
        let forms = [BlobTestBuilder.cngRSA(rsa, full: false), BlobTestBuilder.cngRSA(rsa, full: true),
                     BlobTestBuilder.capiRSA(rsa)]
        let fingerprints = Set(forms.compactMap { Self.scan(Self.planted($0, at: 64, seed: 1)).first?.key?.publicKeySHA256 })
        #expect(fingerprints.count == 1)
        let der = RSAKeyMath.check(modulus: BlobReader.integer(rsa.n), publicExponent: BlobReader.integer(rsa.e),
                                   prime1: nil, prime2: nil, privateExponent: nil)
        #expect(fingerprints.first == der.publicKeySHA256)
    }

    @Test func anEncryptedPVKIsReportedAsSuch() throws {
        let keys = try Self.keys()
        var random = BlobTestRandom(seed: 5)
        let blob = BlobTestBuilder.capiRSA(keys.rsa2048)
        let file = BlobTestBuilder.pvk(blob: blob, encrypted: true, random: &random)
        let found = Self.scan(Self.planted(file, at: 333, seed: 6))
        #expect(found.count == 1)
        let hit = try #require(found.first)
        #expect(hit.ruleID == "key.pvk-encrypted")
        #expect(hit.range == 333..<(333 + file.count))
        #expect(hit.confidence == .medium)
        #expect(hit.key?.algorithm == "rsa")
        #expect(hit.key?.bits == 2048)
        #expect(hit.key?.validated == false)
        #expect(hit.secret == Array(file.suffix(blob.count - 8)))
        #expect(PVKFileDetector().rules.first { $0.id == "key.pvk-encrypted" }?.severity == .medium)
        #expect(PVKFileDetector().rules.first { $0.id == "key.pvk" }?.severity == .critical)
    }

    @Test func rc4MatchesRFC6229() {
        var cipher = RC4Cipher(key: [0x01, 0x02, 0x03, 0x04, 0x05])
        #expect(cipher.apply([UInt8](repeating: 0, count: 16)) ==
                [0xb2, 0x39, 0x63, 0x05, 0xf0, 0x3d, 0xc0, 0x27, 0xcc, 0xc3, 0x52, 0x4a, 0x0a, 0x11, 0x18, 0xa8])
    }

    @Test(arguments: [0, 1])
    func aPVKEncryptedUnderTheEmptyPasswordIsOpenedAndChecked(keyIndex: Int) throws {
        let keys = try Self.keys()
        var random = BlobTestRandom(seed: 12 + UInt64(keyIndex))
        let blob = BlobTestBuilder.capiRSA(keys.rsa1024)
        let salt = random.bytes(16)
        var cipher = RC4Cipher(key: PVKFileDetector.emptyPasswordKeys(salt: salt)[keyIndex])
        let encrypted = Array(blob.prefix(8)) + cipher.apply(Array(blob.dropFirst(8)))
        let file = [0x1e, 0xf1, 0xb5, 0xb0] + BlobTestBuilder.word(0) + BlobTestBuilder.word(2) + BlobTestBuilder.word(1)
            + BlobTestBuilder.word(salt.count) + BlobTestBuilder.word(encrypted.count) + salt + encrypted
        let found = Self.scan(Self.planted(file, at: 77, seed: 13))
        #expect(found.count == 1)
        let hit = try #require(found.first)
        #expect(hit.ruleID == "key.pvk")
        #expect(hit.range == 77..<(77 + file.count))
        #expect(hit.key?.validated == true)
        #expect(hit.secret == keys.rsa1024.d)
    }

    // MARK: - Math fails: reported, not validated

    @Test(arguments: try cases())
    func aCorruptedPrivateComponentIsReportedWithLowConfidence(_ testCase: Case) {
        var blob = testCase.blob
        // Flip one bit of the last byte: the end of d (RSA3, CAPI RSA), of x (DSA), of d (EC),
        // of the second prime (CNG RSA2) or of the DSSSEED (DSS2, which cannot be caught: skipped).
        guard testCase.name != "CAPI DSS2", testCase.name != "PVK DSS" else { return }
        blob[blob.count - 1] ^= 0x01
        let found = Self.scan(Self.planted(blob, at: 512, seed: 3))
        #expect(found.count == 1, "\(testCase.name)")
        guard let hit = found.first else { return }
        #expect(hit.ruleID == testCase.ruleID)
        #expect(hit.range == 512..<(512 + blob.count))
        #expect(hit.key?.validated == false, "\(testCase.name)")
        #expect(hit.confidence == .low)
    }

    @Test func aCorruptedDSSVersion2KeyFailsOnItsPrivateValue() throws {
        var random = BlobTestRandom(seed: 8)
        var blob = BlobTestBuilder.capiDSSVersion2(try Self.keys().dsa1024, random: &random)
        // x is the 20 bytes before the 24-byte DSSSEED; set it past q so 0 < x < q fails.
        for index in (blob.count - 44)..<(blob.count - 24) { blob[index] = 0xff }
        let found = Self.scan(blob)
        #expect(found.count == 1)
        #expect(found.first?.key?.validated == false)
    }

    @Test func aCorruptedPrimeFailsTheRSAMath() throws {
        let rsa = try Self.keys().rsa2048
        var blob = BlobTestBuilder.capiRSA(rsa)
        blob[8 + 12 + 256 + 10] ^= 0x40  // inside prime1
        let found = Self.scan(blob)
        #expect(found.count == 1)
        #expect(found.first?.key?.validated == false)
        #expect(found.first?.confidence == .low)
        #expect(found.first?.key?.bits == 2048)
    }

    // MARK: - Hostile input

    @Test(arguments: try cases())
    func truncatedBlobsYieldNothingAndNeverTrap(_ testCase: Case) {
        // Every length through the headers, then a stride through the integers, then the last bytes.
        let count = testCase.blob.count
        let lengths = Array(0..<min(80, count)) + Array(stride(from: 80, to: count, by: 13)) + Array(max(0, count - 8)..<count)
        for length in Set(lengths).sorted() {
            #expect(Self.scan(Array(testCase.blob.prefix(length))).isEmpty, "\(testCase.name) cut at \(length)")
        }
    }

    @Test(arguments: try cases())
    func mangledHeadersNeverTrap(_ testCase: Case) {
        var random = BlobTestRandom(seed: UInt64(testCase.blob.count))
        let extremes: [UInt8] = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]
        for _ in 0..<25 {
            var blob = testCase.blob
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<min(56, blob.count), using: &random)
                blob[index] = Bool.random(using: &random) ? extremes.randomElement(using: &random) ?? 0
                                                            : UInt8.random(in: 0...255, using: &random)
            }
            for found in Self.scan(blob) {
                #expect(found.range.lowerBound >= 0 && found.range.upperBound <= blob.count)
            }
        }
        // Every size field at its maximum.
        var blob = testCase.blob
        for index in stride(from: 4, to: min(40, blob.count - 3), by: 4) {
            blob[index..<(index + 4)] = [0xff, 0xff, 0xff, 0xff]
            #expect(Self.scan(blob).allSatisfy { $0.range.upperBound <= blob.count })
        }
    }

    @Test func inspectRejectsAnchorOffsetsOutsideTheBuffer() {
        let bytes = [UInt8](repeating: 0x52, count: 64)
        bytes.withUnsafeBytes { raw in
            for detector in BlobDetectors.all {
                for index in -1...detector.anchors.count {
                    for end in [-100, -1, 0, 1, 63, 64, 65, Int.max] {
                        #expect(detector.inspect(raw, anchorEnd: end, anchorIndex: index).isEmpty)
                    }
                }
            }
        }
    }

    @Test func randomDataYieldsNothing() {
        var random = BlobTestRandom(seed: 2024)
        #expect(Self.scan(random.bytes(1 << 18)).isEmpty)
    }

    @Test func magicsWithoutPlausibleHeadersYieldNothing() {
        var random = BlobTestRandom(seed: 7)
        var buffer = random.bytes(1 << 16)
        for (index, magic) in ["RSA1", "RSA2", "RSA3", "ECS2", "ECK6", "ECDV", "DSPV", "DPV2", "DSS2"].enumerated() {
            let offset = 100 + index * 700
            buffer.replaceSubrange(offset..<(offset + 4), with: Array(magic.utf8))
        }
        #expect(Self.scan(buffer).isEmpty)
    }

    // MARK: - Anchors

    @Test func everyAnchorIsSpecificAndEveryDetectorDeclaresItsRules() {
        var ruleIDs: [String] = []
        for detector in BlobDetectors.all {
            #expect(!detector.anchors.isEmpty)
            #expect(detector.maxStructureLength > 0)
            for anchor in detector.anchors {
                #expect(FixedLengthAnchor(anchor.pattern).length >= 8, "\(anchor.pattern) is too short to be specific")
            }
            ruleIDs += detector.rules.map(\.id)
        }
        #expect(Set(ruleIDs) == ["key.cng-rsa", "key.cng-ecc", "key.cng-dsa", "key.capi-rsa", "key.capi-dsa",
                                 "key.pvk", "key.pvk-encrypted"])
        #expect(ruleIDs.count == Set(ruleIDs).count)
    }

    @Test(arguments: try cases())
    func maxStructureLengthCoversTheBlob(_ testCase: Case) {
        let owners = BlobDetectors.all.filter { $0.rules.contains { $0.id == testCase.ruleID } }
        #expect(owners.count == 1)
        #expect(owners.allSatisfy { $0.maxStructureLength >= testCase.blob.count })
    }
}

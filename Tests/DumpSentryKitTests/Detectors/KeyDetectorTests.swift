import Foundation
import Testing
@testable import DumpSentryKit

@Suite("Key detectors on generated test keys")
struct KeyDetectorTests {
    static let plantOffset = 1000

    /// format name in the fixture → the rule that must report it.
    static let ruleForFormat: [String: String] = [
        "pkcs1": "key.rsa-pkcs1-der",
        "pkcs8": "key.pkcs8-der",
        "sec1": "key.ec-sec1-der",
        "openssh": "key.openssh-v1",
    ]

    static var cases: [(String, String)] {
        guard case .success(let fixtures) = KeyFixtures.shared else { return [("missing", "fixtures")] }
        return fixtures.keys.flatMap { key in
            key.formats.keys.filter { ruleForFormat[$0] != nil }.sorted().map { (key.name, $0) }
        }
    }

    private func fixtures() throws -> KeyFixtures {
        try KeyFixtures.shared.get()
    }

    @Test(arguments: cases)
    func findsPlantedKey(name: String, format: String) throws {
        let fixtures = try fixtures()
        let key = try #require(fixtures.key(name))
        let der = try #require(key.formats[format])
        let rule = try #require(Self.ruleForFormat[format])
        let found = AnchorScan.structures(in: AnchorScan.plant(der, at: Self.plantOffset))
        #expect(found.count == 1, "\(name) \(format): \(found.map(\.ruleID))")
        let structure = try #require(found.first)
        #expect(structure.ruleID == rule)
        #expect(structure.range == Self.plantOffset..<(Self.plantOffset + der.count))
        let info = try #require(structure.key)
        #expect(info.algorithm == key.algorithm)
        #expect(info.bits == key.bits || key.bits == nil)
        #expect(info.curve == key.curve)
        #expect(info.publicKeySHA256 == key.spkiSHA256)
        if let jwk = key.jwk { #expect(info.jwkThumbprint == jwk) }
        #expect(structure.secret == key.secret)
        if name == "secp256k1" {
            // swift-crypto has no secp256k1: recognised, never validated.
            #expect(!info.validated)
            #expect(structure.confidence == .medium)
        } else {
            #expect(info.validated)
            #expect(structure.confidence == .high)
        }
    }

    @Test func encryptedPKCS8IsReportedWithoutKeyMath() throws {
        let der = try #require(try fixtures().key("rsa2048")?.formats["pkcs8Encrypted"])
        let found = AnchorScan.structures(in: AnchorScan.plant(der, at: Self.plantOffset))
        #expect(found.map(\.ruleID) == ["key.pkcs8-encrypted-der"])
        #expect(found.first?.range == Self.plantOffset..<(Self.plantOffset + der.count))
        #expect(found.first?.confidence == .high)
        #expect(found.first?.key == nil)
    }

    @Test func encryptedOpenSSHKeyIsDescribedByItsPublicKey() throws {
        let key = try #require(try fixtures().key("rsa2048"))
        let blob = try #require(key.formats["opensshEncrypted"])
        let found = AnchorScan.structures(in: AnchorScan.plant(blob, at: Self.plantOffset))
        #expect(found.map(\.ruleID) == ["key.openssh-v1-encrypted"])
        #expect(found.first?.range == Self.plantOffset..<(Self.plantOffset + blob.count))
        #expect(found.first?.key?.publicKeySHA256 == key.spkiSHA256)
        #expect(found.first?.key?.validated == false)
    }

    @Test func pkcs12IsReportedWholeWithItsShroudedKey() throws {
        let der = try #require(try fixtures().key("rsa2048")?.formats["pkcs12"])
        let range = Self.plantOffset..<(Self.plantOffset + der.count)
        let found = AnchorScan.structures(in: AnchorScan.plant(der, at: Self.plantOffset))
        let container = try #require(found.first { $0.ruleID == "key.pkcs12" })
        #expect(container.range == range)
        #expect(container.confidence == .high)
        // The shrouded key bag inside is an EncryptedPrivateKeyInfo of its own.
        #expect(found.filter { $0.ruleID != "key.pkcs12" }.allSatisfy {
            $0.ruleID == "key.pkcs8-encrypted-der" && range.contains($0.range.lowerBound) && $0.range.upperBound <= range.upperBound
        })
    }

    @Test(arguments: ["jks", "jceks"])
    func javaKeyStoreWithPrivateKey(store: String) throws {
        let bytes = try #require(try fixtures().stores[store])
        let found = AnchorScan.structures(in: AnchorScan.plant(bytes, at: Self.plantOffset))
        #expect(found.map(\.ruleID) == ["key.\(store)"])
        #expect(found.first?.range == Self.plantOffset..<(Self.plantOffset + bytes.count))
        #expect(found.first?.confidence == .high)
    }

    @Test func trustOnlyJavaKeyStoreIsNotAFinding() throws {
        let bytes = try #require(try fixtures().stores["jksTrustOnly"])
        #expect(AnchorScan.structures(in: AnchorScan.plant(bytes, at: Self.plantOffset)).isEmpty)
    }

    @Test func publicKeysAndCertificatesAreNotFindings() throws {
        let fixtures = try fixtures()
        for key in fixtures.keys {
            #expect(AnchorScan.structures(in: AnchorScan.plant(key.spki, at: 100)).isEmpty, "\(key.name) SPKI")
        }
        let certificate = try #require(fixtures.key("rsa2048")?.formats["certificate"])
        #expect(AnchorScan.structures(in: AnchorScan.plant(certificate, at: 100)).isEmpty)
    }

    @Test func randomBytesAreNotFindings() {
        let buffer = AnchorScan.plant([], at: 0, trailing: 256 * 1024)
        #expect(AnchorScan.structures(in: buffer).isEmpty)
    }

    @Test(arguments: ["pkcs1", "pkcs8", "sec1", "openssh"])
    func truncatedKeysAreNotFindings(format: String) throws {
        let fixtures = try fixtures()
        let key = try #require(fixtures.keys.first { $0.formats[format] != nil })
        let der = try #require(key.formats[format])
        for cut in [1, 2, 7, der.count / 3, der.count / 2, der.count - 40, der.count - 1] where cut > 0 && cut < der.count {
            let buffer = AnchorScan.plant(Array(der.prefix(cut)), at: 64, trailing: 0)
            #expect(AnchorScan.structures(in: buffer).isEmpty, "\(key.name) \(format) cut at \(cut)")
        }
    }

    @Test func multiPrimeKeyWithABrokenCoefficientIsReportedUnvalidated() throws {
        var der = try #require(try fixtures().key("rsa3prime")?.formats["pkcs1"])
        der[der.count - 5] ^= 0x01   // inside the third prime's coefficient, the last field
        let found = AnchorScan.structures(in: AnchorScan.plant(der, at: Self.plantOffset))
        #expect(found.map(\.ruleID) == ["key.rsa-pkcs1-der"])
        #expect(found.first?.key?.validated == false && found.first?.confidence == .low)
    }

    @Test func flippedBitInPrimeFailsValidation() throws {
        let key = try #require(try fixtures().key("rsa2048"))
        var der = try #require(key.formats["pkcs1"])
        let prime = try #require(key.prime1)
        let at = try #require(firstIndex(of: prime, in: der))
        der[at + prime.count / 2] ^= 0x10
        let found = AnchorScan.structures(in: AnchorScan.plant(der, at: Self.plantOffset))
        #expect(found.map(\.ruleID) == ["key.rsa-pkcs1-der"])
        #expect(found.first?.key?.validated == false)
        #expect(found.first?.confidence == .low)
        #expect(found.first?.key?.publicKeySHA256 == key.spkiSHA256)
    }

    @Test func flippedBitInECScalarFailsValidation() throws {
        let key = try #require(try fixtures().key("p256"))
        var der = try #require(key.formats["sec1"])
        // SEC1: 30 77 02 01 01 04 20 <scalar>
        der[7 + 5] ^= 0x01
        let found = AnchorScan.structures(in: AnchorScan.plant(der, at: Self.plantOffset))
        #expect(found.map(\.ruleID) == ["key.ec-sec1-der"])
        #expect(found.first?.key?.validated == false)
        #expect(found.first?.confidence == .low)
    }

    @Test func mutatedStructuresNeverTrap() throws {
        let fixtures = try fixtures()
        var generator = SystemRandomNumberGenerator()
        let samples = fixtures.keys.flatMap { $0.formats.values } + Array(fixtures.stores.values)
        for sample in samples {
            for _ in 0..<8 {
                var bytes = sample
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] = UInt8.random(in: 0...255, using: &generator)
                }
                let cut = Int.random(in: 1...bytes.count, using: &generator)
                _ = AnchorScan.structures(in: Array(bytes.prefix(cut)))
            }
        }
    }

    private func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}

@Suite("Key detector declarations")
struct KeyDetectorDeclarationTests {
    @Test func anchorsAreSpecificAndParse() {
        for detector in KeyDetectors.all {
            for anchor in detector.anchors {
                let parsed = FixedLengthAnchor(anchor.pattern)
                let fixed = parsed.positions.filter { $0.count == 1 && $0[0].lowerBound == $0[0].upperBound }.count
                #expect(fixed >= 4, "\(anchor.pattern)")
                #expect(parsed.length <= detector.maxStructureLength)
            }
        }
    }

    @Test func ruleIDsAndSeverities() {
        let rules = Dictionary(uniqueKeysWithValues: KeyDetectors.all.flatMap(\.rules).map { ($0.id, $0.severity) })
        let expected: [String: Severity] = [
            "key.rsa-pkcs1-der": .critical, "key.pkcs8-der": .critical, "key.ec-sec1-der": .critical,
            "key.pkcs8-encrypted-der": .medium, "key.der-base64": .critical, "key.openssh-v1": .critical,
            "key.openssh-v1-encrypted": .medium, "key.pkcs12": .medium, "key.jks": .medium, "key.jceks": .medium,
        ]
        #expect(rules == expected)
    }
}

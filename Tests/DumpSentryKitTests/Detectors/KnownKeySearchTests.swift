import BigInt
import Foundation
import Testing
@testable import DumpSentryKit

/// The known-key search: public keys from files and from the dump, their factors and scalars found
/// as raw numbers (OpenSSL BIGNUM limbs and big-endian) at the offset they were planted at.
@Suite("Known-key search")
struct KnownKeySearchTests {
    private static func fixtures() throws -> KeyFixtures { try KeyFixtures.shared.get() }

    private static func publicKey(_ name: String) throws -> (KnownPublicKey, KeyFixtures.Key) {
        let fixture = try #require(try fixtures().key(name))
        let parsed = try #require(fixture.spki.withUnsafeBytes { PublicKeyDERParser.subjectPublicKeyInfo($0, at: 0) })
        return (try #require(KnownPublicKey(parsed.material, origin: "test")), fixture)
    }

    private static func modulus(_ key: KnownPublicKey) -> [UInt8] {
        guard case .rsa(let n, _) = key.material else { return [] }
        return n
    }

    /// Zero bytes with a little pointer-like noise (what a heap mostly holds), `count` long.
    private static func heap(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        for offset in stride(from: 0, to: count - 8, by: 24) {
            withUnsafeBytes(of: UInt64(0x7f3a_1200_0000 + offset).littleEndian) { bytes.replaceSubrange(offset..<(offset + 8), with: $0) }
        }
        return bytes
    }

    private static func plant(_ value: [UInt8], at offset: Int, in bytes: inout [UInt8]) {
        bytes.replaceSubrange(offset..<(offset + value.count), with: value)
    }

    private static func search(_ bytes: [UInt8], keys: [KnownPublicKey]) -> KnownKeySearch.Outcome {
        bytes.withUnsafeBytes { KnownKeySearch(keys: keys).run($0, path: "mem", member: nil) }
    }

    @Test func rsaPrimeAsLittleEndianLimbsNearTheModulusIsFound() throws {
        let (key, fixture) = try Self.publicKey("rsa2048")
        let p = try #require(fixture.prime1)
        let q = [UInt8]((BigUInt(Data(Self.modulus(key))) / BigUInt(Data(p))).serialize())
        var bytes = AnchorScan.plant([], at: 120_000)   // random: the worst case for the byte filters
        Self.plant(Self.modulus(key).reversed(), at: 40_000, in: &bytes)
        Self.plant(p.reversed(), at: 100_008, in: &bytes)
        let outcome = Self.search(bytes, keys: [key])
        #expect(outcome.notes.isEmpty, "\(outcome.notes)")
        let found = try #require(outcome.findings.first { $0.offset == 100_008 })
        #expect(found.ruleID == "key.known-rsa-factor" && found.severity == .critical && found.length == 128)
        #expect(found.secret == p && found.encoding == .binary)
        #expect(found.key?.validated == true && found.key?.bits == 2048 && found.key?.publicKeySHA256 == fixture.spkiSHA256)
        #expect(found.details["byte_order"] == "little-endian" && found.details["public_key_from"] == "test")
        // q is not in the buffer: only p's copy is reported.
        #expect(outcome.findings.count == 1 && !outcome.findings.contains { $0.secret == q })
    }

    @Test func rsaPrimeBigEndianNearACertificateIsFoundAndEveryCopyReported() throws {
        let (key, fixture) = try Self.publicKey("rsa2048")
        let p = try #require(fixture.prime1)
        let certificate = try #require(fixture.formats["certificate"])
        var bytes = Self.heap(300_000)
        Self.plant(certificate, at: 1_001, in: &bytes)          // n big-endian, at no particular alignment
        Self.plant(p, at: 30_000, in: &bytes)                    // big-endian, 8-byte aligned, in the window
        Self.plant(p.reversed(), at: 250_003, in: &bytes)        // a far copy, little-endian, unaligned
        let outcome = Self.search(bytes, keys: [key])
        let offsets = outcome.findings.filter { $0.ruleID == "key.known-rsa-factor" }.map(\.offset).sorted()
        #expect(offsets == [30_000, 250_003])
        #expect(outcome.findings.allSatisfy { $0.secret == p && $0.key?.validated == true })
    }

    @Test func nothingIsReportedWithoutTheModulusOrWithoutAFactor() throws {
        let (key, fixture) = try Self.publicKey("rsa2048")
        let p = try #require(fixture.prime1)
        var onlyPrime = AnchorScan.plant([], at: 50_000)
        Self.plant(p.reversed(), at: 20_000, in: &onlyPrime)
        #expect(Self.search(onlyPrime, keys: [key]).findings.isEmpty)
        var onlyModulus = AnchorScan.plant([], at: 50_000)
        Self.plant(Self.modulus(key).reversed(), at: 20_000, in: &onlyModulus)
        // A corrupted prime (one bit flipped) next to the modulus is not a factor.
        var corrupted = p
        corrupted[60] ^= 0x10
        Self.plant(corrupted.reversed(), at: 30_000, in: &onlyModulus)
        #expect(Self.search(onlyModulus, keys: [key]).findings.isEmpty)
    }

    @Test(arguments: ["p256", "p384", "p521"])
    func ecScalarNextToThePublicPointIsFound(curve: String) throws {
        let (key, fixture) = try Self.publicKey(curve)
        var bytes = Self.heap(40_000)
        Self.plant(key.searchedValue.reversed(), at: 8_000, in: &bytes)
        Self.plant(fixture.secret.reversed(), at: 12_008, in: &bytes)
        let outcome = Self.search(bytes, keys: [key])
        let found = try #require(outcome.findings.first)
        #expect(outcome.findings.count == 1)
        #expect(found.ruleID == "key.known-ec-scalar" && found.offset == 12_008)
        #expect(found.secret == fixture.secret && found.key?.validated == true && found.key?.curve == fixture.curve)
        #expect(found.key?.publicKeySHA256 == fixture.spkiSHA256 && found.key?.jwkThumbprint == fixture.jwk)
    }

    @Test func keysAreHarvestedFromCertificatesInTheDumpWithNoInput() throws {
        let fixture = try #require(try Self.fixtures().key("rsa2048"))
        let p = try #require(fixture.prime1)
        var bytes = Self.heap(200_000)
        Self.plant(try #require(fixture.formats["certificate"]), at: 70_001, in: &bytes)
        Self.plant(p.reversed(), at: 90_000, in: &bytes)
        let pipeline = ScanPipeline(database: try RuleDatabase(try RuleSet.defaults()), chunkSize: 64 * 1024, workers: 1)
        let findings = try pipeline.scan(bytes: bytes).filter { $0.ruleID == "key.known-rsa-factor" }
        #expect(findings.map(\.offset) == [90_000])
        #expect(findings.first?.key?.publicKeySHA256 == fixture.spkiSHA256)
        #expect(findings.first?.details["public_key_from"]?.hasPrefix("public key in this file at offset 7") == true)

        // Disabling the search's rules turns harvesting off.
        let disabled = try RuleSet.defaults().disabling(Set(KnownKeySearch.rules.map(\.id)))
        let none = try ScanPipeline(database: try RuleDatabase(disabled), chunkSize: 64 * 1024, workers: 1).scan(bytes: bytes)
        #expect(!none.contains { $0.ruleID.hasPrefix("key.known-") })
    }

    @Test func pipelineOverAFileFindsTheFactorAndScrubOverwritesIt() throws {
        let fixture = try #require(try Self.fixtures().key("rsa2048"))
        let p = try #require(fixture.prime1)
        var bytes = Self.heap(600_000)
        Self.plant(try #require(fixture.formats["certificate"]), at: 300_001, in: &bytes)
        Self.plant(p.reversed(), at: 280_000, in: &bytes)
        let directory = TemporaryDirectory()
        let input = directory.write("core", bytes)
        let database = try RuleDatabase(try RuleSet.defaults())
        let options = ScanOptions(threads: 2, chunkSize: 64 * 1024)
        let scanned = ScanPipeline(database: database, options: options).run(paths: [input])
        #expect(scanned.findings.filter { $0.ruleID == "key.known-rsa-factor" }.map(\.offset) == [280_000])

        let output = directory.path + "/core.clean"
        let report = try Scrubber(database: database, options: options).run(ScrubRequest(input: input, destination: .file(output), failOn: .low))
        #expect(report.isClean)
        let clean = Array(try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(clean[280_000..<280_128].allSatisfy { $0 == 0xDD })
        #expect(clean[..<280_000] == bytes[..<280_000] && clean[280_128...] == bytes[280_128...])
    }

    @Test func publicKeyFilesInEveryFormatGiveTheSameKey() throws {
        let (rsaKey, rsaFixture) = try Self.publicKey("rsa2048")
        let (ecKey, ecFixture) = try Self.publicKey("p256")
        let directory = TemporaryDirectory()
        func pem(_ label: String, _ der: [UInt8]) -> [UInt8] {
            let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
            return Array("-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n".utf8)
        }
        let certificate = try #require(rsaFixture.formats["certificate"])
        guard case .ec(_, let point) = ecKey.material else { Issue.record("not EC"); return }
        let b64url = { (bytes: [UInt8]) in JWKThumbprint.base64url(bytes) }
        let jwks = #"{"keys": [{"kty": "RSA", "kid": "a", "n": "\#(b64url(Self.modulus(rsaKey)))", "e": "AQAB"},"#
            + #" {"kty": "oct", "k": "AAAA"}, {"kty": "EC", "crv": "P-256", "x": "\#(b64url(Array(point[1...32])))", "y": "\#(b64url(Array(point[33...])))"}]}"#
        let cases: [(String, [UInt8], [String])] = [
            ("cert.der", certificate, [rsaFixture.spkiSHA256]),
            ("cert.pem", pem("CERTIFICATE", certificate) + pem("PUBLIC KEY", ecFixture.spki), [rsaFixture.spkiSHA256, ecFixture.spkiSHA256]),
            ("spki.der", ecFixture.spki, [ecFixture.spkiSHA256]),
            ("spki.pem", pem("PUBLIC KEY", rsaFixture.spki), [rsaFixture.spkiSHA256]),
            ("jwks.json", Array(jwks.utf8), [rsaFixture.spkiSHA256, ecFixture.spkiSHA256]),
        ]
        for (name, contents, expected) in cases {
            let keys = try PublicKeyFile.load(path: directory.write(name, contents))
            #expect(keys.map { $0.info.publicKeySHA256 ?? "" } == expected, "\(name)")
            #expect(keys.allSatisfy { $0.origin.hasSuffix(name) && $0.info.validated == false })
        }
    }

    @Test func unusablePublicKeyFilesAreClearErrors() throws {
        let directory = TemporaryDirectory()
        let pkcs8 = try #require(try Self.fixtures().key("rsa2048")?.formats["pkcs8"])
        let privatePEM = "-----BEGIN PRIVATE KEY-----\n\(Data(pkcs8).base64EncodedString())\n-----END PRIVATE KEY-----\n"
        let cases: [(String, [UInt8], String)] = [
            ("random.bin", AnchorScan.plant([], at: 500), "not a PEM or DER"),
            ("private.pem", Array(privatePEM.utf8), "private key"),
            ("broken.json", Array(#"{"keys": [ "#.utf8), "not valid JSON"),
            ("oct.json", Array(#"{"keys": [{"kty": "oct", "k": "AAAA"}]}"#.utf8), "no RSA"),
            ("ed25519.der", try #require(try Self.fixtures().key("ed25519")?.spki), "not a PEM or DER"),
        ]
        for (name, contents, message) in cases {
            let path = directory.write(name, contents)
            #expect(throws: PublicKeyFileError.self, "\(name)") { try PublicKeyFile.load(path: path) }
            do { _ = try PublicKeyFile.load(path: path) } catch { #expect(error.description.contains(message), "\(name): \(error)") }
        }
        #expect(throws: PublicKeyFileError.self) { try PublicKeyFile.load(path: directory.path + "/missing.pem") }
    }
}

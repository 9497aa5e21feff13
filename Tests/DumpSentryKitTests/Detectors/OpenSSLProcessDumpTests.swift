import Foundation
import Testing
@testable import DumpSentryKit

/// A real process dump: `Tests/Fixtures/openssl-holder.c`, compiled here against OpenSSL, makes an
/// RSA-2048 key, keeps a DER copy and a self-signed certificate in memory, encrypts with AES-256,
/// holds a fake token as UTF-16LE, and sleeps; `gcore` dumps it. Every form must be found.
/// Cancelled (skipped) only when no C compiler is installed (or gcore/ptrace is unavailable).
struct OpenSSLProcessDumpTests {
    private static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/openssl-holder.c")

    /// The dumped process and what it printed.
    private struct Dump {
        var core: SleeperCore
        var publicKeyPath: String
        var aesKey: [UInt8]
        var token: String
    }

    private static func makeDump() throws -> Dump {
        guard let compiler = ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"].first(where: FileManager.default.isExecutableFile)
        else { try Test.cancel("no C compiler (cc, gcc, clang) to build Tests/Fixtures/openssl-holder.c") }
        let directory = TemporaryDirectory()
        let binary = directory.path + "/openssl-holder"
        let build = Process()
        build.executableURL = URL(fileURLWithPath: compiler)
        build.arguments = ["-O1", "-o", binary, source.path, "-lcrypto"]
        try build.run()
        build.waitUntilExit()
        try #require(build.terminationStatus == 0, "\(compiler) could not build openssl-holder.c (is libssl-dev installed? make deps)")
        let publicKeyPath = directory.path + "/public.pem"
        let core = try SleeperCore(executable: binary, arguments: [publicKeyPath], readyLine: "ready", directory: directory)
        let aesHex = try #require(core.output.first { $0.hasPrefix("aes-key ") }).dropFirst(8)
        let token = try #require(core.output.first { $0.hasPrefix("token ") }).dropFirst(6)
        return Dump(core: core, publicKeyPath: publicKeyPath, aesKey: KeyFixtures.hexBytes(String(aesHex)), token: String(token))
    }

    private static func scan(_ dump: Dump, _ ruleSet: RuleSet) throws -> [Finding] {
        let outcome = ScanPipeline(database: try RuleDatabase(ruleSet)).run(paths: [dump.core.corePath])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        return outcome.findings
    }

    @Test func everyKeyFormInAnOpenSSLProcessIsFound() throws {
        let dump = try Self.makeDump()
        let publicKey = try #require(try PublicKeyFile.load(path: dump.publicKeyPath).first)
        let spki = try #require(publicKey.info.publicKeySHA256)

        // Defaults with --aes, no key named: the certificate in memory is harvested.
        let findings = try Self.scan(dump, try RuleSet.defaults(aesSchedules: true))

        let der = findings.filter { [RSAPrivateKeyDERDetector.ruleID, PKCS8PrivateKeyDERDetector.ruleID].contains($0.ruleID) }
        #expect(der.contains { $0.key?.validated == true && $0.key?.publicKeySHA256 == spki },
                "DER private key not found validated: \(der.map { ($0.ruleID, $0.offset, $0.key?.validated as Any) })")

        let harvested = findings.filter { $0.ruleID == KnownKeySearch.rsaFactorRule.id }
        #expect(Set(harvested.map(\.fingerprint)).count == 2, "both primes, found through the harvested certificate")
        #expect(harvested.allSatisfy { $0.key?.validated == true && $0.key?.publicKeySHA256 == spki && $0.severity == .critical })
        #expect(harvested.contains { $0.details["byte_order"] == "little-endian" }, "OpenSSL BIGNUM limbs")

        let tokens = findings.filter { $0.secret == Array(dump.token.utf8) }
        #expect(tokens.contains { $0.encoding == .utf16le && $0.ruleID == "slack.bot-token" },
                "UTF-16LE token not found: \(tokens.map { ($0.ruleID, $0.encoding) })")

        let schedules = findings.filter { $0.ruleID == AESKeyScheduleDetector.ruleID }
        #expect(schedules.contains { $0.secret == dump.aesKey },
                "AES-256 key not found in a schedule (\(schedules.count) schedules found)")

        // Only the named key, nothing else: the factors are found through --public-key alone.
        var named = RuleSet(rules: [])
        named.knownKeys = try PublicKeyFile.load(path: dump.publicKeyPath)
        let viaFlag = try Self.scan(dump, named).filter { $0.ruleID == KnownKeySearch.rsaFactorRule.id }
        #expect(Set(viaFlag.map(\.fingerprint)) == Set(harvested.map(\.fingerprint)))
        #expect(viaFlag.allSatisfy { $0.key?.validated == true && $0.details["public_key_from"]?.hasPrefix("--public-key") == true })
    }
}

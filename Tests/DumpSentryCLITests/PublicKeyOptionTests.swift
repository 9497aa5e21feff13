import Foundation
import Testing

/// `--public-key`: a named key's prime factor is reported from a dump; an unusable file is a
/// clear error with exit status 2.
@Suite("dumpsentry --public-key", .serialized)
struct PublicKeyOptionTests {
    /// A throwaway RSA key made by Python `cryptography` (as scripts/make-key-fixtures.py does):
    /// the PEM public key, and a dump holding the modulus and one prime as little-endian limbs.
    private static let generator = #"""
    import sys
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.private_numbers()
    open(sys.argv[1], "wb").write(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    dump = bytearray(200000)
    dump[50000:50256] = numbers.public_numbers.n.to_bytes(256, "little")
    dump[60000:60128] = numbers.p.to_bytes(128, "little")
    open(sys.argv[2], "wb").write(bytes(dump))
    """#

    @Test func aNamedKeysFactorIsACriticalFinding() throws {
        let workspace = Workspace()
        let script = workspace.write("make.py", Data(Self.generator.utf8))
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", script, workspace.path + "/key.pem", workspace.path + "/core"]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "python3 with cryptography is needed (make test installs it)")

        let result = try CLIRunner.run(["scan", "--no-default-rules", "--public-key", workspace.path + "/key.pem",
                                        "--format", "json", workspace.path + "/core"])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding["rule_id"] as? String == "key.known-rsa-factor" && finding["offset"] as? Int == 60_000)
        #expect(finding["severity"] as? String == "critical" && finding["length"] as? Int == 128)
        let key = try #require(finding["key"] as? [String: Any])
        #expect(key["validated"] as? Bool == true && key["bits"] as? Int == 2048)
    }

    @Test func anUnusablePublicKeyFileExits2WithItsName() throws {
        let workspace = Workspace()
        let bad = workspace.write("not-a-key.pem", Data("hello\n".utf8))
        let dump = workspace.write("core", Data(count: 1000))
        let result = try CLIRunner.run(["scan", "--public-key", bad, dump])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not-a-key.pem") && result.stderr.contains("not a PEM or DER"), "\(result.stderr)")
        let missing = try CLIRunner.run(["scrub", "--public-key", workspace.path + "/missing.pem", dump, "-o", workspace.path + "/out"])
        #expect(missing.status == 2 && missing.stderr.contains("missing.pem"), "\(missing.stderr)")
    }
}

import Testing
@testable import DumpSentryKit

@Suite("Matching")
struct MatchingTests {
    let pipeline = ScanPipeline(database: TestRules.database, chunkSize: 1 << 20, workers: 1)

    /// C strings: a NUL or any non-printable byte ends the secret; the secret is still found.
    @Test(arguments: [UInt8(0x00), 0x01, 0x7f, 0x80, 0xff, 0x0a])
    func secretEndsAtAnyNonTextByte(terminator: UInt8) throws {
        var bytes = Array("\u{1}\u{2}token=".utf8) + Array(TestRules.githubToken.utf8) + [terminator] + Array("more".utf8)
        bytes += [0x90, 0x91]
        let found = try pipeline.scan(bytes: bytes)
        #expect(found.count == 1)
        #expect(found.first?.offset == 8)
        #expect(found.first?.length == 40)
    }

    @Test(arguments: ["AKIAIOSFODNN7EXAMPLE", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ghp_000000000000000000000000000000000000",
                      "password=${DB_PASSWORD_VALUE}", "password=<PASSWORD_HERE>", "password={{ vault_secret }}",
                      "password=your-password-here"])
    func placeholdersAreNotReported(text: String) throws {
        #expect(try pipeline.scan(bytes: [0] + Array(text.utf8) + [0]).isEmpty)
    }

    @Test func entropyFloorDropsLowInformationSecrets() throws {
        #expect(try pipeline.scan(bytes: Array("password=aaaabbbbaaaa\0".utf8)).isEmpty)
        #expect(try pipeline.scan(bytes: Array("password=Zq8#Lx2@Wp5!\0".utf8)).count == 1)
    }

    @Test func fingerprintIsOverTheDecodedSecret() throws {
        var dump = DumpBuilder(size: 4096)
        dump.plant(TestRules.awsKey, at: 100)
        dump.plant(TestRules.awsKey, at: 1000, encoding: .utf16le)
        dump.plant(TestRules.awsKey, at: 2000, encoding: .utf16be)
        let found = try pipeline.scan(bytes: dump.bytes)
        #expect(found.map(\.offset) == [100, 1000, 2000])
        #expect(found.map(\.length) == [20, 40, 40])
        #expect(Set(found.map(\.fingerprint)).count == 1)
        #expect(found.first?.fingerprint == Fingerprint.of(Array(TestRules.awsKey.utf8)))
        #expect(found.allSatisfy { $0.preview == "AKIA…" })
    }

    @Test func failedValidationLowersConfidence() throws {
        // 20 characters in the key-id alphabet shape but with a digit outside base32 (0, 1, 8, 9).
        let rule = Rule(id: "test.strict", name: "strict", severity: .low, pattern: #"\b(AKIA[A-Z0-9]{16})\b"#, validator: "aws-key-id")
        let database = try RuleDatabase(RuleSet(rules: [rule]))
        let found = try ScanPipeline(database: database, chunkSize: 4096, workers: 1).scan(bytes: Array("\0AKIAZ3MKQ4WJ7PLXNR09\0".utf8))
        #expect(found.count == 1)
        #expect(found.first?.confidence == .low)
    }

    /// A prefix rule that opts in reports a placeholder-shaped token at low confidence and says why;
    /// a keyword-context rule (the default) drops the same value; a marker drops it under both.
    @Test func placeholderShapesLowerPrefixRulesAndDropGenericOnes() throws {
        let prefix = Rule(id: "test.prefix", name: "prefix", severity: .high, pattern: #"\b(tkn_[A-Za-z0-9]{24})\b"#,
                          onPlaceholderShape: .lower)
        let generic = Rule(id: "test.generic", name: "generic", severity: .medium, pattern: #"(?i)token=([A-Za-z0-9_]{16,40})"#)
        let pipeline = ScanPipeline(database: try RuleDatabase(RuleSet(rules: [prefix, generic])), chunkSize: 4096, workers: 1)

        let shaped = try pipeline.scan(bytes: Array("\0tkn_1234567890QWZRTYPLKMNBVC\0token=Q7v9aaaaaaaaaaaaaaaaaaaa\0".utf8))
        #expect(shaped.map(\.ruleID) == ["test.prefix"])
        #expect(shaped.first?.confidence == .low)
        #expect(shaped.first?.details["placeholder"] == "counting run")

        let masked = try pipeline.scan(bytes: Array("\0tkn_xxxxxxxxxxxxxxxxxxxxxxxx\0tkn_000000000000000000000000\0".utf8))
        #expect(masked.isEmpty)

        let real = try pipeline.scan(bytes: Array("\0tkn_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3P\0".utf8))
        #expect(real.map(\.confidence) == [.high])
        #expect(real.first?.details.isEmpty == true)
    }

    /// Under a validated rule a placeholder shape still lowers the confidence, and its detail is kept.
    @Test func placeholderShapeAndValidatorCombine() throws {
        let rule = Rule(id: "test.strict", name: "strict", severity: .low, pattern: #"\b(AKIA[A-Z0-9]{16})\b"#,
                        validator: "aws-key-id", onPlaceholderShape: .lower)
        let database = try RuleDatabase(RuleSet(rules: [rule]))
        let found = try ScanPipeline(database: database, chunkSize: 4096, workers: 1).scan(bytes: Array("\0AKIAABCDEFGHIJKLMNOP\0".utf8))
        #expect(found.count == 1)
        #expect(found.first?.confidence == .low)
        #expect(found.first?.details["placeholder"] == "alphabet run")
    }

    @Test func rulesVectorscanRejectsRunThroughPrefilter() throws {
        // A backreference: Vectorscan cannot compile it exactly, so it runs as a prefilter for PCRE2.
        let rule = Rule(id: "test.backref", name: "repeated", severity: .low, pattern: #"key=(['"])([A-Za-z0-9]{12,20})\1"#, secretGroup: 2)
        let database = try RuleDatabase(RuleSet(rules: [rule]))
        #expect(database.engine(of: "test.backref") == .prefilter)
        let found = try ScanPipeline(database: database, chunkSize: 4096, workers: 1).scan(bytes: Array("\0key='Ab3dE5gH7jK9'\0key='Ab3dE5gH7jK9\"\0".utf8))
        #expect(found.map(\.offset) == [6])
    }

    /// The documentation placeholders the issue names stay silent with the default rules.
    @Test func documentationPlaceholdersAreSilentWithTheDefaultRules() throws {
        let database = try RuleDatabase(RuleSet(rules: try RuleSet.bundledRules()))
        let pipeline = ScanPipeline(database: database, chunkSize: 1 << 20, workers: 1)
        for text in ["aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "SLACK_TOKEN=xoxb-your-token-here",
                     "stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                     "token=${GITHUB_TOKEN}", "api_key: <YOUR_API_KEY>", "password = \"0000000000000000\""] {
            let found = try pipeline.scan(bytes: [0] + Array(text.utf8) + [0])
            #expect(found.isEmpty, "\(text) → \(found.map(\.ruleID))")
        }
    }
}

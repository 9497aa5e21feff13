@testable import DumpSentryKit

/// A small rule set for engine tests, independent of the bundled rules.
enum TestRules {
    static let aws = Rule(
        id: "test.aws-key-id", name: "AWS access key ID", severity: .high,
        pattern: #"\b((?:AKIA|ASIA)[A-Z2-7]{16})\b"#, validator: "aws-key-id",
        examples: ["id=AKIAZ3MKQ4WJ7PLXNRT2"], negativeExamples: ["AKIAIOSFODNN7EXAMPLE"], references: ["https://example.invalid/aws"])
    static let password = Rule(
        id: "test.password", name: "Password assignment", severity: .medium,
        pattern: #"(?i)\b(?:password|passwd)["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9!#%&*+,./:;?@^_~-]{8,64})"#,
        minEntropy: 3.0,
        examples: ["password = 'Tr0ub4dor&3xQ'"], negativeExamples: ["password = 'changeme'"], references: ["https://example.invalid/pw"])
    static let github = Rule(
        id: "test.github-pat", name: "GitHub PAT", severity: .high,
        pattern: #"\b(ghp_[A-Za-z0-9]{36})\b"#,
        examples: ["ghp_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3Pd5Sf0Ga2Jk7e"], negativeExamples: ["ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], references: ["https://example.invalid/gh"])

    static let all = RuleSet(rules: [aws, password, github])

    /// Compiled once per test process: compiling is the slow part.
    static let database: RuleDatabase = {
        do { return try RuleDatabase(all) } catch { fatalError("test rules do not compile: \(error)") }
    }()

    /// Fake secrets, generated for tests.
    static let awsKey = "AKIAZ3MKQ4WJ7PLXNRT2"
    static let githubToken = "ghp_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3Pd5Sf0Ga2Jk7e"
}

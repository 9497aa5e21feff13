import Testing
@testable import DumpSentryKit

/// Large bounded repeats are widened for Vectorscan only where they are quantifiers.
@Suite("Vectorscan pattern")
struct VectorscanPatternTests {
    @Test(arguments: [
        ("-----BEGIN KEY-----[A-Za-z0-9+/=]{40,12000}-----END", "-----BEGIN KEY-----[A-Za-z0-9+/=]{40,}-----END"),
        ("(?:[A-Z]: [\\x20-\\x7e]{0,200}\\n){0,6}x{10,3000}", "(?:[A-Z]: [\\x20-\\x7e]{0,200}\\n){0,6}x{10,}"),
        ("a{1000,1000}b{999,1001}", "a{1000,}b{999,}"),
        ("[{1,5000}]x", "[{1,5000}]x"),                 // inside a class: literal characters
        ("[]{1,5000}]x", "[]{1,5000}]x"),               // `]` first in a class is a member
        ("[^]{1,5000}]x", "[^]{1,5000}]x"),
        ("\\{1,5000}x", "\\{1,5000}x"),                 // escaped brace: a literal
        ("a{2000}b{,3000}c{5,}", "a{2000}b{,3000}c{5,}"),  // not {m,n}: unchanged
        ("\\Qa{1,5000}\\E", "\\Qa{1,5000}\\E"),
        ("ghp_[A-Za-z0-9]{36}", "ghp_[A-Za-z0-9]{36}"),
    ])
    func widensOnlyLargeBoundedQuantifiers(pattern: String, expected: String) {
        #expect(VectorscanPattern(rulePattern: pattern).text == expected)
    }

    /// The window still comes from the exact pattern: a PEM-style block longer than the widened
    /// pattern's Vectorscan match but within the rule's bound is found whole; one past the bound
    /// is not reported (PCRE2 holds the bound).
    @Test func exactBoundStillDecides() throws {
        let rule = Rule(id: "test.block", name: "Block", severity: .high,
                        pattern: "(-----BEGIN TEST-----[A-Za-z0-9]{40,3000}-----END TEST-----)",
                        examples: ["-----BEGIN TEST-----" + String(repeating: "Ab1", count: 20) + "-----END TEST-----"],
                        negativeExamples: ["-----BEGIN TEST-----short-----END TEST-----"])
        let database = try RuleDatabase(RuleSet(rules: [rule]))
        func block(_ count: Int) -> [UInt8] {
            let alphabet = Array("Q7v9kLm2Xw4Zt8Rb1Nc6Hy3Pd5Sf0Ga")
            let body = String((0..<count).map { alphabet[($0 * 7) % alphabet.count] })
            return Array(("\0-----BEGIN TEST-----" + body + "-----END TEST-----\0").utf8)
        }
        let pipeline = ScanPipeline(database: database)
        let within = try pipeline.scan(bytes: block(2990))
        #expect(within.map(\.length) == [20 + 2990 + 18])
        #expect(try pipeline.scan(bytes: block(3001)).isEmpty)
    }
}

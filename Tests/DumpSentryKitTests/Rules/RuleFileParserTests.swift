import Testing
@testable import DumpSentryKit

/// Rule files keep plain scalars as text (no regex-based YAML tag resolution); the numeric fields
/// are read from that text, and text fields keep what was written.
struct RuleFileParserTests {
    static func rule(_ fields: String) throws -> Rule {
        let text = """
            - id: test.numbers
              name: Numbers
              severity: low
              pattern: 'k=([a-z0-9]{8,40})'
            \(fields)
            """
        let rules = try RuleFileParser.parse(yaml: text, file: "numbers.yaml")
        try #require(rules.count == 1)
        return rules[0]
    }

    @Test func numericFieldsAreReadFromPlainText() throws {
        let rule = try Self.rule("  min_entropy: 3.25\n  secret_group: 0\n")
        #expect(rule.minEntropy == 3.25)
        #expect(rule.secretGroup == 0)
        #expect(try Self.rule("  min_entropy: 3\n").minEntropy == 3)
        #expect(try Self.rule("  min_entropy: '2.5'\n").minEntropy == 2.5)
    }

    @Test func badNumbersAreFieldErrors() {
        for fields in ["  min_entropy: high\n", "  min_entropy: .nan\n", "  min_entropy: 9\n", "  secret_group: 1.5\n", "  secret_group: -1\n"] {
            #expect(throws: RuleError.self) { try Self.rule(fields) }
        }
    }

    @Test func scalarsThatLookLikeOtherTypesStayText() throws {
        let rule = try Self.rule("  examples: [true, 0x1F, 1:30, null, 2026-11-29]\n")
        #expect(rule.examples == ["true", "0x1F", "1:30", "null", "2026-11-29"])
    }
}

import Testing
@testable import DumpSentryKit

/// A rule's `anchor` changes what Vectorscan looks for, never what is found: PCRE2 still
/// confirms the exact pattern, in a window as wide as the exact pattern's longest match.
@Suite("Rule anchor")
struct RuleAnchorTests {
    static let pattern = #"(?i)user\s{0,3}=\s{0,3}[a-z0-9]{1,32}\n[ \t]{0,8}password\s{0,3}=\s{0,3}([A-Za-z0-9!]{6,64})"#

    static func rule(anchor: String?) -> Rule {
        Rule(id: "test.pair", name: "Pair", severity: .medium, pattern: pattern, anchor: anchor,
             examples: ["user = alice\npassword = Kq7Zr2Wm9x"], negativeExamples: ["password = Kq7Zr2Wm9x"])
    }

    @Test func anchoredRuleFindsExactlyWhatTheFullPatternFinds() throws {
        var builder = DumpBuilder(size: 200_000, seed: 0xa7c)
        builder.plant("user = alice\npassword = Kq7Zr2Wm9x!", at: 1_000)                       // a pair
        builder.plant("password = Zw8Xq3Lm5Tn1", at: 50_000)                                     // no user line
        builder.plant("USER=bob\n    PASSWORD=Hy6Pd5Sf0Ga2Jk7e", at: 100_000, encoding: .utf16le)  // wide, indented
        let anchored = try RuleDatabase(RuleSet(rules: [Self.rule(anchor: #"(?i)password\s{0,3}=\s{0,3}[A-Za-z0-9!]{6,64}"#)]))
        let plain = try RuleDatabase(RuleSet(rules: [Self.rule(anchor: nil)]))
        let found = try ScanPipeline(database: anchored).scan(bytes: builder.bytes)
        let expected = try ScanPipeline(database: plain).scan(bytes: builder.bytes)
        #expect(found.map(\.offset) == expected.map(\.offset) && found.map(\.length) == expected.map(\.length))
        #expect(found.map(\.offset) == [1_024, UInt64(100_000 + 2 * "USER=bob\n    PASSWORD=".utf8.count)])
        #expect(found.map(\.encoding) == [.ascii, .utf16le])
        // The window comes from the full pattern, not from the (shorter) anchor.
        #expect(anchored.rules[0].window == plain.rules[0].window)
    }

    @Test func anchorIsParsedAndChecked() throws {
        let yaml = """
            rules:
              - id: test.pair
                name: Pair
                severity: medium
                pattern: 'user=([a-z]{3,9})'
                anchor: 'user=[a-z]{3,9}'
                examples: ['user=alice']
                negative_examples: ['user=']
                references: ['https://example.invalid/pair']
            """
        let rules = try RuleFileParser.parse(yaml: yaml, file: "pair.yaml")
        #expect(rules.first?.anchor == "user=[a-z]{3,9}")
        #expect(throws: RuleError.self) {
            try RuleFileParser.parse(yaml: yaml.replacingOccurrences(of: "anchor: 'user=[a-z]{3,9}'", with: "anchor: [user, '=']"), file: "pair.yaml")
        }
    }
}

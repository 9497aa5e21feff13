import Testing
@testable import DumpSentryKit

@Suite("Bundled rules")
struct BundledRulesTests {
    /// Every built-in rule finds each of its examples (plain, NUL-terminated, in binary, UTF-16LE/BE,
    /// across a chunk boundary) and none of its negative examples.
    @Test func everyRuleHoldsItsExamplesInEveryDisguise() throws {
        let ruleSet = try RuleSet.defaults()
        #expect(ruleSet.rules.count >= 100, "the bundled set is suspiciously small")
        let problems = RuleChecker().check(ruleSet)
        let listing = problems.prefix(50).map(\.description).joined(separator: "\n")
        #expect(problems.isEmpty, "\(problems.count) problem(s):\n\(listing)")
    }

    @Test func everyRuleIsDocumented() throws {
        for rule in try RuleSet.bundledRules() {
            #expect(Rule.isValidID(rule.id), "\(rule.id)")
            #expect(!rule.examples.isEmpty && !rule.negativeExamples.isEmpty, "\(rule.id) (\(rule.sourceFile))")
            #expect(rule.references.contains { $0.hasPrefix("https://") }, "\(rule.id) has no https reference")
        }
    }

    @Test func aBrokenRuleFileIsAClearError() {
        #expect(throws: RuleError.self) {
            try RuleFileParser.parse(yaml: "- id: a.b\n  name: x\n  severity: high\n  pattern: 'x'\n  colour: red\n", file: "bad.yaml")
        }
        do {
            _ = try RuleFileParser.parse(yaml: "- id: a.b\n  name: x\n  severity: high\n  pattern: 'x'\n  colour: red\n", file: "bad.yaml")
        } catch {
            #expect(error.description.contains("unknown field 'colour'"))
        }
        #expect(throws: RuleError.self) { try RuleDatabase(RuleSet(rules: [Rule(id: "a.b", name: "x", severity: .low, pattern: "(unclosed")])) }
        #expect(throws: RuleError.self) {
            try RuleFileParser.parse(yaml: "- id: a.b\n  name: x\n  severity: high\n  pattern: 'x'\n  on_placeholder_shape: keep\n", file: "bad.yaml")
        }
    }

    @Test func duplicateIDsAreReported() {
        let rule = TestRules.aws
        let problems = RuleChecker(disguises: [.plain]).check(RuleSet(rules: [rule, rule]))
        #expect(problems.contains { $0.message.contains("more than once") })
    }
}

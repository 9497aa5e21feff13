import Testing
@testable import DumpSentryKit

/// Rule files are trusted to be intended, not to be well-formed: a hostile or broken one is a
/// clear `RuleError`, never a stack overflow or an exponential expansion.
struct HostileRuleFileTests {
    static func tomlError(_ text: String) -> String? {
        do {
            _ = try GitleaksConfig.parse(toml: text, file: "hostile.toml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func deeplyNestedTOMLIsAnErrorNotAStackOverflow() {
        let depth = 20_000
        let arrays = "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let tables = "a = " + String(repeating: "{b=", count: depth) + "1" + String(repeating: "}", count: depth) + "\n"
        let mixed = "a = " + String(repeating: "[{b=", count: depth / 2) + "1" + String(repeating: "}]", count: depth / 2) + "\n"
        for text in [arrays, tables, mixed] {
            #expect(Self.tomlError(text)?.contains("nested more than 64 deep") == true)
        }
        let dotted = (0..<depth).map { "k\($0)" }.joined(separator: ".")
        #expect(Self.tomlError(dotted + " = 1\n")?.contains("more than 64 dotted parts") == true)
        #expect(Self.tomlError("[" + dotted + "]\n")?.contains("more than 64 dotted parts") == true)
        #expect(Self.tomlError("[[" + dotted + "]]\n")?.contains("more than 64 dotted parts") == true)
    }

    @Test func nestingUpToTheLimitStillParses() throws {
        let deepest = "a = " + String(repeating: "[", count: 64) + "1" + String(repeating: "]", count: 64) + "\n"
        #expect(Self.tomlError(deepest) == nil)
        #expect(Self.tomlError("a = " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n") != nil)
        let key = (0..<64).map { "k\($0)" }.joined(separator: ".")
        #expect(try TOMLDocument(parsing: key + " = 'v'\n").root["k0"] != nil)
    }

    @Test func yamlAliasBombIsRefusedBeforeItExpands() {
        // 10^9 scalars once expanded, nine lines as text.
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...8 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        do {
            _ = try RuleFileParser.parse(yaml: lines.joined(separator: "\n") + "\n", file: "laughs.yaml")
            Issue.record("an alias bomb loaded")
        } catch {
            #expect(error.description.contains("expands to more than 200000 YAML nodes"))
        }
    }

    @Test func ordinaryAliasesStillLoad() throws {
        let text = """
            - id: shared.one
              name: One
              severity: low
              pattern: 'one=([a-z]{8})'
              references: &refs ['https://example.invalid/shared']
            - id: shared.two
              name: Two
              severity: low
              pattern: 'two=([a-z]{8})'
              references: *refs
            """
        let rules = try RuleFileParser.parse(yaml: text, file: "aliases.yaml")
        #expect(rules.map(\.references) == [["https://example.invalid/shared"], ["https://example.invalid/shared"]])
    }

    /// Found by the rule-file fuzzer (the crash input, byte for byte): a mapping whose key is a
    /// list made Yams trap on a force-unwrap while building values.
    @Test func complexMappingKeysAreAnErrorNotATrap() {
        let crash: [UInt8] = Array("0ru:\n? -les:\n \n  - id:rules:@ 1'ud skey\"\n   uelanbcdefgh\"6\n".utf8)
        for text in [String(decoding: crash, as: UTF8.self), "? [a, b]\n: c\n", "? {a: b}\n: c\n", "- id: x.y\n  ? [k]\n  : v\n"] {
            do {
                _ = try RuleFileParser.parse(yaml: text, file: "keys.yaml")
                Issue.record("loaded: \(text)")
            } catch {
                #expect(error.description.contains("a mapping key is a list or a mapping"), "\(error)")
            }
        }
    }

    @Test func deeplyNestedYAMLIsAnError() {
        for text in [String(repeating: "[", count: 20_000), String(repeating: "- ", count: 20_000) + "x"] {
            #expect(throws: RuleError.self) { try RuleFileParser.parse(yaml: text, file: "deep.yaml") }
        }
    }

    /// Found by the rule-file fuzzer (the crash input, byte for byte): Yams' sexagesimal integer
    /// parsing trapped on overflow. The scalar now stays text, so the file is simply not a rule list.
    @Test func overflowingSexagesimalIntegersAreTextNotATrap() throws {
        let crash = "+368888888888888888:8"
        #expect(throws: RuleError.self) { try RuleFileParser.parse(yaml: crash, file: "sexagesimal.yaml") }
        let text = """
            - id: sexagesimal.group
              name: Sexagesimal
              severity: low
              pattern: 'x=([a-z]{8})'
              secret_group: 1
              description: +368888888888888888:8
            """
        let rules = try RuleFileParser.parse(yaml: text, file: "sexagesimal.yaml")
        #expect(rules.first?.secretGroup == 1)
        #expect(throws: PolicyError.self) { try ScanConfig.parse(yaml: "fail_on: +368888888888888888:8\n", path: "c.yaml") }
    }
}

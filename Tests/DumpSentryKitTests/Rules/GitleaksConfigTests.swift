import Testing
@testable import DumpSentryKit

/// A gitleaks config in the shape real ones take: `[extend]`, rules with keywords, tags, paths,
/// both allowlist spellings, a path-only rule, a global allowlist, every string kind.
/// The secrets planted below are fake, generated for this test.
enum GitleaksFixture {
    static let internalToken = "acme_hh945a7udlhs1zd2y4ticsvm5zm2rfq0"
    static let deployKey = "sElTTGII6+/bfJ956oZ2HUiM4iWA5U9VQgLQx27S"
    static let webhookSecret = "4fe720c2893c3b241629604060ef01d3e39ebb6b"

    static let config = #"""
    # Acme secrets: gitleaks v8 config
    title = "acme gitleaks config"

    [extend]
    useDefault = true
    disabledRules = ["generic-api-key"]

    [[rules]]
    id = "acme-internal-token"
    description = "Acme internal API token"
    regex = '''\b(acme_[a-z0-9]{32})(?:[\x60'"\s;]|\\[nr]|$)'''
    keywords = ["acme_"]
    tags = ["internal", "api"]

    [[rules]]
    id = "Acme.Deploy_Key"
    description = 'Acme deploy key'
    regex = '''(?i)deploy[_-]?key\s*[:=]\s*["']?([A-Za-z0-9+/]{40})'''
    secretGroup = 1
    entropy = 3.5
    keywords = [
      "deploy_key",
      "deploy-key", # trailing comma on purpose
    ]
    [rules.allowlist]
    description = "fixtures"
    regexes = ['''^FIXTURE''']
    stopwords = ["notasecret"]
    paths = ['''(^|/)testdata/''']

    [[rules]]
    id = "acme-webhook-secret"
    description = """
    Acme webhook \
      signing secret"""
    regex = "whsec_acme_([0-9a-f]{40})\\b"
    path = '''\.env$'''
    [[rules.allowlists]]
    regexTarget = "line"
    regexes = ['''webhook_test''']
    [[rules.allowlists]]
    condition = "AND"
    paths = ['''vendor/''']
    stopwords = ["deadbeef"]

    [[rules]]
    id = "acme-key-file"
    description = "Acme key files"
    path = '''\.acmekey$'''

    [allowlist]
    description = "global"
    regexes = ['''(?i)^0+$''']
    stopwords = ["acmeci"]
    commits = ["0a1b2c3d"]
    """#
}

@Suite("gitleaks config import")
struct GitleaksConfigTests {
    @Test func tomlValuesOfEveryKindParse() throws {
        let text = #"""
        # comment
        plain = "tab\tquote\" \u00e9 backslash\\"
        literal = 'C:\no\escapes'
        multi = '''
        first
        second'''
        basicMulti = """
        one \
           two ""quoted"" end"""
        numbers = [1, -2, 0x1f, 1_000, 3.5, -0.25e2,]
        flags = [true, false]
        "quoted key".inner = 7
        inline = { a = 1, b = "x" }
        [[list]]
        n = 1
        [list.sub]
        m = 2
        [[list]]
        n = 3
        """#
        let root = try TOMLDocument(parsing: text).root
        #expect(root["plain"] == .string("tab\tquote\" é backslash\\"))
        #expect(root["literal"] == .string(#"C:\no\escapes"#))
        #expect(root["multi"] == .string("first\nsecond"))
        #expect(root["basicMulti"] == .string(#"one two ""quoted"" end"#))
        #expect(root["numbers"] == .array([.integer(1), .integer(-2), .integer(31), .integer(1000), .float(3.5), .float(-25)]))
        #expect(root["flags"] == .array([.boolean(true), .boolean(false)]))
        #expect(root["quoted key"] == .table(["inner": .integer(7)]))
        #expect(root["inline"] == .table(["a": .integer(1), "b": .string("x")]))
        #expect(root["list"] == .array([.table(["n": .integer(1), "sub": .table(["m": .integer(2)])]), .table(["n": .integer(3)])]))
    }

    @Test(arguments: [
        ("a = 1\nb = \"unclosed\nc = 2\n", 2, "not closed"),
        ("a = 1\n\n[[rules]]\nid = 'x'\nregex = '''abc\n", 5, "multi-line string is not closed"),
        ("[rules]\nid = 'x'\nid = 'y'\n", 3, "defined twice"),
        ("x = \"\\d+\"\n", 1, "invalid escape"),
        ("ok = true\nwhen = 1979-05-27T07:32:00Z\n", 2, "dates"),
        ("a = [1, 2\nb = 3\n", 2, "expected ',' or ']'"),
        ("a = 1 b = 2\n", 1, "end of the line"),
    ])
    func malformedTOMLIsAClearErrorWithItsLine(text: String, line: Int, message: String) {
        do {
            _ = try GitleaksConfig.parse(toml: text, file: "bad.toml")
            Issue.record("accepted malformed TOML: \(text)")
        } catch {
            #expect(error.description.hasPrefix("bad.toml: not valid TOML: line \(line):"), "\(error)")
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func fieldsMapToRules() throws {
        let config = try GitleaksConfig.parse(toml: GitleaksFixture.config, file: "acme.toml")
        #expect(config.useDefault)
        #expect(config.rules.map(\.id) == ["gitleaks.acme-internal-token", "gitleaks.acme-deploy_key", "gitleaks.acme-webhook-secret"])
        #expect(config.rules.allSatisfy { $0.severity == .medium && $0.sourceFile == "acme.toml" && Rule.isValidID($0.id) })
        let (token, deploy, webhook) = (config.rules[0], config.rules[1], config.rules[2])
        #expect(token.name == "Acme internal API token")
        #expect(token.secretGroup == 1)
        #expect(token.pattern == #"\b(acme_[a-z0-9]{32})"# + GitleaksConfig.dumpSecretEnd)
        #expect(token.minEntropy == nil)
        #expect(deploy.minEntropy == 3.5)
        #expect(deploy.allowlistRegexes == ["^FIXTURE", "(?i)^0+$"])
        #expect(deploy.stopwords == ["notasecret", "acmeci"])
        #expect(webhook.name == "Acme webhook signing secret")
        #expect(webhook.pattern == #"whsec_acme_([0-9a-f]{40})\b"#)
        // line-targeted regexes and AND-with-paths stopwords would veto more than gitleaks does: not imported
        #expect(webhook.allowlistRegexes == ["(?i)^0+$"])
        #expect(webhook.stopwords == ["acmeci"])
        let ignored = config.ignoredFields.joined(separator: "\n")
        for field in ["extend.disabledRules ([extend])", "rules.tags (acme-internal-token)", "rules.path (acme-webhook-secret, acme-key-file)",
                      "rules.allowlist.paths (Acme.Deploy_Key, acme-webhook-secret)", "rules.allowlist.regexes (regexTarget line) (acme-webhook-secret)",
                      "rules.allowlist.stopwords (condition AND with paths/commits) (acme-webhook-secret)",
                      "rules without regex (skipped) (acme-key-file)", "allowlist.commits ([allowlist])"] {
            #expect(ignored.contains(field), "missing \(field) in:\n\(ignored)")
        }
        #expect(!ignored.contains("keywords"), "keywords are not needed, so not a loss")
    }

    @Test func secretGroupDefaultsToTheFirstCaptureGroupIfAny() throws {
        #expect(GitleaksConfig.captureGroupCount(#"(?i)(?:a|b)x[(]\(y\)"#) == 0)
        #expect(GitleaksConfig.captureGroupCount(#"(?P<k>a)(?<v>b)(?<=c)(?<!d)(e)"#) == 3)
        let config = try GitleaksConfig.parse(toml: "[[rules]]\nid = 'whole'\nregex = 'tok_[a-z]{8}'\n", file: "x.toml")
        #expect(config.rules.first?.secretGroup == 0)
        #expect(!config.useDefault)
        let alternatives = try GitleaksConfig.parse(toml: "[[rules]]\nid = 'two'\nregex = 'a=([0-9]{8})|b=([a-z]{8})'\n", file: "x.toml")
        #expect(alternatives.rules.first?.secretGroup == 1)
        #expect(alternatives.ignoredFields == ["rules.secretGroup default (first non-empty of several groups; group 1 used) (two)"])
    }

    @Test func importedRulesFindPlantedSecretsAndHonourAllowlists() throws {
        let config = try GitleaksConfig.parse(toml: GitleaksFixture.config, file: "acme.toml")
        var dump = DumpBuilder(size: 8192)
        dump.plant("ACME_TOKEN=\(GitleaksFixture.internalToken)", at: 100)  // NUL-terminated: needs the widened end
        dump.plant("deploy_key: \(GitleaksFixture.deployKey)\n", at: 1000, encoding: .utf16le)
        dump.plant("whsec_acme_\(GitleaksFixture.webhookSecret) ", at: 3000)
        dump.plant("deploy_key: acmeciqX7Lp2Wn9Vb4Kc6Hd8Jf3Gs5Ta1Ry0Mu2Ne4\n", at: 5000)  // global stopword
        dump.plant("deploy_key=FIXTUREqX7Lp2Wn9Vb4Kc6Hd8Jf3Gs5Ta1Ry0Mu2N\n", at: 6000)  // rule allowlist regex
        dump.plant("deploy_key=abababababababababababababababababababab\n", at: 7000)  // below the entropy floor
        func scan(_ rules: [Rule]) throws -> [(String, Int)] {
            let database = try RuleDatabase(RuleSet(rules: rules))
            return try ScanPipeline(database: database, chunkSize: 4096, workers: 1).scan(bytes: dump.bytes).map { ($0.ruleID, Int($0.offset)) }
        }
        let found = try scan(config.rules)
        #expect(found.map(\.0) == ["gitleaks.acme-internal-token", "gitleaks.acme-deploy_key", "gitleaks.acme-webhook-secret"])
        #expect(found.map(\.1) == [111, 1000 + 2 * 12, 3011])
        // the vetoed ones are there to be found: without allowlists and entropy floor, all six are reported
        let bare = config.rules.map { rule in
            var rule = rule
            (rule.allowlistRegexes, rule.stopwords, rule.minEntropy) = ([], [], nil)
            return rule
        }
        #expect(try scan(bare).map(\.1) == [111, 1024, 3011, 5012, 6011, 7011])
    }

    @Test func loadingATomlFileReportsWhatItIgnored() throws {
        let directory = try TemporaryDirectory()
        let file = directory.write("acme.toml", Array(GitleaksFixture.config.utf8))
        let loaded = try RuleSet.loadFiles(paths: [file])
        #expect(loaded.rules.count == 3)
        #expect(loaded.configsExtendingDefaults == [file])
        #expect(loaded.ignoredFields.count == 1 && loaded.ignoredFields[0].hasPrefix("\(file): "))
    }
}

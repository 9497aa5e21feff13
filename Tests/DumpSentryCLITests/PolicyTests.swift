import Foundation
import Testing

/// `--fail-on`, `baseline create` / `--baseline` and `.dumpsentry.yaml`.
@Suite("scan policy: fail-on, baseline, config", .serialized)
struct PolicyTests {
    /// One test rule per severity, each matching its own fake token.
    static let severities = ["critical", "high", "medium", "low"]
    static func token(_ severity: String) -> String { "TST\(severity.prefix(3).uppercased())_q7Zp4Lx9Wm2Rv8Kt" }
    static let rulesYAML = severities.map { severity in
        """
        - id: test.\(severity)
          name: Test \(severity) token
          severity: \(severity)
          pattern: '\\b(TST\(severity.prefix(3).uppercased())_[A-Za-z0-9]{16})\\b'
          examples: ['\(token(severity))']
          references: ['https://example.invalid/\(severity)']
        """
    }.joined(separator: "\n") + "\n"

    func report(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func ruleIDs(_ result: CLIRunner.Result) throws -> [String] {
        try #require(report(result.stdout)["findings"] as? [[String: Any]]).compactMap { $0["rule_id"] as? String }
    }

    func dump(_ texts: [(String, Int)], size: Int = 16_384) -> Data {
        var bytes = [UInt8](repeating: 0xa5, count: size)
        for (text, offset) in texts {
            let framed = Array("\0\(text)\0".utf8)
            bytes.replaceSubrange(offset..<(offset + framed.count), with: framed)
        }
        return Data(bytes)
    }

    @Test func failOnSetsTheSeverityThatFailsAndBelowIsStillReported() throws {
        let workspace = Workspace()
        let rules = workspace.write("rules.yaml", Data(Self.rulesYAML.utf8))
        for (rank, found) in Self.severities.enumerated() {
            let file = workspace.write("\(found).bin", dump([(Self.token(found), 4_000)]))
            for (gateRank, gate) in Self.severities.enumerated() {
                let result = try CLIRunner.run(["scan", "--no-default-rules", "--rules", rules, "--format", "json", "--fail-on", gate, file])
                // severities are listed from critical down: a finding fails when it ranks at or above the gate
                #expect(result.status == (rank <= gateRank ? 1 : 0), "\(found) finding, --fail-on \(gate): \(result.stderr)")
                #expect(try ruleIDs(result) == ["test.\(found)"], "findings below the gate are still reported")
            }
        }
        let noGate = try CLIRunner.run(["scan", "--no-default-rules", "--rules", rules, workspace.path + "/low.bin"])
        #expect(noGate.status == 1, "default --fail-on is low")
        #expect(try CLIRunner.run(["scan", "--fail-on", "severe", "x"]).status == 2)
    }

    @Test func baselineSuppressesTheSameSecretAnywhereButNotANewOne() throws {
        let workspace = Workspace()
        let fileA = workspace.write("a.core", dump([("GITHUB_TOKEN=\(Planted.github)", 1_000)]))
        let baseline = workspace.path + "/.dumpsentry-baseline.json"
        let created = try CLIRunner.run(["baseline", "create", "-o", baseline, fileA])
        #expect(created.status == 0, "\(created.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: baseline)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let baselineText = try String(contentsOfFile: baseline, encoding: .utf8)
        #expect(baselineText.contains("github.pat-classic") && baselineText.contains("sha256:"))
        #expect(!baselineText.contains(Planted.github) && !baselineText.contains(String(Planted.github.dropFirst(4))), "a baseline never holds the secret")

        // The same secret in another file at another offset, plus a new secret.
        let fileB = workspace.write("b.core", dump([("token=\(Planted.github)", 9_001), ("aws_access_key_id=\(Planted.aws)", 12_000)]))
        let scanned = try CLIRunner.run(["scan", "--format", "json", "--baseline", baseline, fileB])
        #expect(scanned.status == 1, "the new secret still fails: \(scanned.stderr)")
        let ids = try ruleIDs(scanned)
        #expect(!ids.contains("github.pat-classic") && ids.contains { $0.hasPrefix("aws.") }, "\(ids)")
        let suppressed = try #require((report(scanned.stdout)["summary"] as? [String: Any])?["suppressed"] as? Int)
        #expect(suppressed >= 1)
        #expect(scanned.stderr.contains("suppressed"))

        let onlyOld = workspace.write("c.core", dump([("ghtoken: \(Planted.github)", 5_555)]))
        let clean = try CLIRunner.run(["scan", "--baseline", baseline, onlyOld])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        let without = try CLIRunner.run(["scan", onlyOld])
        #expect(without.status == 1)

        let broken = workspace.write("broken.json", Data(#"{"entries":[{"rule_id":"x.y","fingerprint":"md5:00"}]}"#.utf8))
        let bad = try CLIRunner.run(["scan", "--baseline", broken, onlyOld])
        #expect(bad.status == 2 && bad.stderr.contains("fingerprint"), "\(bad.stderr)")
    }

    @Test func baselineCreateUsesTheConfigsRules() throws {
        let workspace = Workspace()
        workspace.write("rules.yaml", Data(Self.rulesYAML.utf8))
        let config = workspace.write("policy.yaml", Data("rules: [rules.yaml]\ndisable: [test.low]\n".utf8))
        let tokens = workspace.write("tokens.bin", dump(Self.severities.enumerated().map { (Self.token($1), 1_000 + $0 * 500) }))
        let baseline = workspace.path + "/baseline.json"
        let created = try CLIRunner.run(["baseline", "create", "--no-default-rules", "--config", config, "-o", baseline, tokens])
        #expect(created.status == 0, "\(created.stderr)")
        let entries = try #require(report(String(contentsOfFile: baseline, encoding: .utf8))["entries"] as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["rule_id"] as? String }) == ["test.critical", "test.high", "test.medium"])
        let scanned = try CLIRunner.run(["scan", "--no-default-rules", "--config", config, "--baseline", baseline, tokens])
        #expect(scanned.status == 0, "\(scanned.stdout)\(scanned.stderr)")
    }

    /// A workspace with the planted dump (github, aws, password), a dump of the test tokens
    /// (`tokens.bin`: one per severity), the test rules and a config; runs scan from the
    /// workspace directory on `dump` (default: the planted dump).
    func withConfig(_ yaml: String, arguments: [String] = [], dump name: String = "dump.bin",
                    body: (CLIRunner.Result, Workspace) throws -> Void) throws {
        let workspace = Workspace()
        workspace.write("dump.bin", Planted.dump().bytes)
        workspace.write("tokens.bin", dump(Self.severities.enumerated().map { (Self.token($1), 1_000 + $0 * 500) }))
        workspace.write("rules.yaml", Data(Self.rulesYAML.utf8))
        workspace.write(".dumpsentry.yaml", Data(yaml.utf8))
        let result = try CLIRunner.run(["scan"] + arguments + [name], cwd: workspace.path)
        try body(result, workspace)
    }

    /// Config tests that change the rule set use only the small test rules, so each distinct
    /// rule set compiles in milliseconds instead of recompiling the 440 default rules.
    static let testRulesOnly = ["--no-default-rules"]

    @Test func configUnknownKeyIsAnErrorNamingIt() throws {
        try withConfig("disabel: [github.pat-classic]\n") { result, _ throws in
            #expect(result.status == 2)
            #expect(result.stderr.contains("disabel"), "\(result.stderr)")
        }
        try withConfig("allowlist:\n  - {fingerprint: 'sha256:\(String(repeating: "0", count: 64))', resaon: typo}\n") { result, _ throws in
            #expect(result.status == 2 && result.stderr.contains("resaon"), "\(result.stderr)")
        }
    }

    @Test func configDisableRulesFormatAndFailOn() throws {
        try withConfig("format: json\n") { result, _ throws in
            #expect(result.status == 1)
            #expect(try ruleIDs(result).contains("github.pat-classic"))
        }
        let base = "rules: [rules.yaml]\nformat: json\n"
        try withConfig(base, arguments: Self.testRulesOnly, dump: "tokens.bin") { result, _ throws in
            #expect(try Set(ruleIDs(result)) == ["test.critical", "test.high", "test.medium", "test.low"], "\(result.stderr)")
        }
        try withConfig(base + "disable: [test.high, test.low]\n", arguments: Self.testRulesOnly, dump: "tokens.bin") { result, _ throws in
            #expect(try Set(ruleIDs(result)) == ["test.critical", "test.medium"])
        }
        try withConfig("format: xml\n") { result, _ throws in
            #expect(result.status == 2 && result.stderr.contains("xml"))
        }
        try withConfig("format: jsonl\n", arguments: ["--format", "json"]) { result, _ throws in
            #expect(try report(result.stdout)["summary"] != nil, "the flag wins over the config")
        }
        try withConfig(base + "fail_on: critical\ndisable: [test.critical]\n", arguments: Self.testRulesOnly, dump: "tokens.bin") { result, _ throws in
            #expect(result.status == 0, "no critical finding left: \(result.stderr)")
            #expect(try ruleIDs(result).count == 3, "findings below fail_on are still reported")
        }
        try withConfig(base + "fail_on: critical\n", arguments: Self.testRulesOnly, dump: "tokens.bin") { result, _ throws in
            #expect(result.status == 1)
        }
        try withConfig(base + "fail_on: critical\n", arguments: Self.testRulesOnly + ["--fail-on", "low", "--disable", "test.critical"], dump: "tokens.bin") { result, _ throws in
            #expect(result.status == 1, "--fail-on wins over fail_on")
        }
    }

    @Test func configRulesAllowlistStopwordsAndSkipPaths() throws {
        // rules: relative to the config file.
        let workspace = Workspace()
        workspace.write("extra.bin", dump([(Self.token("medium"), 300)]))
        workspace.write("rules.yaml", Data(Self.rulesYAML.utf8))
        let config = workspace.write("policy.yaml", Data("rules: [rules.yaml]\nformat: json\n".utf8))
        let withRules = try CLIRunner.run(["scan", "--config", config, workspace.path + "/extra.bin"], cwd: "/")
        #expect(try ruleIDs(withRules) == ["test.medium"], "\(withRules.stderr)")

        let probe = try CLIRunner.run(["scan", "--format", "json", workspace.write("g.bin", Planted.dump().bytes)])
        let probeFindings = try #require(report(probe.stdout)["findings"] as? [[String: Any]])
        let fingerprint = try #require(probeFindings.first { $0["rule_id"] as? String == "github.pat-classic" }?["fingerprint"] as? String)
        try withConfig("format: json\nallowlist:\n  - fingerprint: '\(fingerprint)'\n    reason: fake token in a test dump\n") { result, _ throws in
            #expect(try !ruleIDs(result).contains("github.pat-classic"))
            #expect(try (report(result.stdout)["summary"] as? [String: Any])?["suppressed"] as? Int == 1)
        }
        try withConfig("format: json\nstopwords: [R8m2Xq7]\n") { result, _ throws in
            let ids = try ruleIDs(result)
            #expect(!ids.contains("github.pat-classic") && !ids.isEmpty, "\(ids)")
        }
        // skip_paths: a top-level path and a file found in a directory walk.
        let tree = Workspace()
        try FileManager.default.createDirectory(atPath: tree.path + "/dir", withIntermediateDirectories: true)
        let bytes = Planted.dump().bytes
        tree.write("dir/keep.bin", bytes)
        tree.write("dir/drop.sym", bytes)
        tree.write("top.sym", bytes)
        tree.write(".dumpsentry.yaml", Data("format: json\nskip_paths: ['*.sym']\n".utf8))
        let skipped = try CLIRunner.run(["scan", "dir", "top.sym"], cwd: tree.path)
        #expect(skipped.status == 1)
        let paths = Set(try #require(report(skipped.stdout)["findings"] as? [[String: Any]]).compactMap { $0["path"] as? String })
        #expect(paths == ["dir/keep.bin"], "\(paths)")
        let files = try #require(report(skipped.stdout)["files"] as? [[String: Any]]).compactMap { $0["path"] as? String }
        #expect(files == ["dir/keep.bin"], "\(files)")
        tree.write("empty.yaml", Data())
        let explicit = try CLIRunner.run(["scan", "--config", "empty.yaml", "top.sym"], cwd: tree.path)
        #expect(explicit.status == 1, "--config replaces ./.dumpsentry.yaml")
    }
}

import Foundation
import Testing

@Suite("dumpsentry with a gitleaks config", .serialized)
struct GitleaksCLITests {
    /// Fake, generated for this test.
    static let token = "acme_q3v8k1x7m2p9z4w6n0r5t8y2u7b1c4d6"

    static let config = #"""
    title = "acme"

    [[rules]]
    id = "acme-token"
    description = "Acme API token"
    regex = '''\b(acme_[a-z0-9]{32})\b'''
    keywords = ["acme_"]
    path = '''\.env$'''
    """#

    @Test func scanWithOnlyAGitleaksConfigFindsItsSecretAndNamesIgnoredFields() throws {
        let workspace = Workspace()
        let rules = workspace.write("gitleaks.toml", Data(Self.config.utf8))
        var bytes = [UInt8](repeating: 0x9c, count: 4096)
        let planted = Array("\0ACME=\(Self.token)\0".utf8)
        bytes.replaceSubrange(1000..<(1000 + planted.count), with: planted)
        let dump = workspace.write("core.1", Data(bytes))
        let result = try CLIRunner.run(["scan", "--no-default-rules", "--rules", rules, "--format", "json", dump])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule_id"] as? String } == ["gitleaks.acme-token"])
        #expect(findings.first?["offset"] as? Int == 1006)
        #expect(result.stderr.contains("warning: gitleaks config fields ignored: \(rules): rules.path (acme-token)"), "\(result.stderr)")
        #expect(!result.stderr.contains("useDefault"), "no defaults warning when --no-default-rules matches the config")
    }

    @Test func aConfigThatReplacesTheDefaultsIsNamedWhenTheDefaultsStillRun() throws {
        let workspace = Workspace()
        let rules = workspace.write("gitleaks.toml", Data(Self.config.utf8))
        let result = try CLIRunner.run(["rules", "list", "--rules", rules])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("gitleaks.acme-token\tmedium"))
        #expect(result.stderr.contains("has no [extend] useDefault = true"), "\(result.stderr)")
    }

    @Test func malformedTomlExitsWith2AndNamesTheLine() throws {
        let workspace = Workspace()
        let rules = workspace.write("bad.toml", Data("[[rules]]\nid = 'x'\nregex = \"\\d\"\n".utf8))
        let result = try CLIRunner.run(["scan", "--no-default-rules", "--rules", rules, workspace.write("f", Data([0]))])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.toml: not valid TOML: line 3: invalid escape"), "\(result.stderr)")
    }
}

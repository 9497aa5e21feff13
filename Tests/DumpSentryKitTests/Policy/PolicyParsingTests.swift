import Foundation
import Testing
@testable import DumpSentryKit

@Suite("policy files and SARIF URIs")
struct PolicyParsingTests {
    static let zeros = "sha256:" + String(repeating: "0", count: 64)

    @Test func configParsesEveryKeyAndRejectsUnknownOnes() throws {
        let config = try ScanConfig.parse(yaml: """
            rules: [extra.yaml, /abs/rules]
            disable: [a.b]
            allowlist: [{fingerprint: '\(Self.zeros)', reason: fixture}]
            skip_paths: ['*.sym']
            stopwords: [dummy]
            fail_on: high
            format: sarif
            """, path: "/etc/ds/.dumpsentry.yaml")
        #expect(config.rules == ["/etc/ds/extra.yaml", "/abs/rules"])
        #expect(config.disable == ["a.b"] && config.skipPaths == ["*.sym"] && config.stopwords == ["dummy"])
        #expect(config.allowlist == [ScanConfig.AllowlistEntry(fingerprint: Self.zeros, reason: "fixture")])
        #expect(config.failOn == .high && config.format == "sarif")
        #expect(throws: PolicyError.unknownKey(path: "c", key: "skip_path")) { try ScanConfig.parse(yaml: "skip_path: [x]", path: "c") }
        #expect(throws: PolicyError.self) { try ScanConfig.parse(yaml: "fail_on: severe", path: "c") }
        #expect(throws: PolicyError.self) { try ScanConfig.parse(yaml: "allowlist: [{fingerprint: abc}]", path: "c") }
        #expect(throws: PolicyError.self) { try ScanConfig.parse(yaml: "- just a list", path: "c") }
        #expect(try ScanConfig.parse(yaml: "", path: "c").rules.isEmpty)
    }

    @Test func baselineRoundTripsAndMatchesByRuleAndFingerprint() throws {
        let secret = Array("fake-secret-value-123".utf8)
        let finding = Finding(ruleID: "t.rule", ruleName: "T", severity: .high, path: "a", offset: 10, length: secret.count,
                              encoding: .ascii, secret: secret)
        let baseline = Baseline(findings: [finding, finding])
        #expect(baseline.entries.count == 1)
        let text = String(decoding: baseline.encoded(), as: UTF8.self)
        #expect(!text.contains("fake-secret"))
        let loaded = try Baseline.parse(Data(baseline.encoded()), path: "b")
        var elsewhere = finding
        elsewhere.path = "other"
        elsewhere.offset = 999
        #expect(loaded.suppresses(elsewhere))
        elsewhere.ruleID = "t.other"
        #expect(!loaded.suppresses(elsewhere))
        #expect(throws: PolicyError.self) { try Baseline.parse(Data(#"{"entries":[{"rule_id":"a.b"}]}"#.utf8), path: "b") }
        #expect(throws: PolicyError.self) { try Baseline.parse(Data("[]".utf8), path: "b") }
    }

    @Test func sarifURIsArePercentEncoded() {
        #expect(SarifReporter.uri(path: "dumps/a b#1?.dmp", member: nil) == "dumps/a%20b%231%3F.dmp")
        #expect(SarifReporter.uri(path: "/var/crash/core.1", member: "inner/x.core") == "file:///var/crash/core.1!inner/x.core")
        #expect(SarifReporter.uri(path: "d/\u{1b}[31m", member: nil) == "d/%1B%5B31m")
        #expect(SarifReporter.uri(path: "é", member: nil) == "%C3%A9")
    }

    @Test func policyGateAndSkipGlobs() {
        let policy = FindingPolicy(skipPaths: ["*.sym", "build/*"], failOn: .high)
        #expect(policy.isSkipped("x/y/app.sym") && policy.isSkipped("build/a.bin") && !policy.isSkipped("core.1"))
    }

    @Test func textArtifactPositionsAreLinesAndCodePointColumns() throws {
        let directory = TemporaryDirectory()
        let text = directory.path + "/app.log"
        FileManager.default.createFile(atPath: text, contents: Data("first\nsé: TOKEN\n\nx".utf8))
        let positions = try #require(try TextArtifact.positions(path: text, offsets: [0, 5, 11, 18, 19]))
        #expect(positions[0] == TextArtifact.Position(line: 1, column: 1))
        #expect(positions[5] == TextArtifact.Position(line: 1, column: 6))
        #expect(positions[11] == TextArtifact.Position(line: 2, column: 5), "é is one column")
        #expect(positions[18] == TextArtifact.Position(line: 4, column: 1))
        #expect(positions[19] == nil, "past the end")
        let binary = directory.path + "/core"
        FileManager.default.createFile(atPath: binary, contents: Data([0x41, 0x00, 0x0a, 0x42]))
        #expect(try TextArtifact.positions(path: binary, offsets: [3]) == nil)
        #expect(TextArtifact.looksLikeText(Array(Array("ab\u{e9}".utf8).dropLast())), "a sequence cut by the sample end is fine")
        #expect(!TextArtifact.looksLikeText([0x61, 0xff, 0x61]))
    }

    @Test func terminalTextGroupsByFileAndColorsOnlyWhenAsked() {
        func finding(_ rule: String, _ severity: Severity, _ path: String, _ offset: UInt64) -> Finding {
            Finding(ruleID: rule, ruleName: rule, severity: severity, path: path, offset: offset, length: 8,
                    encoding: .ascii, secret: Array("fakefake".utf8))
        }
        let outcome = ScanOutcome(findings: [finding("t.a", .high, "a.core", 1), finding("t.b", .low, "a.core", 9),
                                             finding("t.a", .high, "b\u{1b}.core", 4)],
                                  sources: [], diagnostics: [], bytes: 0, seconds: 0, unconfirmedHits: [:])
        let plain = TextReporter(settings: ReportSettings(), color: false).grouped(outcome)
        #expect(plain.contains("a.core (2 findings)\n  1  high t.a [ascii] fake…\n  9  low t.b"))
        #expect(plain.contains("b\\x1b.core (1 finding)"), "names are escaped")
        #expect(!plain.contains("\u{1b}"))
        #expect(plain.hasSuffix("rule  severity  count\nt.a   high      2\nt.b   low       1\n"), "\(plain)")
        let colored = TextReporter(settings: ReportSettings(), color: true).grouped(outcome)
        #expect(colored.contains("\u{1b}[31mhigh\u{1b}[0m"))
        #expect(TextReporter(settings: ReportSettings(), color: true).grouped(ScanOutcome(findings: [], sources: [], diagnostics: [], bytes: 0, seconds: 0, unconfirmedHits: [:])).isEmpty)
    }
}

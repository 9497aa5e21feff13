import Testing
@testable import DumpSentryKit

@Suite("Rule coverage measure")
struct RuleCoverageTests {
    let pipeline = ScanPipeline(database: TestRules.database, chunkSize: 1 << 20, workers: 1)

    @Test func ownExamplesCountOnlyForTheirRuleInBothEncodings() throws {
        var other = TestRules.github
        other.id = "test.other"
        other.examples = [TestRules.awsKey]  // an AWS key: found, but by another rule, so a miss for this one
        other.negativeExamples = ["id=\(TestRules.awsKey)"]  // reported by another rule: not this rule's FP
        let tallies = try RuleCoverage().measure(RuleCoverage.examples(of: [TestRules.github, other]), with: pipeline)
        #expect(tallies.map(\.group) == ["test.github-pat", "test.other"])
        for encoding in RuleCoverage.Encoding.allCases {
            #expect(tallies[0].found[encoding] == 1 && tallies[0].reported[encoding, default: 0] == 0)
            #expect(tallies[1].found[encoding, default: 0] == 0 && tallies[1].reported[encoding, default: 0] == 0)
        }
        #expect(tallies[1].failures.map(\.encoding) == [.ascii, .utf16le])
    }

    @Test func peerExamplesCountAnyOverlappingFinding() throws {
        let jsonl = """
            {"rule_id": "p.gh", "positive": true, "text": "token: \(TestRules.githubToken)"}
            {"rule_id": "p.gh", "positive": true, "text": "nothing to see"}
            {"rule_id": "p.gh", "positive": false, "text": "aws=\(TestRules.awsKey)"}
            {"rule_id": "p.gh", "positive": false, "text": "token: \(TestRules.githubToken)"}
            {"rule_id": "p.aws", "positive": false, "text": "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}
            """
        let samples = try RuleCoverage.peerExamples(jsonl: jsonl, file: "peer.jsonl")
        #expect(samples.count == 4, "a negative that is also a positive is left out")
        let tallies = try RuleCoverage().measure(samples, with: pipeline)
        let total = RuleCoverage.Tally.total(tallies, group: "all")
        #expect(total.positives == 2 && total.negatives == 2)
        #expect(total.found == [.ascii: 1, .utf16le: 1])
        #expect(total.reported == [.ascii: 1, .utf16le: 1])
        #expect(tallies.first { $0.group == "p.gh" }?.failures.first { !$0.sample.positive }?.reportedBy == ["test.aws-key-id"])
    }

    @Test func malformedPeerLinesAreErrorsWithTheirLine() {
        #expect(throws: RuleError.self) { try RuleCoverage.peerExamples(jsonl: "{\"rule_id\": \"a\", \"positive\": true, \"text\": \"x\"}\n{\"rule_id\": 3}", file: "p.jsonl") }
    }
}

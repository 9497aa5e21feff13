import Foundation
import Testing

@Suite("samples/")
struct SamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every secret the generator planted is found at its offset, with its length, encoding and rule.
    @Test func everyPlantedSampleSecretIsFoundExactly() throws {
        let manifestData = try Data(contentsOf: Self.root.appendingPathComponent("samples/MANIFEST.json"))
        let planted = try #require(JSONSerialization.jsonObject(with: manifestData) as? [[String: Any]])
        #expect(planted.count >= 8)
        let result = try CLIRunner.run(["scan", "--format", "json", "samples"], cwd: Self.root.path)
        #expect(result.status == 1)
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        for entry in planted {
            let file = "samples/" + (entry["file"] as? String ?? "?")
            let match = findings.first {
                $0["path"] as? String == file && $0["offset"] as? Int == entry["offset"] as? Int
                    && $0["rule_id"] as? String == entry["rule_id"] as? String
            }
            #expect(match != nil, "missing \(entry)")
            #expect(match?["length"] as? Int == entry["length"] as? Int, "\(entry)")
            #expect(match?["encoding"] as? String == entry["encoding"] as? String, "\(entry)")
        }
    }
}

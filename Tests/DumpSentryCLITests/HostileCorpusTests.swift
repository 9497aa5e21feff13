import Foundation
import Testing

/// The crafted hostile corpus (scripts/make-hostile.py): lying dump headers, degenerate files,
/// hostile names, bad rule files. No crash, no hang, a clear message, and every planted token in
/// the readable parts still found.
@Suite("Hostile corpus", .serialized)
struct HostileCorpusTests {
    struct Case: Decodable {
        let name: String
        let kind: String
        let path: String?
        let suffix: String
        let expect_token_offset: Int?
        let slow: Bool
    }

    static func corpus() throws -> (directory: String, cases: [Case]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dumpsentry-hostile-\(UUID().uuidString)").path
        let script = SamplesTests.root.appendingPathComponent("scripts/make-hostile.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, directory]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))
        return (directory, try JSONDecoder().decode([Case].self, from: data))
    }

    @Test func everyDumpCaseIsScannedAndItsTokenFound() throws {
        let (directory, cases) = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let scans = cases.filter { $0.kind == "scan" && !$0.slow }
        #expect(scans.count >= 80)
        let result = try CLIRunner.run(["scan", "--format", "json", "."], cwd: directory, timeout: 120)
        // Exit 2: the truncated gzip cannot be read (the 64 MiB bomb stays under the default guards).
        #expect(result.status == 2, "\(result.stderr.prefix(2000))")
        let report = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let errors = try #require(report["errors"] as? [[String: Any]])
        let failed = Set(errors.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } })
        #expect(failed == ["truncated.gz"], "\(errors)")
        let findings = try #require(report["findings"] as? [[String: Any]])
        for entry in scans {
            guard let offset = entry.expect_token_offset else { continue }
            let found = findings.contains {
                ($0["path"] as? String)?.hasSuffix(entry.suffix) == true
                    && $0["offset"] as? Int == offset && ($0["rule_id"] as? String)?.hasPrefix("github.") == true
            }
            #expect(found, "\(entry.name): token at \(offset) not found")
        }
        // Hostile names never reach the terminal raw.
        let text = try CLIRunner.run(["scan", "."], cwd: directory, timeout: 120)
        #expect(!text.stdout.contains("\u{1b}"))
        #expect(!text.stdout.contains("new\nline"))
        #expect(text.stdout.contains("new\\x0aline.bin"))
    }

    @Test func badRuleFilesAreRefusedWithAClearMessage() throws {
        let (directory, cases) = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rules = cases.filter { $0.kind == "rules" }
        #expect(rules.count >= 10)
        for entry in rules {
            let path = try #require(entry.path)
            let result = try CLIRunner.run(["rules", "check", "--no-default-rules", "--rules", path], cwd: directory, timeout: 60)
            #expect(result.status == 1 || result.status == 2, "\(entry.name): exit \(result.status)")
            #expect((result.stdout + result.stderr).contains(path), "\(entry.name): message does not name the file")
        }
    }
}

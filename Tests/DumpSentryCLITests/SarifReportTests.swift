import Foundation
import Testing

/// `--format sarif` on the generated samples (ASCII, UTF-16LE/BE and a binary RSA key): schema-valid
/// SARIF 2.1.0 that says what GitHub code scanning needs, and nothing secret.
@Suite("SARIF and JSON reports against their schemas", .serialized, .enabled(if: SchemaValidator.enabled, SchemaValidator.skipReason))
struct SarifReportTests {
    static let samples = ["heap-ascii.bin", "heap-utf16.bin", "keys.bin"].map {
        SchemaValidator.repoRoot.appendingPathComponent("samples/\($0)").path
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func scan(_ arguments: [String], into report: String) throws -> CLIRunner.Result {
        let result = try CLIRunner.run(["scan"] + arguments + ["-o", report])
        #expect(FileManager.default.fileExists(atPath: report), "\(result.stderr)")
        return result
    }

    @Test func samplesGiveSchemaValidSarifWithEveryEncoding() throws {
        for path in Self.samples { #expect(FileManager.default.fileExists(atPath: path), "missing fixture \(path): run make samples") }
        let workspace = Workspace()
        let sarifSchema = try SchemaValidator.sarifSchema()
        for github in [false, true] {
            let report = workspace.path + "/report\(github ? "-github" : "").sarif"
            let result = try scan(["--format", "sarif"] + (github ? ["--sarif-github"] : []) + Self.samples, into: report)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(try SchemaValidator.problems(schema: sarifSchema, files: [report]) == nil)

            let log = try object(String(contentsOfFile: report, encoding: .utf8))
            #expect(log["version"] as? String == "2.1.0")
            let run = try #require((log["runs"] as? [[String: Any]])?.first)
            let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
            #expect(driver["name"] as? String == "dumpsentry")
            #expect(driver["informationUri"] is String && driver["version"] is String)
            let rules = try #require(driver["rules"] as? [[String: Any]])
            let results = try #require(run["results"] as? [[String: Any]])
            #expect(results.count >= 8, "the manifest plants 8 secrets")
            #expect(Set(results.compactMap { $0["ruleId"] as? String }).count == rules.count, "one driver rule per rule that produced a result")

            var encodings = Set<String>()
            for result in results {
                let ruleID = try #require(result["ruleId"] as? String)
                let index = try #require(result["ruleIndex"] as? Int)
                let rule = rules[index]
                #expect(rule["id"] as? String == ruleID)
                let properties = try #require(rule["properties"] as? [String: Any])
                let severity = try #require(properties["severity"] as? String)
                let score = try #require(Double(properties["security-severity"] as? String ?? ""))
                let expectedLevel: String
                switch severity {
                case "critical": #expect(score >= 9); expectedLevel = "error"
                case "high": #expect(score >= 7 && score < 9); expectedLevel = "error"
                case "medium": #expect(score >= 4 && score < 7); expectedLevel = "warning"
                default: #expect(score < 4); expectedLevel = "note"
                }
                #expect(result["level"] as? String == expectedLevel)
                #expect((properties["tags"] as? [String])?.contains("secret") == true)
                #expect((rule["helpUri"] as? String)?.hasPrefix("http") == true)
                let fingerprint = try #require((result["partialFingerprints"] as? [String: Any])?["dumpsentry/v1"] as? String)
                #expect(fingerprint.hasPrefix("sha256:") && fingerprint.hasSuffix(":" + ruleID))
                let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                let region = try #require(location["region"] as? [String: Any])
                #expect(region["byteOffset"] is Int && region["byteLength"] is Int)
                #expect((region["startLine"] != nil) == github, "startLine only in GitHub mode")
                let uri = try #require((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
                #expect(uri.hasPrefix("file:///") && uri.hasSuffix(".bin"))
                let findingProperties = try #require(result["properties"] as? [String: Any])
                encodings.insert(findingProperties["encoding"] as? String ?? "?")
                if ruleID.hasPrefix("key.rsa") { #expect((findingProperties["key"] as? [String: Any])?["algorithm"] as? String == "rsa") }
            }
            #expect(encodings.isSuperset(of: ["ascii", "utf16le", "utf16be", "binary"]), "\(encodings)")
        }
    }

    @Test func jsonAndJsonlReportsMatchTheReportSchema() throws {
        let workspace = Workspace()
        let json = workspace.path + "/report.json"
        let jsonl = workspace.path + "/report.jsonl"
        #expect(try scan(["--format", "json"] + Self.samples, into: json).status == 1)
        #expect(try scan(["--format", "jsonl"] + Self.samples, into: jsonl).status == 1)
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 8)
        // A report with errors (a missing input) and one with --show-secrets.
        let withErrors = workspace.path + "/errors.json"
        let errorRun = try scan(["--format", "json", workspace.path + "/missing.dmp", Self.samples[0]], into: withErrors)
        #expect(errorRun.status == 2)
        #expect(try !((object(String(contentsOfFile: withErrors, encoding: .utf8))["errors"] as? [Any]) ?? []).isEmpty)
        let shown = workspace.path + "/shown.json"
        #expect(try scan(["--format", "json", "--show-secrets"] + Self.samples, into: shown).status == 1)
        #expect(try SchemaValidator.problems(schema: SchemaValidator.reportSchema, files: [json, withErrors, shown]) == nil)
        #expect(try SchemaValidator.problems(schema: SchemaValidator.reportSchema, files: [jsonl], lines: true) == nil)
    }

    @Test func theSchemasRejectWhatTheyMust() throws {
        // Guards against a schema that accepts anything: a report with a whole secret as preview,
        // and a SARIF log without a message, must both be rejected.
        let workspace = Workspace()
        let json = workspace.path + "/report.json"
        #expect(try scan(["--format", "json", Self.samples[0]], into: json).status == 1)
        let text = try String(contentsOfFile: json, encoding: .utf8)
        let leaky = workspace.write("leaky.json", Data(text.replacingOccurrences(of: "\"preview\": \"", with: "\"preview\": \"ghp_R8m2Xq7Lp4Kz9Vw3Ny6T").utf8))
        #expect(try SchemaValidator.problems(schema: SchemaValidator.reportSchema, files: [leaky]) != nil)
        let sarif = workspace.write("bad.sarif", Data(#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"a.b"}]}]}"#.utf8))
        #expect(try SchemaValidator.problems(schema: SchemaValidator.sarifSchema(), files: [sarif]) != nil)
    }

    @Test func oneSecretKeepsOneFingerprintAcrossFilesAndOffsets() throws {
        let workspace = Workspace()
        let first = workspace.write("a b#1.bin", dump(at: 100))
        let second = workspace.write("other.bin", dump(at: 9_000))
        let report = workspace.path + "/r.sarif"
        #expect(try scan(["--format", "sarif", first, second], into: report).status == 1)
        let run = try #require((object(String(contentsOfFile: report, encoding: .utf8))["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let github = results.filter { $0["ruleId"] as? String == "github.pat-classic" }
        #expect(github.count == 2)
        let fingerprints = Set(github.compactMap { ($0["partialFingerprints"] as? [String: Any])?["dumpsentry/v1"] as? String })
        #expect(fingerprints.count == 1)
        let uris = github.compactMap { (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]).flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String } }
        #expect(uris.contains { $0.hasSuffix("/a%20b%231.bin") }, "\(uris)")
    }

    @Test func textArtifactsGetLinesAndDumpsOnlyInGitHubMode() throws {
        let workspace = Workspace()
        let log = workspace.write("app.log", Data("line one\nline two\nexport GITHUB_TOKEN=\(Planted.github)\n".utf8))
        let core = workspace.write("core.1", dump(at: 700))
        for github in [false, true] {
            let report = workspace.path + "/r\(github).sarif"
            #expect(try scan(["--format", "sarif", log, core] + (github ? ["--sarif-github"] : []), into: report).status == 1)
            #expect(try SchemaValidator.problems(schema: SchemaValidator.sarifSchema(), files: [report]) == nil)
            let run = try #require((object(String(contentsOfFile: report, encoding: .utf8))["runs"] as? [[String: Any]])?.first)
            var regions: [String: [String: Any]] = [:]
            for result in try #require(run["results"] as? [[String: Any]]) where result["ruleId"] as? String == "github.pat-classic" {
                let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
                let uri = try #require((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
                regions[uri.hasSuffix("app.log") ? "log" : "core"] = location["region"] as? [String: Any]
            }
            #expect(regions["log"]?["startLine"] as? Int == 3 && regions["log"]?["startColumn"] as? Int == 21, "\(regions)")
            #expect(regions["log"]?["byteOffset"] as? Int == 38)
            #expect((regions["core"]?["startLine"] as? Int) == (github ? 1 : nil), "\(regions)")
        }
    }

    @Test func archiveMembersAreLocatedAndSchemaValid() throws {
        let workspace = Workspace()
        try FileManager.default.createDirectory(atPath: workspace.path + "/in", withIntermediateDirectories: true)
        workspace.write("in/core.1", dump(at: 700))
        let archive = workspace.path + "/dumps.tar"
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-cf", archive, "-C", workspace.path + "/in", "core.1"]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        let sarif = workspace.path + "/a.sarif"
        let json = workspace.path + "/a.json"
        #expect(try scan(["--format", "sarif", archive], into: sarif).status == 1)
        #expect(try scan(["--format", "json", archive], into: json).status == 1)
        #expect(try SchemaValidator.problems(schema: SchemaValidator.sarifSchema(), files: [sarif]) == nil)
        #expect(try SchemaValidator.problems(schema: SchemaValidator.reportSchema, files: [json]) == nil)
        let run = try #require((object(String(contentsOfFile: sarif, encoding: .utf8))["runs"] as? [[String: Any]])?.first)
        let result = try #require((run["results"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "github.pat-classic" })
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let uri = try #require((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
        #expect(uri.hasSuffix("/dumps.tar!core.1"), "\(uri)")
        #expect((location["region"] as? [String: Any])?["byteOffset"] as? Int == 713, "offset inside the member")
        #expect((result["properties"] as? [String: Any])?["member"] as? String == "core.1")
    }

    func dump(at offset: Int) -> Data {
        let secret = Array("GITHUB_TOKEN=\(Planted.github)\0".utf8)
        var bytes = [UInt8](repeating: 0x90, count: 20_000)
        bytes.replaceSubrange(offset..<(offset + secret.count), with: secret)
        return Data(bytes)
    }
}

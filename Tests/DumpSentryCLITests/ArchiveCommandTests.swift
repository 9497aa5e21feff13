import Foundation
import Testing

/// Compressed input through the CLI: stdin decompression and the bomb guard's exit status.
@Suite("dumpsentry scan: compressed input", .serialized)
struct ArchiveCommandTests {
    /// Runs a tool with `input` on stdin and returns its stdout.
    func filter(_ tool: String, _ arguments: [String], _ input: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let handle = stdin.fileHandleForWriting
        DispatchQueue.global().async {
            handle.write(input)
            try? handle.close()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(tool) failed")
        return output
    }

    @Test func zstdOnStdinGivesTheBareFindings() throws {
        let workspace = Workspace()
        let (bytes, _) = Planted.dump()
        let file = workspace.write("dump.bin", bytes)
        let compressed = try filter("/usr/bin/zstd", ["-q", "-c"], bytes)
        let bare = try CLIRunner.run(["scan", "--format", "jsonl", "--chunk-size", "64K", file])
        let piped = try CLIRunner.run(["scan", "--format", "json", "--chunk-size", "64K", "-"], stdin: compressed)
        #expect(bare.status == 1 && piped.status == 1, "\(piped.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let expected = try bare.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(findings.count == expected.count && findings.count >= 3)
        for (got, want) in zip(findings, expected) {
            for key in ["rule_id", "offset", "length", "encoding"] {
                #expect("\(got[key] ?? "nil")" == "\(want[key] ?? "nil")", "\(key)")
            }
            #expect(got["member"] is NSNull)
        }
        let files = try #require(report["files"] as? [[String: Any]])
        #expect((files.first?["type"] as? String)?.hasPrefix("zstd!") == true, "\(files)")
        #expect(files.first?["bytes"] as? Int == 200_000)
    }

    @Test func decompressionBombExits2WithAClearMessage() throws {
        let workspace = Workspace()
        let zeros = try filter("/usr/bin/zstd", ["-q", "-c"], Data(count: 16 << 20))
        let file = workspace.write("bomb.zst", zeros)
        let result = try CLIRunner.run(["scan", "--max-decompressed-size", "1M", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("exceeds --max-decompressed-size (1048576 bytes)"), "\(result.stderr)")
    }
}

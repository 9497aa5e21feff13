import Foundation
import Testing

/// `dumpsentry scrub` as a user runs it: exit status, report without secrets, streaming equal to
/// file mode, and `--in-place` surviving SIGKILL.
@Suite("dumpsentry scrub", .serialized)
struct ScrubCommandTests {
    /// Runs the binary with stdin from `input` and stdout into `output` (binary-safe).
    static func run(_ arguments: [String], stdinFile input: String? = nil, stdoutFile output: String? = nil) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = CLIRunner.cache.path
        process.environment = environment
        process.standardInput = input.flatMap { FileHandle(forReadingAtPath: $0) } ?? FileHandle.nullDevice
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            process.standardOutput = FileHandle(forWritingAtPath: output)
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        let err = Pipe()
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errData, as: UTF8.self))
    }

    static func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func scrubsVerifiesAndReportsWithoutSecrets() throws {
        let workspace = Workspace()
        let (bytes, offsets) = Planted.dump()
        let input = workspace.write("core.1234", bytes)
        let output = workspace.path + "/core.clean", report = workspace.path + "/scrub.json"
        let result = try Self.run(["scrub", input, "-o", output, "--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        let scrubbed = try Self.read(output)
        #expect(scrubbed.count == bytes.count)
        let text = String(decoding: try Self.read(report), as: UTF8.self)
        for secret in [Planted.github, Planted.aws, Planted.password, String(Planted.github.prefix(12))] {
            #expect(!text.contains(secret), "the report holds a planted secret")
        }
        let document = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["clean"] as? Bool == true)
        let replaced = try #require(document["replacements"] as? [[String: Any]])
        let replacedOffsets = Set(replaced.compactMap { $0["offset"] as? Int })
        for offset in offsets { #expect(replacedOffsets.contains(offset), "nothing replaced at \(offset)") }
        #expect(replaced.allSatisfy { ($0["fingerprint"] as? String)?.hasPrefix("sha256:") == true })
        let mode = try #require(FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        // An independent rescan with `scan` agrees.
        let rescan = try CLIRunner.run(["scan", "--quiet", output])
        #expect(rescan.status == 0, "\(rescan.stdout)")
    }

    @Test func streamingOutputEqualsFileOutput() throws {
        let workspace = Workspace()
        let (bytes, _) = Planted.dump()
        let input = workspace.write("core", bytes)
        let fromFile = workspace.path + "/file.clean", fromStream = workspace.path + "/stream.clean"
        let file = try Self.run(["scrub", input, "-o", fromFile, "--chunk-size", "64K"])
        let stream = try Self.run(["scrub", "-", "-o", "-", "--chunk-size", "64K"], stdinFile: input, stdoutFile: fromStream)
        #expect(file.status == 0, "\(file.stderr)")
        #expect(stream.status == 0, "\(stream.stderr)")
        #expect(try Self.read(fromStream) == Self.read(fromFile))
        #expect(try Self.read(fromFile) != bytes)
    }

    /// A rule that matches only once a token is overwritten makes the rescan dirty: scrub exits 1
    /// and names it, unless --fail-on is above its severity. Never success over a dirty file.
    @Test func aDirtyRescanExits1() throws {
        let workspace = Workspace()
        let rules = workspace.write("rules.yaml", Data("""
            - id: test.github-pat
              name: GitHub PAT
              severity: high
              pattern: '\\b(ghp_[A-Za-z0-9]{36})\\b'
              examples: ['ghp_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3Pd5Sf0Ga2Jk7e']
              negative_examples: ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']
              references: ['https://example.invalid/gh']
            - id: test.after-scrub
              name: A label that matches only once the token after it is scrubbed
              severity: medium
              pattern: '\\b(LBL[A-Z0-9]{13})=\\*{40}'
              examples: ['LBLQ7V9KLM2XW4ZT=****************************************']
              negative_examples: ['LBLQ7V9KLM2XW4ZT=ghp_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3Pd5Sf0Ga2Jk7e']
              references: ['https://example.invalid/lbl']

            """.utf8))
        let input = workspace.write("core", Data("header\0LBLQ7V9KLM2XW4ZT=ghp_Q7v9kLm2Xw4Zt8Rb1Nc6Hy3Pd5Sf0Ga2Jk7e\0trailer".utf8))
        let output = workspace.path + "/core.clean", report = workspace.path + "/scrub.json"
        let common = ["scrub", input, "-o", output, "--no-default-rules", "--rules", rules]
        let dirty = try Self.run(common + ["--report", report])
        #expect(dirty.status == 1, "\(dirty.stderr)")
        #expect(dirty.stderr.contains("still holds medium test.after-scrub at 7"), "\(dirty.stderr)")
        let document = try #require(JSONSerialization.jsonObject(with: Self.read(report)) as? [String: Any])
        #expect(document["clean"] as? Bool == false)
        #expect((document["remaining"] as? [[String: Any]])?.count == 1)
        let tolerated = try Self.run(common + ["--fail-on", "high"])
        #expect(tolerated.status == 0, "\(tolerated.stderr)")
    }

    /// Baselined findings stay where they are (and do not fail the rescan) unless --all.
    @Test func baselinedFindingsStayUnlessAll() throws {
        let workspace = Workspace()
        let (bytes, offsets) = Planted.dump()
        let input = workspace.write("core", bytes)
        let baseline = workspace.path + "/baseline.json"
        let created = try CLIRunner.run(["baseline", "create", "-o", baseline, input])
        #expect(created.status == 0, "\(created.stderr)")
        let kept = workspace.path + "/kept.clean", report = workspace.path + "/kept.json"
        let accepted = try Self.run(["scrub", input, "-o", kept, "--baseline", baseline, "--report", report])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.contains("left in place"), "\(accepted.stderr)")
        #expect(try Self.read(kept) == bytes, "every finding is baselined: nothing to overwrite")
        let document = try #require(JSONSerialization.jsonObject(with: Self.read(report)) as? [String: Any])
        #expect((document["kept"] as? [[String: Any]])?.count ?? 0 >= offsets.count)
        #expect((document["replacements"] as? [[String: Any]])?.isEmpty == true)

        let all = workspace.path + "/all.clean", plain = workspace.path + "/plain.clean"
        let overwritten = try Self.run(["scrub", input, "-o", all, "--baseline", baseline, "--all"])
        #expect(overwritten.status == 0, "\(overwritten.stderr)")
        #expect(try Self.run(["scrub", input, "-o", plain]).status == 0)
        #expect(try Self.read(all) == Self.read(plain), "--all overwrites what the baseline accepts")
    }

    /// A zstd stream on stdin comes out zstd on stdout, and unpacks to the bare file's scrub.
    @Test func compressedStdinStaysCompressedOnStdout() throws {
        let workspace = Workspace()
        let (bytes, _) = Planted.dump()
        let input = workspace.write("core", bytes)
        let bare = workspace.path + "/core.clean"
        #expect(try Self.run(["scrub", input, "-o", bare]).status == 0)
        try CLIRunner.shell("zstd -q -c core > core.zst", cwd: workspace.path)
        let packed = workspace.path + "/stdout.zst"
        let piped = try Self.run(["scrub", "-", "-o", "-"], stdinFile: workspace.path + "/core.zst", stdoutFile: packed)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(try Self.read(packed).prefix(4) == Data([0x28, 0xb5, 0x2f, 0xfd]))
        try CLIRunner.shell("zstd -q -dc stdout.zst > stdout.out", cwd: workspace.path)
        #expect(try Self.read(workspace.path + "/stdout.out") == Self.read(bare))
        // A zip on disk: rewritten as a zip, member name kept; --report names the member.
        try CLIRunner.shell("zip -q dumps.zip core", cwd: workspace.path)
        let report = workspace.path + "/zip.json"
        let zipped = try Self.run(["scrub", workspace.path + "/dumps.zip", "-o", workspace.path + "/clean.zip", "--report", report])
        #expect(zipped.status == 0, "\(zipped.stderr)")
        try CLIRunner.shell("unzip -p clean.zip core > zip.out", cwd: workspace.path)
        #expect(try Self.read(workspace.path + "/zip.out") == Self.read(bare))
        let document = try #require(JSONSerialization.jsonObject(with: Self.read(report)) as? [String: Any])
        let replaced = try #require(document["replacements"] as? [[String: Any]])
        #expect(!replaced.isEmpty && replaced.allSatisfy { $0["member"] as? String == "core" })
    }

    @Test func badArgumentsExit2() throws {
        let workspace = Workspace()
        let input = workspace.write("core", Data("nothing".utf8))
        #expect(try Self.run(["scrub", input]).status == 2, "needs -o or --in-place")
        #expect(try Self.run(["scrub", input, "-o", input]).status == 2)
        #expect(try Self.run(["scrub", "-", "--in-place"]).status == 2)
        #expect(try Self.run(["scrub", workspace.path + "/missing", "-o", workspace.path + "/out"]).status == 2)
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/out"))
        let nothing = try Self.run(["scrub", input, "-o", workspace.path + "/out"])
        #expect(nothing.status == 0, "nothing to scrub: \(nothing.stderr)")
    }

    /// SIGKILL at several points of an in-place scrub: the input is always either the original
    /// or the complete scrubbed copy, never a mix. A killed run may leave its temporary
    /// (`.core.dumpsentry-PID-N.tmp`); the next scrub of the same target removes it.
    @Test func inPlaceSurvivesSIGKILL() throws {
        let workspace = Workspace()
        var bytes = Data(count: 8 << 20)
        let (planted, _) = Planted.dump()
        for start in stride(from: 0, to: bytes.count - planted.count, by: 1 << 20) {
            bytes.replaceSubrange(start..<(start + planted.count), with: planted)
        }
        let original = workspace.write("reference", bytes)
        let expected = workspace.path + "/expected"
        let full = try Self.run(["scrub", original, "-o", expected])
        #expect(full.status == 0, "\(full.stderr)")
        let scrubbed = try Self.read(expected)
        #expect(scrubbed != bytes)

        var killedMidway = 0
        let target = workspace.path + "/core"
        for delay in [30_000, 100_000, 250_000, 500_000, 900_000, 1_400_000] as [useconds_t] {
            workspace.write("core", bytes)
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = ["scrub", "--in-place", "--quiet", target]
            var environment = ProcessInfo.processInfo.environment
            environment["XDG_CACHE_HOME"] = CLIRunner.cache.path
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            let now = try Self.read(target)
            #expect(now == bytes || now == scrubbed, "after SIGKILL at \(delay) µs the input is half-written")
        }
        #expect(killedMidway > 0, "every run finished before the kill: the test exercised nothing")

        // A finished run removes what the killed ones left behind.
        workspace.write("core", bytes)
        let last = try Self.run(["scrub", "--in-place", target])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try Self.read(target) == scrubbed)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "stale temporaries: \(leftovers)")
    }
}

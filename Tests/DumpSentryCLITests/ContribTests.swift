import Foundation
import Testing

/// contrib/pre-upload-hook.sh: uploads a clean dump, refuses one with secrets or one it cannot scan.
@Suite("contrib hooks", .serialized)
struct ContribTests {
    static let hook = SchemaValidator.repoRoot.appendingPathComponent("contrib/pre-upload-hook.sh").path

    /// Runs the hook with an "upload" that creates a marker file; returns (status, uploaded).
    func runHook(_ dump: String, workspace: Workspace) throws -> (Int32, Bool) {
        let marker = workspace.path + "/uploaded"
        if FileManager.default.fileExists(atPath: marker) { try FileManager.default.removeItem(atPath: marker) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [Self.hook, dump, "--", "/bin/sh", "-c", "touch \"$0\"", marker]
        var environment = ProcessInfo.processInfo.environment
        environment["DUMPSENTRY"] = CLIRunner.binary.path
        environment["XDG_CACHE_HOME"] = CLIRunner.cache.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, FileManager.default.fileExists(atPath: marker))
    }

    @Test func preUploadHookUploadsOnlyCleanDumps() throws {
        #expect(FileManager.default.fileExists(atPath: Self.hook))
        let workspace = Workspace()
        let clean = workspace.write("clean.dmp", Data((0..<8_192).map { UInt8(truncatingIfNeeded: $0 &* 131) }))
        let dirty = workspace.write("dirty.dmp", Planted.dump().bytes)
        let (cleanStatus, cleanUploaded) = try runHook(clean, workspace: workspace)
        #expect(cleanStatus == 0 && cleanUploaded)
        let (dirtyStatus, dirtyUploaded) = try runHook(dirty, workspace: workspace)
        #expect(dirtyStatus == 1 && !dirtyUploaded)
        let (missingStatus, missingUploaded) = try runHook(workspace.path + "/missing.dmp", workspace: workspace)
        #expect(missingStatus == 2 && !missingUploaded)
    }
}

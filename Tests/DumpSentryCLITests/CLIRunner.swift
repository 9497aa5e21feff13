import Foundation
import Testing

/// Runs the built `dumpsentry` binary, as a user would.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits beside the test bundle in the build products directory.
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["DUMPSENTRY_BIN"] { return URL(fileURLWithPath: override) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !directory.path.hasSuffix("debug") && !directory.path.hasSuffix("release") && directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("dumpsentry")
    }()

    /// A cache shared by the tests of one run, so only the first pays the rule compile.
    static let cache = FileManager.default.temporaryDirectory.appendingPathComponent("dumpsentry-cli-test-cache")

    /// Runs the binary; a run longer than `timeout` seconds is killed and reported as status -9.
    static func run(_ arguments: [String], stdin: Data? = nil, asUser user: String? = nil, cwd: String? = nil,
                    timeout: Double = 300) throws -> Result {
        let process = Process()
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache.path
        environment["NO_COLOR"] = "1"
        process.environment = environment
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            let handle = input.fileHandleForWriting
            DispatchQueue.global().async {
                handle.write(stdin)
                try? handle.close()
            }
        }
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
        return Result(status: status, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `command` with /bin/sh in `cwd` (system tools that pack and unpack fixtures); fails the
    /// test with stderr if it fails.
    static func shell(_ command: String, cwd: String) throws {
        let (status, message) = try tool("/bin/sh", ["-c", command], cwd: cwd)
        try #require(status == 0, "\(command): \(message)")
    }

    /// Runs a helper program (not dumpsentry) with its output discarded; its exit status and stderr.
    static func tool(_ executable: String, _ arguments: [String], cwd: String? = nil) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }
}

import Foundation
import Testing

/// A `/bin/sleep` child, settled asleep and dumped with `gcore`. The child stays alive (for
/// `/proc/PID/maps`) until the object goes away. The test is cancelled with a reason where gcore
/// is missing or ptrace is not permitted.
final class SleeperCore {
    let pid: Int32
    let corePath: String
    let directory = TemporaryDirectory()
    private let sleeper = Process()

    /// The absolute path of a gdb tool, if installed.
    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init() throws {
        guard let gcore = Self.tool("gcore") else { try Test.cancel("gcore (from gdb) is not installed") }
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        pid = sleeper.processIdentifier
        corePath = directory.path + "/core.\(pid)"
        try Self.waitUntilAsleep(pid: pid)
        let dumper = Process()
        dumper.executableURL = URL(fileURLWithPath: gcore)
        dumper.arguments = ["-o", directory.path + "/core", String(pid)]
        dumper.standardOutput = FileHandle.nullDevice
        dumper.standardError = FileHandle.nullDevice
        try dumper.run()
        dumper.waitUntilExit()
        guard dumper.terminationStatus == 0, FileManager.default.fileExists(atPath: corePath) else {
            try Test.cancel("gcore failed (status \(dumper.terminationStatus)): ptrace is probably not permitted here")
        }
    }

    deinit {
        // SIGKILL, not terminate(): the child may inherit a signal mask that blocks SIGTERM.
        kill(pid, SIGKILL)
        sleeper.waitUntilExit()
    }

    /// Waits until the child has exec'd sleep and sleeps (state `S`), so its memory is settled.
    private static func waitUntilAsleep(pid: Int32) throws {
        for _ in 0..<250 {
            let maps = try String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)
            let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            // The state follows the parenthesised command name: "PID (sleep) S ...".
            if maps.contains("/sleep"), let close = stat.lastIndex(of: ")"),
               stat[stat.index(after: close)...].hasPrefix(" S") {
                return
            }
            usleep(20_000)
        }
        throw NeverAsleep(pid: pid)
    }

    /// The child never reached a settled sleep: a test failure, not a skip.
    struct NeverAsleep: Error, CustomStringConvertible {
        let pid: Int32
        var description: String { "sleep (pid \(pid)) never went to sleep" }
    }
}

import Foundation
import Testing

/// A child process (by default `/bin/sleep`), settled asleep and dumped with `gcore`. The child
/// stays alive (for `/proc/PID/maps`) until the object goes away. The test is cancelled with a
/// reason where gcore is missing or ptrace is not permitted.
final class SleeperCore {
    let pid: Int32
    let corePath: String
    let directory: TemporaryDirectory
    /// What the child printed up to and including `readyLine` (empty without one).
    private(set) var output: [String] = []
    private let sleeper = Process()

    /// The absolute path of a gdb tool, if installed.
    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` with `arguments`; with `readyLine`, reads its standard output until that
    /// line before waiting for it to sleep (a program that works before it sleeps says when it is done).
    init(executable: String = "/bin/sleep", arguments: [String] = ["30"], readyLine: String? = nil,
         directory: TemporaryDirectory = TemporaryDirectory()) throws {
        self.directory = directory
        guard let gcore = Self.tool("gcore") else { try Test.cancel("gcore (from gdb) is not installed") }
        sleeper.executableURL = URL(fileURLWithPath: executable)
        sleeper.arguments = arguments
        let pipe = Pipe()
        if readyLine != nil { sleeper.standardOutput = pipe }
        try sleeper.run()
        pid = sleeper.processIdentifier
        corePath = directory.path + "/core.\(pid)"
        if let readyLine {
            output = try Self.lines(from: pipe.fileHandleForReading, until: readyLine, pid: pid)
        }
        try Self.waitUntilAsleep(pid: pid, name: "/" + URL(fileURLWithPath: executable).lastPathComponent)
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

    /// Lines of `handle` up to `marker`; fails if the child ends first.
    private static func lines(from handle: FileHandle, until marker: String, pid: Int32) throws -> [String] {
        var text = ""
        while true {
            let data = handle.availableData
            guard !data.isEmpty else { throw NeverAsleep(pid: pid) }
            text += String(decoding: data, as: UTF8.self)
            let lines = text.split(separator: "\n").map(String.init)
            if lines.contains(marker) { return lines }
        }
    }

    /// Waits until the child has exec'd `name` and sleeps (state `S`), so its memory is settled.
    private static func waitUntilAsleep(pid: Int32, name: String) throws {
        for _ in 0..<250 {
            let maps = try String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)
            let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            // The state follows the parenthesised command name: "PID (sleep) S ...".
            if maps.contains(name), let close = stat.lastIndex(of: ")"),
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
        var description: String { "child (pid \(pid)) ended or never went to sleep" }
    }
}

import Foundation
import Testing
@testable import DumpSentryKit

/// A real `gcore` core with a fake token planted in a PT_LOAD segment still loads in gdb after
/// scrubbing and shows the same threads. Cancelled with a reason without gdb/gcore or ptrace.
struct ScrubGcoreTests {
    @Test func scrubbedCoreLoadsInGdbWithTheSameThreads() throws {
        guard let gdb = SleeperCore.tool("gdb") else { try Test.cancel("gdb is not installed") }
        let sleeper = try SleeperCore()
        let directory = sleeper.directory
        let corePath = sleeper.corePath
        var core = Array(try Data(contentsOf: URL(fileURLWithPath: corePath)))
        let layout = try core.withUnsafeBytes { try ElfCoreLayout(bytes: $0) }
        // Plant the token in process memory (the stack segment), as a C string.
        let token = Array(TestRules.githubToken.utf8)
        let at = try #require(stride(from: 4096, to: core.count - 64, by: 64).first { offset in
            layout.location(ofFileOffset: UInt64(offset))?.region == .stack
                && layout.location(ofFileOffset: UInt64(offset + 63))?.region == .stack
        }, "no stack bytes in the core")
        core.replaceSubrange(at..<(at + token.count + 2), with: [0] + token + [0])
        let planted = directory.write("core.planted", core)
        let clean = directory.path + "/core.clean"
        let report = try Scrubber(database: TestRules.database).run(ScrubRequest(input: planted, destination: .file(clean)))
        #expect(report.isClean)
        #expect(report.replacements.map(\.offset) == [UInt64(at + 1)])

        let before = try Self.run(gdb, ["-batch", "-ex", "info threads", "/bin/sleep", "-c", planted])
        let after = try Self.run(gdb, ["-batch", "-ex", "info threads", "/bin/sleep", "-c", clean])
        #expect(before.status == 0 && after.status == 0)
        // The thread rows of `info threads`: "* 1    process 1234 0x… in clock_nanosleep …".
        let threads = { (text: String) in
            text.split(separator: "\n").filter { line in
                let trimmed = line.drop { $0 == " " }
                return trimmed.hasPrefix("*") || trimmed.first?.isNumber == true
            }
        }
        #expect(!threads(before.output).isEmpty, "gdb showed no threads for the original: \(before.output)")
        #expect(threads(after.output) == threads(before.output))
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

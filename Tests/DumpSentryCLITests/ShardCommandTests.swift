import Foundation
import Testing

@Suite("dumpsentry scan --shard", .serialized)
struct ShardCommandTests {
    /// The jsonl reports of every shard, concatenated, are the unsharded report (as a set of lines).
    @Test func shardReportsConcatenateIntoTheUnshardedReport() throws {
        let workspace = Workspace()
        let (bytes, offsets) = Planted.dump()
        for index in 0..<6 {
            try FileManager.default.createDirectory(atPath: workspace.path + "/host-\(index % 2)", withIntermediateDirectories: true)
            workspace.write("host-\(index % 2)/core.\(index)", bytes)
        }
        let whole = try CLIRunner.run(["scan", "--format", "jsonl", "--quiet", workspace.path])
        #expect(whole.status == 1, "\(whole.stderr)")
        let wholeLines = whole.stdout.split(separator: "\n").map(String.init)
        #expect(wholeLines.count >= 6 * offsets.count)
        var concatenated: [String] = []
        var statuses: [Int32] = []
        for index in 0..<3 {
            let shard = try CLIRunner.run(["scan", "--format", "jsonl", "--quiet", "--shard", "\(index)/3", workspace.path])
            statuses.append(shard.status)
            concatenated += shard.stdout.split(separator: "\n").map(String.init)
        }
        #expect(concatenated.sorted() == wholeLines.sorted())
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 1 }, "\(statuses)")
    }

    /// A file another shard owns is not opened, so an unreadable one is an error in its own shard
    /// only; the other shard scans its files and stays clean.
    @Test func anUnreadableFileIsAnErrorOnlyInItsOwnShard() throws {
        let workspace = Workspace()
        for index in 0..<8 { workspace.write("core.\(index)", Data(repeating: 0x41, count: 100)) }
        chmod(workspace.path + "/core.3", 0o000)
        let runAs = getuid() == 0 ? "65534" : nil
        var reporting: [Int] = []
        for index in 0..<2 {
            let shard = try CLIRunner.run(["scan", "--quiet", "--shard", "\(index)/2", workspace.path], asUser: runAs)
            if shard.stderr.contains("core.3") {
                reporting.append(index)
                #expect(shard.status == 2, "\(shard.stderr)")
            } else {
                #expect(shard.status == 0, "\(shard.stderr)")
            }
        }
        #expect(reporting.count == 1, "reported by shards \(reporting)")
    }

    @Test func aShardOutsideNOrStdinIsABadArgument() throws {
        let workspace = Workspace()
        let file = workspace.write("core.1", Data(repeating: 0x41, count: 100))
        let outside = try CLIRunner.run(["scan", "--shard", "3/3", file])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("0-based"), "\(outside.stderr)")
        #expect(try CLIRunner.run(["scan", "--shard", "1", file]).status == 2)
        #expect(try CLIRunner.run(["scan", "--shard", "0/2", "-"]).status == 2)
        #expect(try CLIRunner.run(["scan", "--shard", "0/1", file]).status == 0)
    }
}

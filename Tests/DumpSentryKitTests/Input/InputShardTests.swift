import Foundation
import Testing
@testable import DumpSentryKit

@Suite("--shard K/N splits the inputs across workers")
struct InputShardTests {
    @Test func parsesKOfNAndRejectsTheRest() throws {
        #expect(try InputShard(parsing: "0/1") == InputShard(index: 0, count: 1))
        #expect(try InputShard(parsing: "15/16").description == "15/16")
        #expect(throws: InputShard.ParseError.indexOutOfRange(index: 4, count: 4)) { try InputShard(parsing: "4/4") }
        for bad in ["", "3", "a/4", "1/0", "-1/4", "1/2/3", "/4", "1/", " 1/4", "0/\(InputShard.maximumCount + 1)"] {
            #expect(throws: InputShard.ParseError.malformed(bad)) { try InputShard(parsing: bad) }
        }
    }

    /// Pinned values (computed independently, in Python): another worker, version or machine must agree.
    @Test func assignmentIsFNV1a64HighBitsAndPinned() {
        #expect(InputShard.fnv1a64(Array("".utf8)) == 0xcbf2_9ce4_8422_2325)
        #expect(InputShard.fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(InputShard.shard(ofRelativePath: Array("core.1234".utf8), count: 16) == 2)
        #expect(InputShard.shard(ofRelativePath: Array("host-7/2026-11-29/core.dump".utf8), count: 1000) == 823)
        #expect(InputShard.shard(ofRelativePath: Array("x/y".utf8), count: 3) == 2)
        #expect(InputShard.relativePath(ofArgument: "/var/crash/core.1234") == Array("core.1234".utf8))
        #expect(InputShard.relativePath(ofArgument: "core.1234") == Array("core.1234".utf8))
    }

    /// 60 files in nested directories, every fifth with a fake token at a known offset.
    static func tree() -> (TemporaryDirectory, secretFiles: Int) {
        let directory = TemporaryDirectory()
        var secretFiles = 0
        for index in 0..<60 {
            var dump = DumpBuilder(size: 2_000 + index * 37, seed: UInt64(index))
            if index % 5 == 0 {
                dump.plant("token " + TestRules.githubToken, at: 100 + index)
                secretFiles += 1
            }
            directory.write("host-\(index % 4)/day-\(index % 3)/core.\(index)", dump.bytes)
        }
        return (directory, secretFiles)
    }

    static func scan(_ path: String, shard: InputShard?) -> ScanOutcome {
        var options = ScanOptions(threads: 2, chunkSize: 4096)
        options.shard = shard
        return ScanPipeline(database: TestRules.database, options: options).run(paths: [path])
    }

    struct Key: Hashable { let path: String; let offset: UInt64; let rule: String }

    @Test func shardsPartitionTheFilesAndTheirUnionIsTheUnshardedScan() throws {
        let (directory, secretFiles) = Self.tree()
        let whole = Self.scan(directory.path, shard: nil)
        #expect(whole.sources.count == 60)
        #expect(whole.findings.count == secretFiles)
        let planted = Set(stride(from: 0, to: 60, by: 5).map { index in
            Key(path: directory.path + "/host-\(index % 4)/day-\(index % 3)/core.\(index)", offset: UInt64(100 + index + 6), rule: TestRules.github.id)
        })
        #expect(Set(whole.findings.map { Key(path: $0.path, offset: $0.offset, rule: $0.ruleID) }) == planted)
        let allFiles = Set(whole.sources.map(\.path))
        for count in [1, 2, 3, 7, 64] {
            var seen: [String: Int] = [:]
            var findings: [Key] = []
            for index in 0..<count {
                let outcome = Self.scan(directory.path, shard: try InputShard(index: index, count: count))
                #expect(outcome.errors.isEmpty)
                for source in outcome.sources { seen[source.path, default: 0] += 1 }
                findings += outcome.findings.map { Key(path: $0.path, offset: $0.offset, rule: $0.ruleID) }
            }
            #expect(Set(seen.keys) == allFiles, "\(count) shards: union is every file")
            #expect(seen.values.allSatisfy { $0 == 1 }, "\(count) shards: every file in exactly one shard")
            #expect(findings.sorted { ($0.path, $0.offset) < ($1.path, $1.offset) }
                    == whole.findings.map { Key(path: $0.path, offset: $0.offset, rule: $0.ruleID) }, "\(count) shards")
        }
    }

    /// The same relative paths land in the same shard across runs and wherever the tree is mounted.
    @Test func assignmentIsStableAcrossRunsAndRoots() throws {
        let (directory, _) = Self.tree()
        let copy = TemporaryDirectory()
        let moved = copy.url.appendingPathComponent("elsewhere").path
        try FileManager.default.copyItem(atPath: directory.path, toPath: moved)
        func relativePaths(_ root: String, _ shard: InputShard) -> Set<String> {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            return Set(Self.scan(root, shard: shard).sources.map { String($0.path.dropFirst(prefix.count)) })
        }
        let shard = try InputShard(index: 1, count: 3)
        let first = relativePaths(directory.path, shard)
        #expect(!first.isEmpty && first.count < 60)
        #expect(relativePaths(directory.path, shard) == first)
        #expect(relativePaths(directory.path + "/", shard) == first)
        #expect(relativePaths(moved, shard) == first)
        let expected = Set((0..<60).map { "host-\($0 % 4)/day-\($0 % 3)/core.\($0)" }.filter {
            InputShard.shard(ofRelativePath: Array($0.utf8), count: 3) == 1
        })
        #expect(first == expected)
    }

    @Test func aFileNamedOnTheCommandLineIsShardedByItsName() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("core.1234", DumpBuilder(size: 1_000, seed: 1).bytes)
        for index in 0..<16 {
            let outcome = Self.scan(path, shard: try InputShard(index: index, count: 16))
            #expect(outcome.sources.count == (index == 2 ? 1 : 0), "shard \(index)/16")
            #expect(outcome.errors.isEmpty)
        }
    }
}

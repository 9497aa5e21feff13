import Foundation
import Glibc
import Testing
@testable import DumpSentryKit

@Suite("Hostile and changing inputs")
struct HostileInputTests {
    /// A file truncated while it is mapped: the SIGBUS guard keeps the process alive, the scan
    /// finishes, and the file is reported as changed (exit status 2), never as clean.
    @Test func fileTruncatedWhileMappedIsReportedChanged() throws {
        let directory = TemporaryDirectory()
        var dump = DumpBuilder(size: 1 << 20)
        dump.plant("key " + TestRules.awsKey, at: 4096)
        dump.plant("key " + TestRules.awsKey, at: 900_000)
        let path = directory.write("growing.core", dump.bytes)
        let pipeline = ScanPipeline(database: TestRules.database, chunkSize: 65_536, workers: 2) { _ in
            _ = truncate(path, 8192)
        }
        let outcome = pipeline.run(paths: [path])
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.message.contains("while it was scanned") == true)
        #expect(outcome.sources.first?.changed == true)
        // The bytes still there were scanned.
        #expect(outcome.findings.map(\.offset) == [4100])
    }

    /// Truncated to zero after it was listed and opened: nothing readable is left, and the input
    /// must be reported as changed, not as a clean empty file.
    @Test func fileTruncatedToZeroWhileListedIsAnError() throws {
        let directory = TemporaryDirectory()
        var dump = DumpBuilder(size: 256 << 10)
        dump.plant("key " + TestRules.awsKey, at: 100_000)
        let path = directory.write("rotated.core", dump.bytes)
        let other = directory.write("other.core", dump.bytes)
        let pipeline = ScanPipeline(database: TestRules.database, chunkSize: 65_536, workers: 2) { opened in
            if opened == path { _ = truncate(path, 0) }
        }
        let outcome = pipeline.run(paths: [path, other])
        #expect(outcome.errors.map(\.path) == [path])
        #expect(outcome.findings.map(\.path) == [other])
    }

    @Test func mmapFailureFallsBackToTheStreamWithTheSameFindings() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("dump.bin", DeterminismTests.fixture())
        let pipeline = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 2)
        let mapped = pipeline.run(paths: [path])
        FaultInjection.current.install(.init(path: path, mmapErrno: ENOMEM))
        defer { FaultInjection.current.remove(path: path) }
        let streamed = pipeline.run(paths: [path])
        #expect(streamed.errors.isEmpty)
        #expect(DeterminismTests.keys(streamed.findings) == DeterminismTests.keys(mapped.findings))
        #expect(streamed.diagnostics.contains { $0.message.contains("not memory-mapped") })
    }

    @Test func readErrorPartwayIsAnErrorAndEarlierFindingsStay() throws {
        let directory = TemporaryDirectory()
        var dump = DumpBuilder(size: 3 << 20)
        dump.plant("key " + TestRules.awsKey, at: 100)
        let path = directory.write("dump.bin", dump.bytes)
        FaultInjection.current.install(.init(path: path, readErrno: EIO, readFailsAfter: 1))
        defer { FaultInjection.current.remove(path: path) }
        let outcome = ScanPipeline(database: TestRules.database, chunkSize: 1 << 20, workers: 1, useMemoryMap: false).run(paths: [path])
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.message.contains("Input/output error") == true)
        #expect(outcome.findings.map(\.offset) == [104])
    }

    @Test func symlinkLoopsAreNotFollowedAndDetectedWhenFollowing() throws {
        let directory = TemporaryDirectory()
        var dump = DumpBuilder(size: 4096)
        dump.plant(TestRules.awsKey, at: 64)
        directory.write("tree/a/dump.bin", dump.bytes)
        #expect(symlink("..", directory.path + "/tree/a/loop") == 0)
        #expect(symlink("a/dump.bin", directory.path + "/tree/link.bin") == 0)
        let plain = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 1).run(paths: [directory.path + "/tree"])
        #expect(plain.findings.count == 1)
        #expect(plain.errors.isEmpty)
        #expect(plain.diagnostics.filter { $0.message.contains("symbolic link") }.count == 2)

        var options = ScanOptions(threads: 1, chunkSize: 4096)
        options.followSymlinks = true
        let followed = ScanPipeline(database: TestRules.database, options: options).run(paths: [directory.path + "/tree"])
        #expect(followed.diagnostics.contains { $0.message.contains("already visited") })
        #expect(followed.findings.count == 2)   // the file itself and through link.bin
    }

    @Test func fifosInsideDirectoriesAreSkippedAndNamedOnesAreRead() throws {
        let directory = TemporaryDirectory()
        #expect(mkfifo(directory.path + "/pipe", 0o600) == 0)
        let walked = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 1).run(paths: [directory.path])
        #expect(walked.errors.isEmpty)
        #expect(walked.diagnostics.contains { $0.message.contains("fifo") })

        let fifo = directory.path + "/pipe"
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            let text = Array("\0token=\(TestRules.githubToken)\0".utf8)
            _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        writer.start()
        let named = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 1).run(paths: [fifo])
        #expect(named.errors.isEmpty)
        #expect(named.findings.map(\.offset) == [7])
    }

    @Test func deepTreesAreWalkedIterativelyWithBoundedDescriptors() throws {
        let directory = TemporaryDirectory()
        var path = directory.path
        for _ in 0..<400 { path += "/d" }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var dump = DumpBuilder(size: 2048)
        dump.plant(TestRules.awsKey, at: 100)
        try Data(dump.bytes).write(to: URL(fileURLWithPath: path + "/deep.bin"))
        try Data(dump.bytes).write(to: URL(fileURLWithPath: directory.path + "/d/shallow.bin"))
        let before = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        let outcome = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 2).run(paths: [directory.path])
        let after = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        #expect(outcome.errors.isEmpty)
        #expect(outcome.findings.count == 2)
        #expect(after <= before + 1)
    }

    @Test func emptyAndMissingInputs() throws {
        let directory = TemporaryDirectory()
        let empty = directory.write("empty.dmp", [])
        let outcome = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 1).run(paths: [empty, directory.path + "/missing"])
        #expect(outcome.sources.map(\.path) == [empty])
        #expect(outcome.errors.map(\.path) == [directory.path + "/missing"])
        #expect(outcome.errors.first?.message.contains("No such file") == true)
    }
}

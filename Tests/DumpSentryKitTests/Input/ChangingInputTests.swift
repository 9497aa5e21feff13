import Foundation
import Glibc
import Testing
@testable import DumpSentryKit

/// Many inputs changed under the scan, many times: truncated, extended, rewritten in place or
/// deleted while mapped. The scan never dies, every input that changed is an error (exit status
/// 2) and never reported clean, the others are scanned as usual, and descriptors stay bounded.
struct ChangingInputTests {
    /// What the test does to a file right after it is opened and mapped.
    enum Change: CaseIterable {
        case none, truncate, truncateToZero, extend, rewriteInPlace, delete
    }

    static let fileSize = 96 << 10
    static let tokenOffset = 2000

    @Test func everyChangedInputIsReportedAndTheOthersAreScanned() throws {
        let directory = TemporaryDirectory()
        var dump = DumpBuilder(size: Self.fileSize)
        dump.plant("key " + TestRules.awsKey, at: Self.tokenOffset - 4)
        dump.plant("key " + TestRules.awsKey, at: Self.fileSize - 100)
        var change: [String: Change] = [:]
        for index in 0..<120 {
            let path = directory.write(String(format: "core.%03d", index), dump.bytes)
            change[path] = Change.allCases[index % Change.allCases.count]
        }
        let plan = change
        let workers = 4
        let peak = Peak()
        let root = directory.path
        let pipeline = ScanPipeline(database: TestRules.database, chunkSize: 8192, workers: workers) { path in
            peak.record(Self.openDescriptors(under: root))
            switch plan[path] ?? .none {
            case .none: break
            case .truncate: _ = truncate(path, 4096)
            case .truncateToZero: _ = truncate(path, 0)
            case .extend:
                let fd = open(path, O_WRONLY | O_APPEND)
                _ = [UInt8](repeating: 0x41, count: 5000).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                close(fd)
            case .rewriteInPlace:
                // Same size, new bytes: only the mtime tells.
                let fd = open(path, O_WRONLY)
                _ = [UInt8](repeating: 0x42, count: 64).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 50_000) }
                close(fd)
            case .delete: _ = unlink(path)
            }
        }
        let outcome = pipeline.run(paths: [directory.path])

        let failed = Set(outcome.errors.map(\.path))
        for (path, applied) in plan {
            let findings = outcome.findings.filter { $0.path == path }.map(\.offset)
            let summary = outcome.sources.first { $0.path == path }
            switch applied {
            case .none, .delete:
                // A deleted file is still whole through its open descriptor: scanned, and clean of errors.
                #expect(!failed.contains(path), "\(applied) \(path)")
                #expect(findings == [UInt64(Self.tokenOffset), UInt64(Self.fileSize - 96)], "\(applied) \(path)")
                #expect(summary?.changed == false)
            case .truncate, .truncateToZero, .extend, .rewriteInPlace:
                #expect(failed.contains(path), "\(applied) \(path) not reported")
                #expect(summary?.changed == true, "\(applied) \(path): \(outcome.errors.filter { $0.path == path }.map(\.message))")
                // What was still readable was scanned.
                if applied != .truncateToZero { #expect(findings.first == UInt64(Self.tokenOffset), "\(applied) \(path)") }
            }
        }
        #expect(outcome.errors.count == plan.values.filter { $0 != .none && $0 != .delete }.count)
        #expect(Self.openDescriptors(under: root) == 0, "descriptors leaked")
        // Open inputs are bounded by the work queue (2 per worker), the workers and the producer.
        #expect(peak.value > 0 && peak.value <= 3 * workers + 2, "peak \(peak.value) descriptors")
    }

    /// A mutator thread truncating, extending, deleting and recreating files at random while
    /// several scans run over them: whatever the interleaving, the scan returns, and every error
    /// names one of the files.
    @Test func randomChurnNeverKillsTheScan() throws {
        let directory = TemporaryDirectory()
        var dump = DumpBuilder(size: 64 << 10)
        dump.plant("key " + TestRules.awsKey, at: 30_000)
        let paths = (0..<24).map { directory.write("churn.\($0)", dump.bytes) }
        let stop = Flag()
        let bytes = dump.bytes
        let mutator = Thread {
            var random = SystemRandomNumberGenerator()
            while !stop.isSet {
                let path = paths[Int.random(in: 0..<paths.count, using: &random)]
                switch Int.random(in: 0..<4, using: &random) {
                case 0: _ = truncate(path, off_t(Int.random(in: 0..<bytes.count, using: &random)))
                case 1: _ = truncate(path, off_t(bytes.count + Int.random(in: 1..<100_000, using: &random)))
                case 2: _ = unlink(path)
                default:
                    // Recreated in place (a new inode if it was deleted), never through a temporary name.
                    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                    if fd >= 0 {
                        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                        close(fd)
                    }
                }
            }
        }
        mutator.start()
        defer { stop.set() }
        for round in 0..<12 {
            let outcome = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 4).run(paths: [directory.path])
            #expect(outcome.errors.allSatisfy { paths.contains($0.path) }, "round \(round): \(outcome.errors)")
            #expect(outcome.findings.allSatisfy { paths.contains($0.path) && $0.offset == 30_004 }, "round \(round)")
        }
        stop.set()
        while !mutator.isFinished { usleep(1000) }
        #expect(Self.openDescriptors(under: directory.path) == 0, "descriptors leaked")
    }

    /// Descriptors of this process open on something under `directory` (tests run in parallel,
    /// so the process-wide count says nothing about one test).
    static func openDescriptors(under directory: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.filter { entry in
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + entry)) ?? ""
            return target.hasPrefix(directory + "/") || target == directory
        }.count
    }

    /// The largest value recorded, from any thread.
    final class Peak: @unchecked Sendable {
        // safe: `current` is only touched under `lock`.
        private let lock = NSLock()
        private var current = 0
        func record(_ value: Int) { lock.lock(); current = max(current, value); lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return current }
    }

    /// A flag set once, read from another thread.
    final class Flag: @unchecked Sendable {
        // safe: `raised` is only touched under `lock`.
        private let lock = NSLock()
        private var raised = false
        func set() { lock.lock(); raised = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return raised }
    }
}

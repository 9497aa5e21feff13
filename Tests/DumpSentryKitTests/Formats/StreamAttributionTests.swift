import Foundation
import Testing
@testable import DumpSentryKit

/// Dumps that arrive compressed, as archive members or as streams are attributed like files: the
/// layout is parsed from the first bytes kept while the stream is scanned, and memory past that
/// prefix still maps (the ELF core below has a segment that ends beyond it).
@Suite("Attribution of streamed, compressed and archived dumps", .serialized)
struct StreamAttributionTests {
    static let token = Array(TestRules.githubToken.utf8)

    /// An ELF core with a token in the app's text and one near the end of a heap segment larger
    /// than the kept prefix. Returns the bytes and the tokens' file offsets.
    static func largeCore() -> (bytes: [UInt8], offsets: [Int]) {
        var random = FakeSecret(seed: 0xa77)
        var builder = ElfCoreBuilder()
        let heapSize = SourceState.layoutPrefixLength + (4 << 20)
        builder.segments = [
            .init(address: 0x40_0000, flags: 5, bytes: random.bytes(256)),
            .init(address: 0x100_0000, flags: 6, bytes: [UInt8](repeating: 0x11, count: heapSize)),
        ]
        builder.notes = [
            builder.processInfo(name: "app", pid: 4242, arguments: "app"),
            builder.status(threadID: 4242, stackPointer: 0x7ffc_0000_0800),
            builder.files([(0x40_0000, 0x40_1000, "/usr/bin/app")]),
        ]
        var built = builder.build()
        let offsets = [built.segmentOffsets[0] + 16, built.segmentOffsets[1] + heapSize - 100]
        for offset in offsets {
            built.bytes.replaceSubrange(offset..<(offset + token.count + 2), with: [0] + token + [0])
        }
        return (built.bytes, offsets.map { $0 + 1 })
    }

    /// The generated minidump with a token in each kind of region.
    static func minidump() -> (bytes: [UInt8], offsets: [Int]) {
        var (bytes, planted) = GeneratedMinidumpTests.fixture()
        for (offset, _) in planted {
            bytes.replaceSubrange(offset..<(offset + token.count + 2), with: [0] + token + [0])
        }
        return (bytes, planted.map { $0.offset + 1 })
    }

    /// Every way of shipping `bytes` must give the same findings with the same locations as the
    /// bare mapped file.
    static func check(_ bytes: [UInt8], offsets: [Int], name: String) throws {
        let directory = TemporaryDirectory()
        let d = directory.path
        let bare = directory.write(name, bytes)
        let options = ScanOptions(threads: 2, chunkSize: 1 << 20)
        let reference = ScanPipeline(database: TestRules.database, options: options).run(paths: [bare])
        let located = reference.findings.filter { $0.ruleID == "test.github-pat" }
        #expect(located.map { Int($0.offset) } == offsets.sorted(), "\(name): the bare scan")
        #expect(located.allSatisfy { $0.location?.virtualAddress != nil }, "\(name): the bare scan attributes every token")
        try ArchiveMaker.run("/usr/bin/zstd", ["-q", "-k", bare, "-o", d + "/\(name).zst"])
        try ArchiveMaker.python(ArchiveMaker.zip, [d + "/\(name).zip", "crash/\(name)=" + bare])

        var unmapped = options
        unmapped.useMemoryMap = false
        let forms: [(label: String, path: String, options: ScanOptions, member: String?)] = [
            ("read as a stream", bare, unmapped, nil),
            ("zstd", d + "/\(name).zst", options, nil),
            ("zip member", d + "/\(name).zip", options, "crash/\(name)"),
        ]
        for form in forms {
            let outcome = ScanPipeline(database: TestRules.database, options: form.options).run(paths: [form.path])
            #expect(outcome.errors.isEmpty, "\(name) \(form.label): \(outcome.errors)")
            let found = outcome.findings.filter { $0.ruleID == "test.github-pat" }
            #expect(found.map(\.offset) == located.map(\.offset), "\(name) \(form.label)")
            #expect(found.map(\.location) == located.map(\.location), "\(name) \(form.label)")
            #expect(found.allSatisfy { $0.member == form.member }, "\(name) \(form.label)")
        }

        // A FIFO is read exactly like stdin.
        let fifo = d + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let compressed = try Data(contentsOf: URL(fileURLWithPath: d + "/\(name).zst"))
        // The writer opens blocking, so it waits for the scan to open the FIFO: a payload smaller
        // than the pipe buffer written before that would be dropped with the last descriptor.
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { return }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            handle.write(compressed)
            handle.closeFile()
        }
        writer.start()
        let streamed = ScanPipeline(database: TestRules.database, options: options).run(paths: [fifo])
        let found = streamed.findings.filter { $0.ruleID == "test.github-pat" }
        #expect(found.map(\.location) == located.map(\.location), "\(name) zstd through a FIFO")
    }

    @Test func elfCoreLargerThanThePrefix() throws {
        let (bytes, offsets) = Self.largeCore()
        try Self.check(bytes, offsets: offsets, name: "core.4242")
    }

    @Test func minidump() throws {
        let (bytes, offsets) = Self.minidump()
        try Self.check(bytes, offsets: offsets, name: "app.dmp")
    }
}

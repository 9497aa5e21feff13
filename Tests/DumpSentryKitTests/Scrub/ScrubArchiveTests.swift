import Foundation
import Testing
@testable import DumpSentryKit

/// Scrub of compressed and archived inputs: the output is compressed or archived the same way,
/// and unpacking it with the system tools gives exactly what scrubbing the bare dump gives.
@Suite("Scrub of compressed and archived inputs", .serialized)
struct ScrubArchiveTests {
    static let scrubber = ScrubberTests.scrubber(chunkSize: 64 << 10)

    /// The bare fixture and its scrubbed copy: the reference every packed form must unpack to.
    static func bare(_ directory: TemporaryDirectory) throws -> (path: String, scrubbed: [UInt8], replaced: Int) {
        let (bytes, planted) = ScrubberTests.fixture()
        let path = directory.write("core.1234", bytes)
        let report = try scrubber.run(ScrubRequest(input: path, destination: .file(directory.path + "/core.1234.clean")))
        try #require(report.isClean && report.replacements.count == planted.count)
        return (path, try ScrubberTests.read(directory.path + "/core.1234.clean"), planted.count)
    }

    /// Runs a shell command line (the system tools unpack; nothing here is DumpSentry's code).
    static func shell(_ command: String, cwd: String) throws {
        try ArchiveMaker.run("/bin/sh", ["-c", command], cwd: cwd)
    }

    @Test func compressedStreamsStayCompressedTheSameWay() throws {
        let directory = TemporaryDirectory()
        let d = directory.path
        let (core, reference, count) = try Self.bare(directory)
        let cases: [(file: String, pack: String, magic: [UInt8], unpack: String)] = [
            ("core.gz", "gzip -c core.1234 > core.gz", [0x1f, 0x8b], "gzip -dc"),
            ("core.zst", "zstd -q -c core.1234 > core.zst", [0x28, 0xb5, 0x2f, 0xfd], "zstd -q -dc"),
            ("core.xz", "xz -c core.1234 > core.xz", [0xfd, 0x37, 0x7a, 0x58], "xz -dc"),
            ("core.bz2", "bzip2 -c core.1234 > core.bz2", Array("BZh".utf8), "bzip2 -dc"),
            ("core.lz4", "lz4 -q -c core.1234 > core.lz4", [0x04, 0x22, 0x4d, 0x18], "lz4 -q -dc"),
        ]
        for (file, pack, magic, unpack) in cases {
            try Self.shell(pack, cwd: d)
            let output = d + "/" + file + ".clean"
            let report = try Self.scrubber.run(ScrubRequest(input: d + "/" + file, destination: .file(output)))
            #expect(report.isClean, "\(file): \(report.remaining.map { ($0.ruleID, $0.offset) }) \(report.verificationProblems)")
            #expect(report.replacements.count == count, "\(file)")
            #expect(report.replacements.allSatisfy { $0.member == nil }, "\(file)")
            #expect(report.bytes == UInt64(reference.count), "\(file)")
            let packed = try ScrubberTests.read(output)
            #expect(Array(packed.prefix(magic.count)) == magic, "\(file): not the same compression")
            try Self.shell("\(unpack) \(file).clean > \(file).out", cwd: d)
            #expect(try ScrubberTests.read(d + "/" + file + ".out") == reference, "\(file): unpacked output differs from the scrubbed bare file")
        }
        _ = core
    }

    @Test func archivesAreRewrittenMemberByMember() throws {
        let directory = TemporaryDirectory()
        let d = directory.path
        let (core, reference, count) = try Self.bare(directory)
        try FileManager.default.createDirectory(atPath: d + "/crash", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: core, toPath: d + "/crash/core.1")
        try FileManager.default.copyItem(atPath: core, toPath: d + "/crash/core.2")
        try Data("no secrets here\n".utf8).write(to: URL(fileURLWithPath: d + "/crash/notes.txt"))
        let members = ["crash/core.1", "crash/core.2", "crash/notes.txt"]
        let cases: [(file: String, pack: String, list: String, unpack: (String) -> String)] = [
            ("dumps.zip", "zip -q -r dumps.zip crash", "unzip -Z1", { "unzip -p dumps.zip.clean \($0)" }),
            ("dumps.tar", "tar -cf dumps.tar crash", "tar -tf", { "tar -xOf dumps.tar.clean \($0)" }),
            ("dumps.tar.gz", "tar -czf dumps.tar.gz crash", "tar -tzf", { "tar -xzOf dumps.tar.gz.clean \($0)" }),
            ("dumps.tar.zst", "tar -cf - crash | zstd -q -c > dumps.tar.zst", "tar --zstd -tf", { "tar --zstd -xOf dumps.tar.zst.clean \($0)" }),
        ]
        for (file, pack, list, unpack) in cases {
            try Self.shell(pack, cwd: d)
            let output = d + "/" + file + ".clean"
            let report = try Self.scrubber.run(ScrubRequest(input: d + "/" + file, destination: .file(output)))
            #expect(report.isClean, "\(file): \(report.remaining.map { ($0.member, $0.offset) }) \(report.verificationProblems)")
            #expect(report.replacements.count == 2 * count, "\(file)")
            #expect(Set(report.replacements.compactMap(\.member)) == ["crash/core.1", "crash/core.2"], "\(file)")
            try Self.shell("\(list) \(file).clean > \(file).list", cwd: d)
            let listed = String(decoding: try ScrubberTests.read(d + "/" + file + ".list"), as: UTF8.self)
                .split(separator: "\n").map(String.init).filter { !$0.hasSuffix("/") }
            #expect(listed.sorted() == members, "\(file): member names")
            for member in members {
                try Self.shell("\(unpack(member)) > unpacked", cwd: d)
                let unpacked = try ScrubberTests.read(d + "/unpacked")
                let expected = member.hasSuffix(".txt") ? Array("no secrets here\n".utf8) : reference
                #expect(unpacked == expected, "\(file): \(member) unpacks to something else")
            }
            // An independent scan of the output agrees with the verdict.
            let rescan = ScanPipeline(database: TestRules.database).run(paths: [output])
            #expect(rescan.errors.isEmpty && rescan.findings.isEmpty, "\(file): \(rescan.findings.map { ($0.member, $0.offset) })")
        }
    }

    /// cpio is rewritten as cpio; 7z is refused (libarchive's 7z writer stages data on disk).
    @Test func cpioIsRewrittenAndSevenZipIsRefused() throws {
        let directory = TemporaryDirectory()
        let d = directory.path
        let (_, reference, count) = try Self.bare(directory)
        try Self.shell("echo core.1234 | cpio -o -H newc --quiet > dumps.cpio && 7z a -bd -bso0 dumps.7z core.1234", cwd: d)
        let report = try Self.scrubber.run(ScrubRequest(input: d + "/dumps.cpio", destination: .file(d + "/clean.cpio")))
        #expect(report.isClean && report.replacements.count == count)
        try Self.shell("mkdir out && cd out && cpio -i --quiet < ../clean.cpio", cwd: d)
        #expect(try ScrubberTests.read(d + "/out/core.1234") == reference)
        #expect {
            try Self.scrubber.run(ScrubRequest(input: d + "/dumps.7z", destination: .file(d + "/clean.7z")))
        } throws: { error in
            "\(error)".contains("7z") && "\(error)".contains("cannot be rewritten")
        }
        #expect(!FileManager.default.fileExists(atPath: d + "/clean.7z"))
    }

    /// A stream (FIFO, like stdin) that is compressed takes the same way as a file.
    @Test func compressedStreamEqualsCompressedFile() throws {
        let directory = TemporaryDirectory()
        let d = directory.path
        let (_, reference, count) = try Self.bare(directory)
        try Self.shell("zstd -q -c core.1234 > core.zst", cwd: d)
        let fifo = d + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let compressed = try ScrubberTests.read(d + "/core.zst")
        // As in ScrubberTests: a write end held open (O_RDWR does not block) before scrub opens the
        // FIFO, so scrub cannot see an early end; the payload is larger than the pipe buffer.
        let fd = open(fifo, O_RDWR)
        try #require(fd >= 0 && compressed.count > 1 << 16)
        let writer = Thread {
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            handle.write(Data(compressed))
            handle.closeFile()
        }
        writer.start()
        let report = try Self.scrubber.run(ScrubRequest(input: fifo, destination: .file(d + "/stream.zst")))
        #expect(report.isClean && report.replacements.count == count)
        try Self.shell("zstd -q -dc stream.zst > stream.out", cwd: d)
        #expect(try ScrubberTests.read(d + "/stream.out") == reference)
    }

    /// A member that is itself compressed is copied as it is: the rescan unpacks it and the
    /// outcome says it is not clean. Never success by omission.
    @Test func nestedArchiveMemberIsReportedNotClean() throws {
        let directory = TemporaryDirectory()
        let d = directory.path
        _ = try Self.bare(directory)
        try Self.shell("gzip -c core.1234 > inner.gz && zip -q outer.zip inner.gz", cwd: d)
        let report = try Self.scrubber.run(ScrubRequest(input: d + "/outer.zip", destination: .file(d + "/outer.clean.zip")))
        #expect(!report.isClean)
        #expect(!report.remaining.isEmpty && report.remaining.allSatisfy { $0.member == "inner.gz" }, "\(report.remaining.map(\.member))")
        #expect(report.notes.contains { $0.contains("inner.gz") })
    }

    @Test func corruptCompressedInputIsAnErrorAndWritesNothing() throws {
        let directory = TemporaryDirectory()
        let d = directory.path
        _ = try Self.bare(directory)
        try Self.shell("gzip -c core.1234 | head -c 100000 > cut.gz", cwd: d)
        #expect(throws: ScrubError.self) {
            try Self.scrubber.run(ScrubRequest(input: d + "/cut.gz", destination: .file(d + "/cut.clean.gz")))
        }
        #expect(!FileManager.default.fileExists(atPath: d + "/cut.clean.gz"))
    }
}

import Foundation
import Testing
@testable import DumpSentryKit

@Suite("Compressed and archived inputs")
struct ArchiveScanTests {
    typealias Key = DeterminismTests.Key

    /// The bare fixture on disk and its findings: every other way of shipping it must match.
    static func bare(_ directory: TemporaryDirectory) -> (path: String, keys: [Key]) {
        let path = directory.write("core.1234", DeterminismTests.fixture())
        let outcome = ScanPipeline(database: TestRules.database, chunkSize: 1 << 22, workers: 1).run(paths: [path])
        return (path, DeterminismTests.keys(outcome.findings))
    }

    static func options(chunkSize: Int, mapped: Bool = true) -> ScanOptions {
        ScanOptions(threads: 2, chunkSize: chunkSize, useMemoryMap: mapped)
    }

    static func scan(_ path: String, _ options: ScanOptions) -> ScanOutcome {
        ScanPipeline(database: TestRules.database, options: options).run(paths: [path])
    }

    @Test func compressedAndArchivedCopiesGiveTheBareFindings() throws {
        let directory = TemporaryDirectory()
        let (core, reference) = Self.bare(directory)
        #expect(reference.count == 6, "\(reference)")
        let d = directory.path
        try ArchiveMaker.python(ArchiveMaker.compress, [core, d + "/core.gz"])
        try ArchiveMaker.python(ArchiveMaker.compress, [core, d + "/core.xz"])
        try ArchiveMaker.python(ArchiveMaker.compress, [core, d + "/core.bz2"])
        try ArchiveMaker.run("/usr/bin/zstd", ["-q", "-k", core, "-o", d + "/core.zst"])
        try ArchiveMaker.python(ArchiveMaker.zip, [d + "/dumps.zip", "crash/core.1234=" + core])
        try ArchiveMaker.python(ArchiveMaker.tar, [d + "/bundle.tar.gz", "w:gz", "core.1234=" + core])
        try ArchiveMaker.python(ArchiveMaker.zip, [d + "/nested.zip", "bundle.tar.gz=" + d + "/bundle.tar.gz"])
        try ArchiveMaker.run("/usr/bin/zstd", ["-q", "-k", d + "/bundle.tar.gz", "-o", d + "/double.gz.zst"])
        let cases: [(file: String, member: String?, type: String)] = [
            ("core.gz", nil, "gzip!"), ("core.xz", nil, "xz!"), ("core.bz2", nil, "bzip2!"), ("core.zst", nil, "zstd!"),
            ("dumps.zip", "crash/core.1234", "zip!"), ("bundle.tar.gz", "core.1234", "gzip!tar!"),
            ("nested.zip", "bundle.tar.gz!core.1234", "zip!gzip!tar!"), ("double.gz.zst", "core.1234", "zstd!tar!"),
        ]
        for (file, member, type) in cases {
            for chunkSize in [4096, 1 << 22] {
                for mapped in [true, false] {
                    let outcome = Self.scan(d + "/" + file, Self.options(chunkSize: chunkSize, mapped: mapped))
                    let context = "\(file), chunk \(chunkSize), mmap \(mapped)"
                    #expect(outcome.errors.isEmpty, "\(context): \(outcome.errors)")
                    #expect(DeterminismTests.keys(outcome.findings) == reference, "\(context)")
                    #expect(outcome.findings.allSatisfy { $0.member == member && $0.path == d + "/" + file }, "\(context)")
                    #expect(outcome.bytes == 300_000, "\(context)")
                    let summary = try #require(outcome.sources.first, "\(context)")
                    #expect(outcome.sources.count == 1 && summary.member == member && summary.findings == 6, "\(context)")
                    #expect(summary.fileType?.hasPrefix(type) == true, "\(context): \(summary.fileType ?? "nil")")
                }
            }
        }
    }

    /// lz4 streams, 7z and cpio archives (made with the lz4, 7z and cpio tools `make deps` installs).
    @Test func lz4SevenZipAndCpioGiveTheBareFindings() throws {
        let directory = TemporaryDirectory()
        let (core, reference) = Self.bare(directory)
        let d = directory.path
        try ArchiveMaker.run("/usr/bin/lz4", ["-q", core, d + "/core.lz4"])
        try ArchiveMaker.run("/usr/bin/7z", ["a", "-bd", "-bso0", "dumps.7z", "core.1234"], cwd: d)
        try ArchiveMaker.run("/bin/sh", ["-c", "echo core.1234 | cpio -o -H newc --quiet > dumps.newc.cpio"], cwd: d)
        try ArchiveMaker.run("/bin/sh", ["-c", "echo core.1234 | cpio -o -H odc --quiet > dumps.odc.cpio"], cwd: d)
        try ArchiveMaker.run("/bin/sh", ["-c", "gzip -c dumps.newc.cpio > dumps.cpio.gz"], cwd: d)
        let cases: [(file: String, member: String?, type: String)] = [
            ("core.lz4", nil, "lz4!"), ("dumps.7z", "core.1234", "7z!"),
            ("dumps.newc.cpio", "core.1234", ""), ("dumps.odc.cpio", "core.1234", ""), ("dumps.cpio.gz", "core.1234", "gzip!"),
        ]
        for (file, member, type) in cases {
            for mapped in [true, false] {
                let outcome = Self.scan(d + "/" + file, Self.options(chunkSize: 4096, mapped: mapped))
                let context = "\(file), mmap \(mapped)"
                #expect(outcome.errors.isEmpty, "\(context): \(outcome.errors)")
                #expect(DeterminismTests.keys(outcome.findings) == reference, "\(context)")
                #expect(outcome.findings.allSatisfy { $0.member == member }, "\(context)")
                #expect(outcome.bytes == 300_000, "\(context)")
                let summary = try #require(outcome.sources.first, "\(context)")
                #expect(summary.fileType?.hasPrefix(type) == true, "\(context): \(summary.fileType ?? "nil")")
            }
        }
    }

    @Test func bareFilesAreIdentifiedInTheSummary() throws {
        let directory = TemporaryDirectory()
        let elf = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 62, 0] + [UInt8](repeating: 0, count: 200)
        let path = directory.write("core.elf", elf)
        for mapped in [true, false] {
            let outcome = Self.scan(path, Self.options(chunkSize: 4096, mapped: mapped))
            #expect(outcome.sources.map(\.fileType) == ["elf-core"], "mmap \(mapped)")
        }
    }

    @Test func fileThatOnlyLooksCompressedIsScannedAsItIs() throws {
        let directory = TemporaryDirectory()
        let (_, reference) = Self.bare(directory)
        var bytes = DeterminismTests.fixture()
        // gzip magic with reserved flag bits set: libarchive refuses it.
        bytes.replaceSubrange(0..<4, with: [0x1f, 0x8b, 0x08, 0xe0])
        let path = directory.write("fake.gz", bytes)
        for mapped in [true, false] {
            let outcome = Self.scan(path, Self.options(chunkSize: 4096, mapped: mapped))
            #expect(outcome.errors.count == 1)
            #expect(outcome.errors.first?.message.contains("identified as gzip") == true, "\(outcome.errors)")
            #expect(DeterminismTests.keys(outcome.findings) == reference, "mmap \(mapped)")
            #expect(outcome.bytes == 300_000)
        }
    }

    @Test func memberNamesAreDataKeptExactly() throws {
        let directory = TemporaryDirectory()
        let (core, reference) = Self.bare(directory)
        let name = "../../etc/\u{1b}[31mcore\nfake \u{7f}.dmp"
        let zip = directory.path + "/names.zip"
        // python's zipfile strips a leading `/`, so no absolute name here: only `../` and control characters.
        try ArchiveMaker.python(ArchiveMaker.zip, [zip, name + "=" + core, "abs/core=" + core])
        let outcome = Self.scan(zip, Self.options(chunkSize: 1 << 22))
        #expect(outcome.errors.isEmpty)
        #expect(Set(outcome.findings.compactMap(\.member)) == [name, "abs/core"])
        #expect(outcome.findings.count == 2 * reference.count)
        let document = JSONReporter(settings: ReportSettings(showSecrets: false)).document(outcome)
        let json = try #require(JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["member"] as? String }) == [name, "abs/core"])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(Set(files.compactMap { $0["member"] as? String }) == [name, "abs/core"])
    }

    @Test func decompressionBombStopsAtTheSizeLimit() throws {
        let directory = TemporaryDirectory()
        let bomb = directory.path + "/zeros.gz"
        try ArchiveMaker.python(ArchiveMaker.zeroBomb, [bomb, "64"])
        var options = Self.options(chunkSize: 1 << 20)
        options.maxDecompressedSize = 8 << 20
        let outcome = Self.scan(bomb, options)
        let error = try #require(outcome.errors.first)
        #expect(outcome.errors.count == 1)
        #expect(error.message.contains("--max-decompressed-size"), "\(error.message)")
        #expect(outcome.bytes <= 8 << 20 && outcome.bytes >= 7 << 20, "\(outcome.bytes)")
    }

    @Test func decompressionBombStopsAtTheExpansionRatio() throws {
        let directory = TemporaryDirectory()
        let bomb = directory.path + "/zeros.gz"
        try ArchiveMaker.python(ArchiveMaker.zeroBomb, [bomb, "64"])
        var options = Self.options(chunkSize: 1 << 20)
        options.maxExpansionRatio = 50
        let outcome = Self.scan(bomb, options)
        let error = try #require(outcome.errors.first)
        #expect(error.message.contains("--max-expansion-ratio of 50:1"), "\(error.message)")
        #expect(outcome.bytes < 64 << 20)
        // The default ratio lets the same file through: it is a guard, not a size cap. And a
        // stream that starts with zeros is data, not an empty tar archive.
        let whole = Self.scan(bomb, Self.options(chunkSize: 1 << 22))
        #expect(whole.errors.isEmpty)
        #expect(whole.bytes == 64 << 20)
    }

    @Test func nestingDeeperThanTheLimitIsAnError() throws {
        let directory = TemporaryDirectory()
        let (core, _) = Self.bare(directory)
        let d = directory.path
        try ArchiveMaker.python(ArchiveMaker.tar, [d + "/bundle.tar.gz", "w:gz", "core.1234=" + core])
        try ArchiveMaker.python(ArchiveMaker.zip, [d + "/nested.zip", "bundle.tar.gz=" + d + "/bundle.tar.gz"])
        var options = Self.options(chunkSize: 1 << 22)
        options.maxArchiveDepth = 1
        let outcome = Self.scan(d + "/nested.zip", options)
        let error = try #require(outcome.errors.first)
        #expect(error.message.contains("deeper than --max-depth 1"), "\(error.message)")
        #expect(error.message.contains("bundle.tar.gz"))
        // Its bytes were still scanned, as they are (compressed: nothing to find).
        #expect(outcome.sources.first?.bytes == UInt64(try Data(contentsOf: URL(fileURLWithPath: d + "/bundle.tar.gz")).count))
    }

    @Test func encryptedMembersAreUnscannableOthersAreScanned() throws {
        let directory = TemporaryDirectory()
        let (core, reference) = Self.bare(directory)
        let d = directory.path
        try FileManager.default.copyItem(atPath: core, toPath: d + "/secret.dmp")
        // zip -e needs the zip CLI (make deps installs it): an encrypted member, then a plain one.
        try ArchiveMaker.run("/usr/bin/zip", ["-q", "-P", "fake-passphrase", "mixed.zip", "secret.dmp"], cwd: d)
        try ArchiveMaker.run("/usr/bin/zip", ["-q", "mixed.zip", "core.1234"], cwd: d)
        let outcome = Self.scan(d + "/mixed.zip", Self.options(chunkSize: 1 << 22))
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.message.contains("member secret.dmp: encrypted") == true, "\(outcome.errors)")
        #expect(DeterminismTests.keys(outcome.findings) == reference)
        #expect(outcome.findings.allSatisfy { $0.member == "core.1234" })
    }

    @Test func truncatedArchiveKeepsEarlierMembers() throws {
        let directory = TemporaryDirectory()
        let (core, reference) = Self.bare(directory)
        let d = directory.path
        try ArchiveMaker.python(ArchiveMaker.tar, [d + "/two.tar.gz", "w:gz", "a/core.1=" + core, "b/core.2=" + core])
        let whole = try Data(contentsOf: URL(fileURLWithPath: d + "/two.tar.gz"))
        // Random data does not compress: 80% of the file ends inside the second member.
        let cut = directory.write("cut.tar.gz", Array(whole.prefix(whole.count * 8 / 10)))
        let outcome = Self.scan(cut, Self.options(chunkSize: 4096))
        #expect(outcome.errors.count == 1, "\(outcome.errors)")
        #expect(outcome.errors.first?.message.contains("member b/core.2") == true, "\(outcome.errors)")
        let first = outcome.findings.filter { $0.member == "a/core.1" }
        #expect(DeterminismTests.keys(first) == reference)
        #expect(outcome.sources.contains { $0.member == "b/core.2" && $0.bytes < 300_000 })
    }
}

import Foundation
import Glibc
import Testing
@testable import DumpSentryKit

/// File and archive member names are data: newlines, escape sequences and bytes that are not
/// UTF-8 are escaped in text, kept exactly in JSON (`path_bytes`/`member_bytes`) and SARIF
/// (percent-encoded URI), and two names that differ only in invalid bytes stay two inputs.
struct HostileNameTests {
    /// Names as bytes: the last two differ only in an invalid byte and display the same.
    static let names: [[UInt8]] = [
        Array("new\nline.bin".utf8),
        Array("esc\u{1b}[2J\u{1b}[31mred.bin".utf8),
        Array("bad-".utf8) + [0xff, 0xfe] + Array(".bin".utf8),
        Array("bad-".utf8) + [0xff, 0xfd] + Array(".bin".utf8),
    ]

    /// Writes `bytes` to `directory/name` with the name's exact bytes (Foundation would repair them).
    static func write(_ bytes: [UInt8], named name: [UInt8], in directory: String) throws {
        let path = Array(directory.utf8) + [0x2f] + name + [0]
        let fd = path.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o600) }
        }
        try #require(fd >= 0, "cannot create a test file: errno \(errno)")
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        try #require(written == bytes.count)
    }

    static func scanHostileDirectory() throws -> (TemporaryDirectory, ScanOutcome) {
        let directory = TemporaryDirectory()
        var dump = DumpBuilder(size: 2048)
        dump.plant(TestRules.awsKey, at: 100)
        for name in names { try write(dump.bytes, named: name, in: directory.path) }
        let outcome = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 2).run(paths: [directory.path])
        return (directory, outcome)
    }

    @Test func namesThatAreNotUTF8StayDistinctAndExact() throws {
        let (directory, outcome) = try Self.scanHostileDirectory()
        let expected = Self.names.map { Array(directory.path.utf8) + [0x2f] + $0 }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(outcome.errors.isEmpty)
        // Four files, four findings: the two names that display alike are not merged.
        #expect(outcome.findings.map(\.exactPath) == expected)
        #expect(outcome.findings.allSatisfy { $0.offset == 100 && $0.ruleID == TestRules.aws.id && $0.encoding == .ascii })
        #expect(outcome.sources.map(\.exactPath) == expected)
        #expect(outcome.sources.allSatisfy { $0.findings == 1 })
        for finding in outcome.findings {
            let valid = String(validating: finding.exactPath, as: UTF8.self) != nil
            #expect((finding.pathBytes == nil) == valid, "\(finding.path)")
        }
    }

    @Test func jsonAndSarifCarryTheExactBytes() throws {
        let (directory, outcome) = try Self.scanHostileDirectory()
        let settings = ReportSettings(toolVersion: "test")
        let json = try #require(JSONSerialization.jsonObject(with: Data(JSONReporter(settings: settings).document(outcome).utf8)) as? [String: Any])
        func exact(_ object: [String: Any], _ field: String) throws -> [UInt8] {
            if let encoded = object["\(field)_bytes"] as? String {
                return Array(try #require(Data(base64Encoded: encoded)))
            }
            return Array(try #require(object[field] as? String).utf8)
        }
        let findings = try #require(json["findings"] as? [[String: Any]])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(try findings.map { try exact($0, "path") } == outcome.findings.map(\.exactPath))
        #expect(try files.map { try exact($0, "path") } == outcome.findings.map(\.exactPath))
        #expect(findings.filter { $0["path_bytes"] != nil }.count == 2)

        let sarif = try #require(JSONSerialization.jsonObject(with: Data(SarifReporter(settings: settings, ruleSet: TestRules.all).document(outcome).utf8)) as? [String: Any])
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let uris = results.compactMap { result -> String? in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        #expect(uris.count == 4)
        #expect(uris.map { Self.percentDecoded(String($0.dropFirst("file://".count))) } == outcome.findings.map(\.exactPath))
        #expect(uris.allSatisfy { $0.utf8.allSatisfy { (0x21...0x7e).contains($0) } })
        _ = directory
    }

    @Test func textOutputEscapesEveryHostileByte() throws {
        let (_, outcome) = try Self.scanHostileDirectory()
        let text = TextReporter(settings: ReportSettings(toolVersion: "test")).findings(outcome)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(!text.utf8.contains(0x1b) && !text.unicodeScalars.contains("\u{FFFD}"))
        #expect(text.contains("new\\x0aline.bin:100:"))
        #expect(text.contains("esc\\x1b[2J\\x1b[31mred.bin:100:"))
        #expect(text.contains("bad-\\xff\\xfe.bin:100:") && text.contains("bad-\\xff\\xfd.bin:100:"))
    }

    @Test func archiveMemberNamesAreKeptExactly() throws {
        let directory = TemporaryDirectory()
        let archive = directory.path + "/names.tar"
        // GNU tar headers store names as raw bytes; surrogateescape writes the invalid ones as they are.
        try ArchiveMaker.python("""
            import sys, tarfile, io
            names = [b"new\\nline.bin", b"esc\\x1b[31mred.bin", b"bad-\\xff\\xfe.bin", b"bad-\\xff\\xfd.bin"]
            data = bytes(100) + b"AKIAZ3MKQ4WJ7PLXNRT2" + bytes(100)
            with tarfile.open(sys.argv[1], "w", format=tarfile.GNU_FORMAT, encoding="utf-8", errors="surrogateescape") as tar:
                for name in names:
                    info = tarfile.TarInfo(name.decode("utf-8", "surrogateescape"))
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
            """, [archive])
        let outcome = ScanPipeline(database: TestRules.database, chunkSize: 4096, workers: 2).run(paths: [archive])
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        let members: [[UInt8]] = [
            Array("bad-".utf8) + [0xff, 0xfd] + Array(".bin".utf8),
            Array("bad-".utf8) + [0xff, 0xfe] + Array(".bin".utf8),
            Array("esc\u{1b}[31mred.bin".utf8),
            Array("new\nline.bin".utf8),
        ]
        #expect(outcome.findings.compactMap(\.exactMember) == members)
        #expect(outcome.findings.allSatisfy { $0.offset == 100 && $0.path == archive && $0.pathBytes == nil })
        #expect(outcome.findings.filter { $0.memberBytes != nil }.count == 2)
        let text = TextReporter(settings: ReportSettings(toolVersion: "test")).findings(outcome)
        #expect(text.contains("names.tar!bad-\\xff\\xfd.bin:100:") && text.contains("names.tar!new\\x0aline.bin:100:"))
        let sarif = SarifReporter.uri(path: Array(archive.utf8), member: outcome.findings.first?.exactMember)
        #expect(sarif.hasSuffix("names.tar!bad-%FF%FD.bin"))
    }

    static func percentDecoded(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            if byte == 0x25, let high = bytes.next(), let low = bytes.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                out.append(value)
            } else {
                out.append(byte)
            }
        }
        return out
    }
}

import Foundation
import Testing

/// Hostile names end to end through the binary: files named with a newline, ANSI escapes and
/// bytes that are not UTF-8, and a tar holding members named the same way. The JSON and SARIF
/// reports validate against their schemas and give back each name's exact bytes; the text output
/// holds no control byte.
@Suite("Hostile names in reports", .serialized, .enabled(if: SchemaValidator.enabled, SchemaValidator.skipReason))
struct HostileNameReportTests {
    /// The names, written by Python so they are exact bytes (Foundation would repair them).
    static let names: [[UInt8]] = [
        Array("new\nline.bin".utf8),
        Array("esc\u{1b}[2J\u{1b}[31mred.bin".utf8),
        Array("bad-".utf8) + [0xff, 0xfe] + Array(".bin".utf8),
        Array("bad-".utf8) + [0xff, 0xfd] + Array(".bin".utf8),
    ]

    static func fixture() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dumpsentry-names-\(UUID().uuidString)").path
        let script = #"""
            import io, os, sys, tarfile, zlib
            out = os.fsencode(sys.argv[1])
            os.makedirs(out)
            body = "Q7v9kLm2Xw4Zt8Rb1Nc6Hy3Pd5Sf0G"  # fake: 30 characters and their CRC32 tail
            value, digits = zlib.crc32(body.encode()), ""
            alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            while True:
                digits = alphabet[value % 62] + digits
                value //= 62
                if value == 0:
                    break
            data = bytes(1000) + b"GITHUB_TOKEN=ghp_" + (body + digits.rjust(6, "0")).encode() + bytes(1000)
            names = [b"new\nline.bin", b"esc\x1b[2J\x1b[31mred.bin", b"bad-\xff\xfe.bin", b"bad-\xff\xfd.bin"]
            for name in names:
                with open(os.path.join(out, name), "wb") as f:
                    f.write(data)
            with tarfile.open(os.path.join(out, b"members.tar"), "w", format=tarfile.GNU_FORMAT,
                              encoding="utf-8", errors="surrogateescape") as tar:
                for name in names:
                    info = tarfile.TarInfo(name.decode("utf-8", "surrogateescape"))
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
            """#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return directory
    }

    static func exact(_ object: [String: Any], _ field: String) throws -> [UInt8]? {
        if let encoded = object["\(field)_bytes"] as? String { return Array(try #require(Data(base64Encoded: encoded))) }
        return (object[field] as? String).map { Array($0.utf8) }
    }

    @Test func reportsValidateAndRoundTripTheExactNames() throws {
        let directory = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let json = directory + "/../" + URL(fileURLWithPath: directory).lastPathComponent + ".json"
        let sarif = json + ".sarif"
        let jsonl = json + "l"
        defer { for file in [json, sarif, jsonl] { try? FileManager.default.removeItem(atPath: file) } }
        for (format, file) in [("json", json), ("sarif", sarif), ("jsonl", jsonl)] {
            let result = try CLIRunner.run(["scan", "--format", format, "--output", file, "."], cwd: directory, timeout: 120)
            #expect(result.status == 1, "\(format): \(result.stderr.prefix(1000))")
        }
        #expect(try SchemaValidator.problems(schema: SchemaValidator.reportSchema, files: [json]) == nil)
        #expect(try SchemaValidator.problems(schema: SchemaValidator.reportSchema, files: [jsonl], lines: true) == nil)
        #expect(try SchemaValidator.problems(schema: SchemaValidator.sarifSchema(), files: [sarif]) == nil)

        let sorted = Self.names.sorted { $0.lexicographicallyPrecedes($1) }
        let onDisk = sorted.map { Array("./".utf8) + $0 }
        let report = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let files = findings.filter { $0["member"] is NSNull }
        let members = findings.filter { !($0["member"] is NSNull) }
        #expect(try files.map { try Self.exact($0, "path") } == onDisk)
        #expect(try members.map { try Self.exact($0, "member") } == sorted)
        #expect(members.allSatisfy { $0["path"] as? String == "./members.tar" && $0["path_bytes"] == nil })
        #expect(findings.allSatisfy { $0["offset"] as? Int == 1013 })

        let log = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let uris = results.compactMap { result -> String? in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (location?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        #expect(uris.count == 8)
        let decoded = uris.map { uri in uri.removingPercentEncodingBytes() }
        let tar = Array("./members.tar!".utf8)
        #expect(decoded.filter { !$0.starts(with: tar) } == onDisk)
        #expect(decoded.filter { $0.starts(with: tar) } == sorted.map { tar + $0 })

        let text = try CLIRunner.run(["scan", "."], cwd: directory, timeout: 120)
        #expect(!text.stdout.utf8.contains(0x1b) && !text.stdout.contains("\u{FFFD}"))
        #expect(text.stdout.contains("bad-\\xff\\xfd.bin:1013:") && text.stdout.contains("members.tar!esc\\x1b[2J\\x1b[31mred.bin:1013:"))
    }
}

extension String {
    /// RFC 3986 percent-decoding to bytes (Foundation's decoder gives up on bytes that are not UTF-8).
    func removingPercentEncodingBytes() -> [UInt8] {
        var out: [UInt8] = []
        var bytes = utf8.makeIterator()
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

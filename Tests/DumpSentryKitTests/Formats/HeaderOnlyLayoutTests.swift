import Testing
@testable import DumpSentryKit

/// HPROF and Windows crash dump headers, generated here, are identified with their facts; the
/// parser dispatches by magic and leaves other files alone.
struct HeaderOnlyLayoutTests {
    static func hprof(version: String = "1.0.2", identifierSize: UInt32 = 8) -> [UInt8] {
        var writer = ByteWriter()
        writer.bigEndian = true
        writer.append("JAVA PROFILE \(version)")
        writer.u8(0)
        writer.u32(identifierSize)
        writer.u64(1_700_000_000_000)
        // One UTF8 record: tag 1, time, length, id, text.
        writer.u8(1)
        writer.u32(0)
        writer.u32(8 + 5)
        writer.u64(42)
        writer.append("hello")
        return writer.bytes
    }

    static func windowsCrashDump(wide: Bool) -> [UInt8] {
        var writer = ByteWriter()
        writer.append(wide ? "PAGEDU64" : "PAGEDUMP")
        writer.u32(0xf)  // MajorVersion: free build
        writer.u32(19041)  // MinorVersion: build number
        writer.zeros((wide ? 0x2000 : 0x1000) - writer.count)
        writer.patch32(at: wide ? 48 : 32, wide ? 0x8664 : 0x14c)
        writer.patch32(at: wide ? 52 : 36, 8)
        writer.patch32(at: wide ? 56 : 40, 0xd1)  // DRIVER_IRQL_NOT_LESS_OR_EQUAL
        writer.patch32(at: wide ? 0xf98 : 0xf88, 1)  // full dump
        writer.zeros(4096)  // one page of "physical memory"
        return writer.bytes
    }

    @Test func hprofHeader() throws {
        let bytes = Self.hprof()
        let layout = try bytes.withUnsafeBytes { try HprofLayout(bytes: $0) }
        #expect(layout.facts == ["version": "1.0.2", "identifier.size": "8", "timestamp.ms": "1700000000000"])
        #expect(layout.location(ofFileOffset: 0) == nil)
        #expect(layout.location(ofFileOffset: 30) == nil)
        #expect(layout.location(ofFileOffset: 31) == DumpLocation(virtualAddress: nil, region: .heap))
        let parsed = try bytes.withUnsafeBytes { try DumpLayoutParser.parse($0).get() }
        #expect(parsed?.formatName == "hprof")
    }

    @Test func hostileHprofHeaders() {
        var noTerminator = Array("JAVA PROFILE 1.0.2".utf8) + [UInt8](repeating: 0x41, count: 100)
        #expect(throws: FormatError.self) { try noTerminator.withUnsafeBytes { try HprofLayout(bytes: $0) } }
        noTerminator = Self.hprof(identifierSize: 0x1000)
        #expect(throws: FormatError.self) { try noTerminator.withUnsafeBytes { try HprofLayout(bytes: $0) } }
        let bytes = Self.hprof()
        for length in 0...bytes.count {
            _ = Array(bytes.prefix(length)).withUnsafeBytes { DumpLayoutParser.parse($0) }
        }
    }

    @Test(arguments: [true, false])
    func windowsCrashDumpHeader(wide: Bool) throws {
        let bytes = Self.windowsCrashDump(wide: wide)
        let layout = try bytes.withUnsafeBytes { try WindowsCrashDumpLayout(bytes: $0) }
        #expect(layout.facts["class"] == (wide ? "64-bit" : "32-bit"))
        #expect(layout.facts["cpu"] == (wide ? "amd64" : "x86"))
        #expect(layout.facts["cpu.count"] == "8")
        #expect(layout.facts["bugcheck"] == "0xd1")
        #expect(layout.facts["dump.type"] == "full")
        #expect(layout.facts["os.version"] == "Windows NT build 19041")
        #expect(layout.location(ofFileOffset: UInt64(bytes.count - 1)) == nil)
        let parsed = try bytes.withUnsafeBytes { try DumpLayoutParser.parse($0).get() }
        #expect(parsed?.formatName == "windows-crashdump")
        // A header cut before DumpType is a FormatError, not a crash.
        let cut = Array(bytes.prefix(0xf00))
        #expect(throws: FormatError.self) { try cut.withUnsafeBytes { try DumpLayoutParser.parse($0).get() } }
    }

    @Test func otherFilesAreNotDumps() throws {
        let inputs: [[UInt8]] = [[], Array("MDM".utf8), Array("hello, world".utf8), [0x1f, 0x8b, 8, 0], Array("PAGE".utf8)]
        for input in inputs {
            #expect(try input.withUnsafeBytes { try DumpLayoutParser.parse($0).get() } == nil)
        }
        let badMinidump = Array("MDMP".utf8)
        #expect(throws: FormatError.self) { try badMinidump.withUnsafeBytes { try DumpLayoutParser.parse($0).get() } }
    }
}

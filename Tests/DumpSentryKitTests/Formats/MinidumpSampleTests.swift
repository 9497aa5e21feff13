import Testing
@testable import DumpSentryKit

/// The public sample minidumps parse, or fail with a `FormatError` (the deliberately broken ones),
/// and their addresses map as an independent reader says.
///
/// Expected values come from the pure-Python PyPI package `minidump` 0.0.24
/// (`MinidumpFile.parse(path)`: `memory_segments`, `modules`, `threads`), run on the same files.
@Suite(.enabled(if: SampleDumps.available, SampleDumps.skipReason))
struct MinidumpSampleTests {
    private func layout(_ name: String) throws -> MinidumpLayout {
        let bytes = try SampleDumps.bytes(name)
        return try bytes.withUnsafeBytes { raw in try MinidumpLayout(bytes: raw) }
    }

    @Test func everySampleParsesOrFailsCleanly() throws {
        let names = try SampleDumps.names()
        #expect(names.count >= 10, "expected the 11 public samples, found \(names)")
        for name in names {
            let bytes = try SampleDumps.bytes(name)
            let result = bytes.withUnsafeBytes { DumpLayoutParser.parse($0) }
            switch result {
            case .success(let layout):
                #expect(layout?.formatName == "minidump", "\(name)")
                if !name.contains("invalid") {
                    #expect(layout?.problems == [], "\(name): \(layout?.problems ?? [])")
                }
            case .failure(let error):
                #expect(name.contains("invalid"), "\(name) failed: \(error)")
            }
        }
    }

    @Test func brokenSamplesYieldDiagnostics() throws {
        for name in ["rust-minidump_invalid-range.dmp", "rust-minidump_invalid-record-count.dmp"] {
            let bytes = try SampleDumps.bytes(name)
            switch bytes.withUnsafeBytes({ DumpLayoutParser.parse($0) }) {
            case .success(let layout):
                #expect(layout?.problems.isEmpty == false, "\(name) parsed without a diagnostic")
            case .failure:
                break  // a FormatError is the other acceptable outcome
            }
        }
    }

    @Test func linuxBreakpadDump() throws {
        let layout = try layout("rust-minidump_linux-mini.dmp")
        // minidump: stack of thread 1304 at 0x7fff5ae4a000, 12288 bytes at file offset 248.
        #expect(layout.location(ofFileOffset: 248 + 0x10)
            == DumpLocation(virtualAddress: 0x7fff_5ae4_a010, region: .stack, threadID: 1304, protection: "rw-"))
        // minidump: 0x401cf2, 256 bytes at file offset 12536, inside /work/linux/build/crash.
        #expect(layout.location(ofFileOffset: 12536 + 2)
            == DumpLocation(virtualAddress: 0x401cf4, region: .module, module: "crash", protection: "r-x"))
        #expect(layout.location(ofFileOffset: 12536 + 256) == nil)
        #expect(layout.location(ofFileOffset: 0) == nil)
        #expect(layout.facts["process.name"] == "crash")
        #expect(layout.facts["pid"] == "1304")
        #expect(layout.facts["os"] == "Linux")
        #expect(layout.facts["cpu"] == "amd64")
        #expect(layout.facts["modules"] == "8")
        #expect(layout.facts["threads"] == "1")
        #expect(layout.facts["os.distribution"] == "Ubuntu 16.04.3 LTS")
    }

    @Test func windowsDump() throws {
        let layout = try layout("rust-minidump_test.dmp")
        // minidump: 0x7c90eb14, 256 bytes at 5433, inside C:\WINDOWS\system32\ntdll.dll.
        #expect(layout.location(ofFileOffset: 5433)
            == DumpLocation(virtualAddress: 0x7c90_eb14, region: .module, module: "ntdll.dll"))
        // minidump: stack of thread 3060 at 0x12f31c, 3300 bytes at 5689.
        #expect(layout.location(ofFileOffset: 5689 + 100)
            == DumpLocation(virtualAddress: 0x12f380, region: .stack, threadID: 3060))
        // minidump: stack of thread 4544 at 0x97f6e8, 2328 bytes at 8989 (last byte).
        #expect(layout.location(ofFileOffset: 8989 + 2327)
            == DumpLocation(virtualAddress: 0x97f6e8 + 2327, region: .stack, threadID: 4544))
        #expect(layout.facts["process.name"] == "test_app.exe")
        #expect(layout.facts["cpu"] == "x86")
        #expect(layout.facts["os"] == "Windows NT")
        #expect(layout.facts["modules"] == "13")
        #expect(layout.facts["threads"] == "2")
    }

    @Test func breakpadWindowsDump() throws {
        let layout = try layout("breakpad_ascii_read_av.dmp")
        // minidump: 0xd6a64d, 256 bytes at 9254, inside D:\crashme\Debug\crashme.exe.
        #expect(layout.location(ofFileOffset: 9254 + 3)
            == DumpLocation(virtualAddress: 0xd6a650, region: .module, module: "crashme.exe"))
        // minidump: stack of thread 5152 at 0x78f0f0, 3856 bytes at 12710.
        #expect(layout.location(ofFileOffset: 12710)
            == DumpLocation(virtualAddress: 0x78f0f0, region: .stack, threadID: 5152))
        #expect(layout.facts["modules"] == "26")
    }

    @Test func macOSCrashpadDump() throws {
        let layout = try layout("rust-minidump_pipeline-inlines-macos-segv.dmp")
        // minidump: stack of thread 9475 at 0x700008a84e58, 8616 bytes at 76540.
        #expect(layout.location(ofFileOffset: 76540 + 8)
            == DumpLocation(virtualAddress: 0x7000_08a8_4e60, region: .stack, threadID: 9475))
        // minidump: 0x102a68c54, 256 bytes at 106084, inside crash-client.
        #expect(layout.location(ofFileOffset: 106084)
            == DumpLocation(virtualAddress: 0x1_02a6_8c54, region: .module, module: "crash-client"))
        #expect(layout.facts["os"] == "macOS")
        #expect(layout.facts["threads"] == "11")
        #expect(layout.facts["modules"] == "47")
        #expect(layout.facts["memory.ranges"] == "12")
    }
}

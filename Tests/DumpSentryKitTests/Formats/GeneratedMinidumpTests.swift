import Testing
@testable import DumpSentryKit

/// A minidump built by `MinidumpBuilder` with a token planted in each kind of region maps every
/// token's file offset to the expected address, region, module and thread.
struct GeneratedMinidumpTests {
    /// The fixture and where each token was planted (file offset and expected location).
    static func fixture() -> (bytes: [UInt8], planted: [(offset: Int, expected: DumpLocation)]) {
        var random = FakeSecret(seed: 0x5eed)
        func blob(_ size: Int, token at: Int) -> [UInt8] {
            var bytes = random.bytes(size)
            let token = random.token()
            bytes.replaceSubrange(at..<(at + token.count), with: token)
            return bytes
        }
        var builder = MinidumpBuilder()
        builder.systemInfo = (architecture: 9, platform: 2)
        builder.modules = [
            .init(base: 0x40_0000, size: 0x1_0000, path: "C:\\app\\app.exe"),
            .init(base: 0x7f00_0000_0000, size: 0x20_0000, path: "/usr/lib/libssl.so.3"),
        ]
        builder.memory = [
            .init(address: 0x40_1000, bytes: blob(256, token: 0x40)),  // in app.exe
            .init(address: 0x1000_0000, bytes: blob(512, token: 0x100)),  // private rw → heap
            .init(address: 0x2000_0000, bytes: blob(128, token: 0x10)),  // MEM_MAPPED
            .init(address: 0x3000_0000, bytes: blob(128, token: 0x20)),  // MEM_IMAGE, no module
            .init(address: 0x5000_0000, bytes: blob(128, token: 0x30)),  // no memory info
            .init(address: 0x7f00_0010_0000, bytes: blob(128, token: 0)),  // in libssl.so.3
        ]
        builder.threads = [
            .init(id: 77, stackAddress: 0x7ffd_0000, stack: blob(1024, token: 0x100)),
            .init(id: 78, stackAddress: 0x7ffe_0000, stack: blob(1024, token: 0x200), listedInMemory: false),
        ]
        builder.memory64 = [.init(address: 0x6000_0000, bytes: blob(256, token: 0x80))]
        builder.memoryInfo = [
            .init(base: 0x40_0000, size: 0x1_0000, protect: 0x20, type: 0x100_0000),  // r-x image
            .init(base: 0x1000_0000, size: 0x1000, protect: 0x04, type: 0x2_0000),  // rw- private
            .init(base: 0x2000_0000, size: 0x1000, protect: 0x02, type: 0x4_0000),  // r-- mapped
            .init(base: 0x3000_0000, size: 0x1000, protect: 0x20, type: 0x100_0000),  // r-x image
            .init(base: 0x6000_0000, size: 0x1000, protect: 0x01, type: 0x2_0000),  // --- private
            .init(base: 0x7ffd_0000, size: 0x1000, protect: 0x04, type: 0x2_0000),  // the first stack
        ]
        let built = builder.build()
        let m = built.memoryOffsets, s = built.stackOffsets
        let planted: [(Int, DumpLocation)] = [
            (m[0] + 0x40, DumpLocation(virtualAddress: 0x40_1040, region: .module, module: "app.exe", protection: "r-x")),
            (m[1] + 0x100, DumpLocation(virtualAddress: 0x1000_0100, region: .heap, protection: "rw-")),
            (m[2] + 0x10, DumpLocation(virtualAddress: 0x2000_0010, region: .mapped, protection: "r--")),
            (m[3] + 0x20, DumpLocation(virtualAddress: 0x3000_0020, region: .image, protection: "r-x")),
            (m[4] + 0x30, DumpLocation(virtualAddress: 0x5000_0030, region: .unknown)),
            (m[5], DumpLocation(virtualAddress: 0x7f00_0010_0000, region: .module, module: "libssl.so.3")),
            (s[0] + 0x100, DumpLocation(virtualAddress: 0x7ffd_0100, region: .stack, threadID: 77, protection: "rw-")),
            (s[1] + 0x200, DumpLocation(virtualAddress: 0x7ffe_0200, region: .stack, threadID: 78)),
            (built.memory64Offsets[0] + 0x80, DumpLocation(virtualAddress: 0x6000_0080, region: .private, protection: "---")),
        ]
        return (built.bytes, planted)
    }

    @Test func plantedTokensMapToTheirRegions() throws {
        let (bytes, planted) = Self.fixture()
        let layout = try bytes.withUnsafeBytes { try MinidumpLayout(bytes: $0) }
        #expect(layout.problems == [])
        for (offset, expected) in planted {
            #expect(layout.location(ofFileOffset: UInt64(offset)) == expected, "file offset \(offset)")
            // The token's last byte maps 31 + 5 bytes further on, in the same region.
            var last = expected
            last.virtualAddress = expected.virtualAddress.map { $0 + 36 }
            #expect(layout.location(ofFileOffset: UInt64(offset + 36)) == last, "file offset \(offset + 36)")
        }
        #expect(layout.location(ofFileOffset: 0) == nil, "the header is not process memory")
        #expect(layout.location(ofFileOffset: UInt64(bytes.count)) == nil)
        #expect(layout.location(ofFileOffset: .max) == nil)
        #expect(layout.facts["cpu"] == "amd64")
        #expect(layout.facts["os"] == "Windows NT")
        #expect(layout.facts["modules"] == "2")
        #expect(layout.facts["threads"] == "2")
        #expect(layout.facts["process.name"] == "app.exe")
        #expect(layout.facts["memory.ranges"] == "9")  // 6 listed + 1 listed stack + 1 unlisted stack + 1 Memory64
    }

    @Test func parserChoosesMinidump() throws {
        let (bytes, _) = Self.fixture()
        let layout = try bytes.withUnsafeBytes { try DumpLayoutParser.parse($0).get() }
        #expect(layout?.formatName == "minidump")
    }

    @Test func linuxStreamsGiveFactsAndRegions() throws {
        var random = FakeSecret(seed: 7)
        var builder = MinidumpBuilder()
        builder.systemInfo = (architecture: 9, platform: 0x8201)
        builder.memory = [.init(address: 0x0172_3100, bytes: random.bytes(64)),
                          .init(address: 0x7f51_4015_b100, bytes: random.bytes(64))]
        let maps = """
            00400000-0041a000 r-xp 00000000 00:47 86 /work/build/crash
            01723000-01755000 rw-p 00000000 00:00 0 \t\t [heap]
            7f514015b000-7f514015d000 r--p 00000000 08:01 2098 /usr/lib/locale/C.utf8/LC_CTYPE (deleted)
            7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]
            garbage line
            """
        let secretArgument = String(decoding: random.token(), as: UTF8.self)
        builder.extraStreams = [
            (0x4767_0009, Array(maps.utf8)),
            (0x4767_0006, Array("/work/build/crash\0--token=\(secretArgument)\0".utf8)),
            (0x4767_0007, Array("HOME=/root\0TOKEN=\(secretArgument)\0".utf8)),
            (0x4767_0004, Array("Name:\tcrash\nPid:\t1304\n".utf8)),
            (0x4767_0005, Array("DISTRIB_ID=Debian\nDISTRIB_DESCRIPTION=\"Debian 12\"\n".utf8)),
        ]
        let built = builder.build()
        let layout = try built.bytes.withUnsafeBytes { try MinidumpLayout(bytes: $0) }
        #expect(layout.location(ofFileOffset: UInt64(built.memoryOffsets[0]))
            == DumpLocation(virtualAddress: 0x0172_3100, region: .heap, protection: "rw-"))
        #expect(layout.location(ofFileOffset: UInt64(built.memoryOffsets[1]))
            == DumpLocation(virtualAddress: 0x7f51_4015_b100, region: .mapped, module: "LC_CTYPE", protection: "r--"))
        #expect(layout.facts["process.name"] == "crash")
        #expect(layout.facts["pid"] == "1304")
        #expect(layout.facts["os"] == "Linux")
        #expect(layout.facts["os.distribution"] == "Debian 12")
        #expect(layout.facts["environment.variables"] == "2")
        #expect(!layout.facts.values.contains { $0.contains(secretArgument) }, "facts must not copy arguments or environment")
        #expect(layout.problems.count == 1, "the garbage maps line: \(layout.problems)")
    }

    @Test func threadExListGivesStacks() throws {
        var random = FakeSecret(seed: 8)
        var builder = MinidumpBuilder()
        builder.threadEx = true
        builder.threads = [.init(id: 9, stackAddress: 0x8000, stack: random.bytes(64), listedInMemory: false)]
        let built = builder.build()
        let layout = try built.bytes.withUnsafeBytes { try MinidumpLayout(bytes: $0) }
        #expect(layout.problems == [])
        #expect(layout.location(ofFileOffset: UInt64(built.stackOffsets[0] + 8))
            == DumpLocation(virtualAddress: 0x8008, region: .stack, threadID: 9))
    }
}

import Testing
@testable import DumpSentryKit

/// ELF cores built by `ElfCoreBuilder` and one written byte by byte: segments map to addresses,
/// notes give names, threads and stacks, in both classes and byte orders.
struct ElfCoreLayoutTests {
    @Test func generated64BitCoreMapsEveryRegion() throws {
        var random = FakeSecret(seed: 64)
        var builder = ElfCoreBuilder()
        let stackPointer: UInt64 = 0x7ffc_0000_0800
        builder.segments = [
            .init(address: 0x40_0000, flags: 5, bytes: random.bytes(256)),  // app text r-x
            .init(address: 0x60_0000, flags: 6, bytes: random.bytes(256)),  // app data rw-
            .init(address: 0x100_0000, flags: 6, bytes: random.bytes(512), memorySize: 0x2_1000),  // brk heap
            .init(address: 0x7f00_0000_0000, flags: 5, bytes: random.bytes(128)),  // libc text
            .init(address: 0x7f00_1000_0000, flags: 4, bytes: random.bytes(128)),  // locale archive r--
            .init(address: 0x7f00_2000_0000, flags: 6, bytes: random.bytes(4096)),  // second thread's stack
            .init(address: 0x7ffc_0000_0000, flags: 6, bytes: random.bytes(4096)),  // main stack
            .init(address: 0x7f00_3000_0000, flags: 0, bytes: [], memorySize: 0x1000),  // guard page, not dumped
        ]
        let arguments = String(decoding: random.token(), as: UTF8.self)
        builder.notes = [
            builder.processInfo(name: "app", pid: 4242, arguments: "app --password=\(arguments)"),
            builder.status(threadID: 4242, stackPointer: stackPointer),
            builder.status(threadID: 4243, stackPointer: 0x7f00_2000_0ff0),
            builder.files([
                (0x40_0000, 0x40_1000, "/usr/bin/app"),
                (0x60_0000, 0x60_1000, "/usr/bin/app"),
                (0x7f00_0000_0000, 0x7f00_0000_1000, "/usr/lib/x86_64-linux-gnu/libc.so.6"),
                (0x7f00_1000_0000, 0x7f00_1000_1000, "/usr/lib/locale/locale-archive"),
            ]),
        ]
        let built = builder.build()
        let offsets = built.segmentOffsets.map(UInt64.init)
        let layout = try built.bytes.withUnsafeBytes { try ElfCoreLayout(bytes: $0) }
        #expect(layout.problems == [])
        #expect(layout.location(ofFileOffset: offsets[0] + 7)
            == DumpLocation(virtualAddress: 0x40_0007, region: .module, module: "app", protection: "r-x"))
        #expect(layout.location(ofFileOffset: offsets[1] + 8)
            == DumpLocation(virtualAddress: 0x60_0008, region: .module, module: "app", protection: "rw-"))
        #expect(layout.location(ofFileOffset: offsets[2] + 511)
            == DumpLocation(virtualAddress: 0x100_01ff, region: .heap, protection: "rw-"))
        #expect(layout.location(ofFileOffset: offsets[3])
            == DumpLocation(virtualAddress: 0x7f00_0000_0000, region: .module, module: "libc.so.6", protection: "r-x"))
        #expect(layout.location(ofFileOffset: offsets[4] + 1)
            == DumpLocation(virtualAddress: 0x7f00_1000_0001, region: .mapped, module: "locale-archive", protection: "r--"))
        #expect(layout.location(ofFileOffset: offsets[5] + 16)
            == DumpLocation(virtualAddress: 0x7f00_2000_0010, region: .stack, threadID: 4243, protection: "rw-"))
        #expect(layout.location(ofFileOffset: offsets[6] + 0x900)
            == DumpLocation(virtualAddress: 0x7ffc_0000_0900, region: .stack, threadID: 4242, protection: "rw-"))
        #expect(layout.location(ofFileOffset: 0) == nil)
        #expect(layout.location(ofFileOffset: UInt64(built.bytes.count)) == nil)
        #expect(layout.facts["process.name"] == "app")
        #expect(layout.facts["pid"] == "4242")
        #expect(layout.facts["threads"] == "2")
        #expect(layout.facts["cpu"] == "amd64")
        #expect(layout.facts["class"] == "elf64")
        #expect(layout.facts["byte.order"] == "little-endian")
        #expect(layout.facts["segments"] == "8")
        #expect(layout.facts["mapped.files"] == "3")
        #expect(!layout.facts.values.contains { $0.contains(arguments) }, "facts must not copy pr_psargs")
    }

    @Test func generated32BitBigEndianCore() throws {
        var random = FakeSecret(seed: 32)
        var builder = ElfCoreBuilder()
        builder.wide = false
        builder.bigEndian = true
        builder.machine = 20  // EM_PPC
        builder.segments = [
            .init(address: 0x1000_0000, flags: 5, bytes: random.bytes(64)),
            .init(address: 0x2000_0000, flags: 6, bytes: random.bytes(64)),
        ]
        builder.notes = [
            builder.processInfo(name: "bigproc", pid: 99),
            builder.status(threadID: 99, stackPointer: 0),
            builder.files([(0x1000_0000, 0x1000_1000, "/opt/bin/bigproc")]),
        ]
        let built = builder.build()
        let layout = try built.bytes.withUnsafeBytes { try ElfCoreLayout(bytes: $0) }
        #expect(layout.problems == [])
        #expect(layout.location(ofFileOffset: UInt64(built.segmentOffsets[0]) + 3)
            == DumpLocation(virtualAddress: 0x1000_0003, region: .module, module: "bigproc", protection: "r-x"))
        #expect(layout.location(ofFileOffset: UInt64(built.segmentOffsets[1]) + 4)
            == DumpLocation(virtualAddress: 0x2000_0004, region: .heap, protection: "rw-"))
        #expect(layout.facts["process.name"] == "bigproc")
        #expect(layout.facts["pid"] == "99")
        #expect(layout.facts["threads"] == "1")
        #expect(layout.facts["class"] == "elf32")
        #expect(layout.facts["byte.order"] == "big-endian")
        #expect(layout.facts["cpu"] == "ppc")
    }

    /// A 32-bit big-endian PowerPC core header written out byte by byte, independent of the builder.
    @Test func handWritten32BitBigEndianHeader() throws {
        var bytes: [UInt8] = [
            0x7f, 0x45, 0x4c, 0x46, 0x01, 0x02, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,  // ELFCLASS32, ELFDATA2MSB
            0x00, 0x04,  // e_type ET_CORE
            0x00, 0x14,  // e_machine EM_PPC
            0x00, 0x00, 0x00, 0x01,  // e_version
            0x00, 0x00, 0x00, 0x00,  // e_entry
            0x00, 0x00, 0x00, 0x34,  // e_phoff 52
            0x00, 0x00, 0x00, 0x00,  // e_shoff
            0x00, 0x00, 0x00, 0x00,  // e_flags
            0x00, 0x34, 0x00, 0x20, 0x00, 0x01,  // e_ehsize 52, e_phentsize 32, e_phnum 1
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // e_shentsize, e_shnum, e_shstrndx
            // Elf32_Phdr
            0x00, 0x00, 0x00, 0x01,  // p_type PT_LOAD
            0x00, 0x00, 0x00, 0x54,  // p_offset 84
            0x10, 0x00, 0x00, 0x00,  // p_vaddr 0x10000000
            0x00, 0x00, 0x00, 0x00,  // p_paddr
            0x00, 0x00, 0x00, 0x10,  // p_filesz 16
            0x00, 0x00, 0x10, 0x00,  // p_memsz 0x1000
            0x00, 0x00, 0x00, 0x06,  // p_flags PF_R | PF_W
            0x00, 0x00, 0x10, 0x00,  // p_align
        ]
        #expect(bytes.count == 84)
        var random = FakeSecret(seed: 84)
        bytes += random.bytes(16)
        let layout = try bytes.withUnsafeBytes { try ElfCoreLayout(bytes: $0) }
        #expect(layout.location(ofFileOffset: 84 + 5)
            == DumpLocation(virtualAddress: 0x1000_0005, region: .heap, protection: "rw-"))
        #expect(layout.location(ofFileOffset: 84 + 16) == nil)
        #expect(layout.location(ofFileOffset: 83) == nil)
        #expect(layout.facts["class"] == "elf32")
        #expect(layout.facts["byte.order"] == "big-endian")
        #expect(bytes.withUnsafeBytes { ElfCoreLayout.matches($0) })
    }

    @Test func executablesAreNotCores() throws {
        var builder = ElfCoreBuilder()
        builder.segments = [.init(address: 0x40_0000, flags: 5, bytes: [1, 2, 3])]
        var bytes = builder.build().bytes
        bytes[16] = 2  // ET_EXEC
        #expect(bytes.withUnsafeBytes { ElfCoreLayout.matches($0) } == false)
        let result = bytes.withUnsafeBytes { DumpLayoutParser.parse($0) }
        #expect(try result.get() == nil)
        #expect(throws: FormatError.self) { try bytes.withUnsafeBytes { try ElfCoreLayout(bytes: $0) } }
    }

    /// More than 0xfffe program headers: e_phnum is PN_XNUM and section header 0's sh_info holds
    /// the count (here a small one, to keep the fixture small).
    @Test func extendedProgramHeaderCount() throws {
        var random = FakeSecret(seed: 0xffff)
        var builder = ElfCoreBuilder()
        builder.segments = [.init(address: 0x40_0000, flags: 6, bytes: random.bytes(32)),
                            .init(address: 0x50_0000, flags: 6, bytes: random.bytes(32))]
        let built = builder.build()
        var writer = ByteWriter(bytes: built.bytes)
        let sectionHeader = writer.count
        writer.zeros(64)
        writer.patch32(at: sectionHeader + 44, 3)  // sh_info: the note and two loads
        writer.patch64(at: 40, UInt64(sectionHeader))  // e_shoff
        writer.bytes[56] = 0xff  // e_phnum = PN_XNUM
        writer.bytes[57] = 0xff
        let layout = try writer.bytes.withUnsafeBytes { try ElfCoreLayout(bytes: $0) }
        #expect(layout.problems == [])
        #expect(layout.facts["segments"] == "2")
        #expect(layout.location(ofFileOffset: UInt64(built.segmentOffsets[1]))?.virtualAddress == 0x50_0000)
    }
}

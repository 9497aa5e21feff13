import Testing
@testable import DumpSentryKit

/// Hostile headers — huge counts, ranges past the end, overlaps, wrapping sizes, every truncation —
/// yield a `FormatError` or a partial layout with problems, never a crash or unbounded work.
struct HostileHeaderTests {
    private static func minidump() -> MinidumpBuilder.Built {
        var random = FakeSecret(seed: 99)
        var builder = MinidumpBuilder()
        builder.systemInfo = (architecture: 9, platform: 0x8201)
        builder.modules = [.init(base: 0x40_0000, size: 0x1000, path: "/bin/app")]
        builder.memory = [.init(address: 0x40_0100, bytes: random.bytes(64)),
                          .init(address: 0x1000_0000, bytes: random.bytes(64))]
        builder.threads = [.init(id: 5, stackAddress: 0x7ff0_0000, stack: random.bytes(64))]
        builder.memory64 = [.init(address: 0x2000_0000, bytes: random.bytes(32))]
        builder.memoryInfo = [.init(base: 0x1000_0000, size: 0x1000, protect: 4, type: 0x2_0000)]
        builder.extraStreams = [(0x4767_0009, Array("10000000-10001000 rw-p 0 0:0 0 [heap]\n".utf8))]
        return builder.build()
    }

    private static func elfCore() -> ElfCoreBuilder.Built {
        var random = FakeSecret(seed: 98)
        var builder = ElfCoreBuilder()
        builder.segments = [.init(address: 0x40_0000, flags: 5, bytes: random.bytes(64)),
                            .init(address: 0x7ffc_0000, flags: 6, bytes: random.bytes(64))]
        builder.notes = [builder.processInfo(name: "app", pid: 1), builder.status(threadID: 1, stackPointer: 0x7ffc_0010),
                         builder.files([(0x40_0000, 0x40_1000, "/bin/app")])]
        return builder.build()
    }

    /// Offset of the directory entry for `type` and that stream's data offset.
    private static func stream(_ type: UInt32, in bytes: [UInt8]) -> (entry: Int, data: Int)? {
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        let count = u32(8), directory = u32(12)
        for index in 0..<count {
            let entry = directory + index * 12
            if u32(entry) == Int(type) { return (entry, u32(entry + 8)) }
        }
        return nil
    }

    private static func parse(_ bytes: [UInt8]) -> Result<(any DumpLayout)?, FormatError> {
        bytes.withUnsafeBytes { DumpLayoutParser.parse($0) }
    }

    /// Parses every prefix of `bytes`: each fails cleanly or yields a layout that answers for every
    /// offset; a prefix of at least `recognisedFrom` bytes is always recognised. Counts of failed
    /// and partial (problem-reporting) parses.
    private static func parseEveryTruncation(of bytes: [UInt8], recognisedFrom: Int) -> (failures: Int, partial: Int) {
        var failures = 0, partial = 0
        for length in 0...bytes.count {
            switch parse(Array(bytes.prefix(length))) {
            case .failure: failures += 1
            case .success(let layout?):
                if !layout.problems.isEmpty { partial += 1 }
                for offset in stride(from: 0, through: length, by: 7) { _ = layout.location(ofFileOffset: UInt64(offset)) }
            case .success(nil): #expect(length < recognisedFrom, "a prefix of \(length) bytes must be recognised")
            }
        }
        return (failures, partial)
    }

    @Test func everyTruncationOfAMinidump() {
        let bytes = Self.minidump().bytes
        let (failures, partial) = Self.parseEveryTruncation(of: bytes, recognisedFrom: 4)   // the magic
        #expect(failures > 0)
        #expect(partial > 0)
        #expect(throws: Never.self) { try Self.parse(bytes).get() }
    }

    @Test func everyTruncationOfAnElfCore() {
        let (failures, partial) = Self.parseEveryTruncation(of: Self.elfCore().bytes, recognisedFrom: 18)   // the core type
        #expect(failures > 0)
        #expect(partial > 0)
    }

    @Test func hugeMemoryListCountIsCappedByTheStream() throws {
        var built = Self.minidump()
        let memoryList = try #require(Self.stream(5, in: built.bytes))
        var writer = ByteWriter(bytes: built.bytes)
        writer.patch32(at: memoryList.data, .max)
        built.bytes = writer.bytes
        let layout = try #require(try Self.parse(built.bytes).get())
        #expect(layout.problems.contains(.truncated(structure: "MemoryListStream", offset: UInt64(memoryList.data + 4))))
        // The ranges that are present still map.
        #expect(layout.location(ofFileOffset: UInt64(built.memoryOffsets[1]))?.virtualAddress == 0x1000_0000)
    }

    @Test func rangePastTheEndIsClipped() throws {
        var built = Self.minidump()
        let memoryList = try #require(Self.stream(5, in: built.bytes))
        var writer = ByteWriter(bytes: built.bytes)
        writer.patch32(at: memoryList.data + 4 + 8, 0xffff_fff0)  // first range's DataSize
        built.bytes = writer.bytes
        let layout = try #require(try Self.parse(built.bytes).get())
        #expect(layout.problems.contains { if case .outOfBounds(structure: "MemoryListStream", _, _) = $0 { true } else { false } })
        #expect(layout.location(ofFileOffset: UInt64(built.memoryOffsets[0] + 3))?.virtualAddress == 0x40_0103)
        #expect(layout.location(ofFileOffset: UInt64(built.bytes.count)) == nil)
    }

    @Test func overlappingRangesResolveDeterministically() throws {
        var built = Self.minidump()
        let memoryList = try #require(Self.stream(5, in: built.bytes))
        var writer = ByteWriter(bytes: built.bytes)
        // Point the second range's bytes at the first range's bytes: same file range, two addresses.
        writer.patch32(at: memoryList.data + 4 + 16 + 12, UInt32(built.memoryOffsets[0]))
        built.bytes = writer.bytes
        let layout = try #require(try Self.parse(built.bytes).get())
        #expect(layout.problems.contains(.invalid(structure: "memory ranges", reason: "file ranges overlap")))
        // The range listed first keeps the bytes.
        #expect(layout.location(ofFileOffset: UInt64(built.memoryOffsets[0]))?.virtualAddress == 0x40_0100)
    }

    @Test func streamAndDirectoryPastTheEnd() throws {
        var built = Self.minidump()
        let modules = try #require(Self.stream(4, in: built.bytes))
        var writer = ByteWriter(bytes: built.bytes)
        writer.patch32(at: modules.entry + 8, 0xffff_0000)
        let layout = try #require(try Self.parse(writer.bytes).get())
        #expect(layout.problems.contains { if case .outOfBounds(structure: "ModuleListStream", _, _) = $0 { true } else { false } })
        #expect(layout.facts["modules"] == nil)
        #expect(layout.location(ofFileOffset: UInt64(built.memoryOffsets[0]))?.virtualAddress == 0x40_0100)

        writer = ByteWriter(bytes: built.bytes)
        writer.patch32(at: 12, 0xffff_fff0)  // StreamDirectoryRva
        built.bytes = writer.bytes
        #expect(throws: FormatError.self) { try Self.parse(built.bytes).get() }
    }

    @Test func hugeMemory64ListAndModuleName() throws {
        let built = Self.minidump()
        let memory64 = try #require(Self.stream(9, in: built.bytes))
        let modules = try #require(Self.stream(4, in: built.bytes))
        var writer = ByteWriter(bytes: built.bytes)
        writer.patch64(at: memory64.data, .max)  // NumberOfMemoryRanges
        writer.patch64(at: memory64.data + 16 + 8, .max)  // first DataSize
        let nameOffset = Int(writer.bytes[modules.data + 4 + 20]) | Int(writer.bytes[modules.data + 4 + 21]) << 8
        writer.patch32(at: nameOffset, .max)  // module name length
        let layout = try #require(try Self.parse(writer.bytes).get())
        #expect(!layout.problems.isEmpty)
        // The module still covers its range, without a name.
        #expect(layout.location(ofFileOffset: UInt64(built.memoryOffsets[0]))
            == DumpLocation(virtualAddress: 0x40_0100, region: .module))
    }

    @Test func impossibleMemoryInfoEntrySize() throws {
        let built = Self.minidump()
        let info = try #require(Self.stream(16, in: built.bytes))
        var writer = ByteWriter(bytes: built.bytes)
        writer.patch32(at: info.data + 4, 0)  // SizeOfEntry
        let layout = try #require(try Self.parse(writer.bytes).get())
        #expect(layout.problems.contains { if case .invalid(structure: "MemoryInfoListStream", _) = $0 { true } else { false } })
        // Linux maps take over as the region source.
        #expect(layout.location(ofFileOffset: UInt64(built.memoryOffsets[1]))?.region == .heap)
    }

    @Test func wrappingAddressesAreRejected() throws {
        var builder = MinidumpBuilder()
        builder.memory = [.init(address: .max - 3, bytes: [1, 2, 3, 4, 5, 6, 7, 8])]
        builder.modules = [.init(base: .max - 1, size: 0x1000, path: "wrap")]
        let layout = try #require(try Self.parse(builder.build().bytes).get())
        #expect(layout.problems.count == 2)
        #expect(layout.facts["memory.ranges"] == "0")
    }

    @Test func elfWithHostileProgramHeaders() throws {
        let built = Self.elfCore()
        // e_phnum = PN_XNUM with no section header: the count comes from e_shoff = 0 (the ELF
        // header itself), which is garbage but must stay bounded.
        var writer = ByteWriter(bytes: built.bytes)
        writer.bytes[56] = 0xff
        writer.bytes[57] = 0xff
        switch Self.parse(writer.bytes) {
        case .failure: break
        case .success(let layout): #expect(layout != nil)
        }
        // Program headers past the end.
        writer = ByteWriter(bytes: built.bytes)
        writer.patch64(at: 32, 0xffff_ffff_ffff_0000)
        #expect(throws: FormatError.self) { try Self.parse(writer.bytes).get() }
        // A PT_LOAD whose file size runs past the end, and one whose address range wraps.
        writer = ByteWriter(bytes: built.bytes)
        let firstLoad = built.programHeaderOffset + 56
        writer.patch64(at: firstLoad + 32, .max)  // p_filesz
        writer.patch64(at: firstLoad + 56 + 16, .max - 2)  // second load's p_vaddr
        let layout = try #require(try Self.parse(writer.bytes).get())
        #expect(layout.problems.count >= 2, "\(layout.problems)")
        #expect(layout.location(ofFileOffset: UInt64(built.segmentOffsets[0]))?.virtualAddress == 0x40_0000)
    }

    @Test func elfWithHostileNotes() throws {
        let built = Self.elfCore()
        let noteOffset = built.programHeaderOffset + 3 * 56
        // First note: a name size that runs past everything.
        var writer = ByteWriter(bytes: built.bytes)
        writer.patch32(at: noteOffset, .max)
        var layout = try #require(try Self.parse(writer.bytes).get())
        #expect(layout.problems.contains(.truncated(structure: "ELF note", offset: UInt64(noteOffset))))
        #expect(layout.location(ofFileOffset: UInt64(built.segmentOffsets[0]))?.virtualAddress == 0x40_0000)
        // NT_FILE with a huge count: find it after the two other notes.
        let prpsinfo = 12 + 8 + 136, prstatus = 12 + 8 + 336
        let fileNote = noteOffset + prpsinfo + prstatus
        writer = ByteWriter(bytes: built.bytes)
        #expect(writer.bytes[fileNote + 8] == 0x45)  // NT_FILE's type, low byte
        writer.patch64(at: fileNote + 20, .max)
        layout = try #require(try Self.parse(writer.bytes).get())
        #expect(layout.problems.contains { if case .truncated(structure: "NT_FILE", _) = $0 { true } else { false } })
        #expect(layout.facts["process.name"] == "app")
    }

    @Test func randomCorruptionNeverCrashes() {
        var random = FakeSecret(seed: 0xbad)
        let seeds = [Self.minidump().bytes, Self.elfCore().bytes]
        for seed in seeds {
            for _ in 0..<1500 {
                var bytes = seed
                for _ in 0..<(1 + random.next() % 8) {
                    let index = Int(random.next() % UInt64(bytes.count))
                    bytes[index] = random.next() % 4 == 0 ? 0xff : UInt8(truncatingIfNeeded: random.next())
                }
                if case .success(let layout?) = Self.parse(bytes) {
                    for offset in stride(from: 0, to: bytes.count, by: 13) { _ = layout.location(ofFileOffset: UInt64(offset)) }
                }
            }
        }
    }

    @Test func problemListIsBounded() {
        var problems = FormatProblems()
        for index in 0..<1000 { problems.note(.truncated(structure: "x", offset: UInt64(index))) }
        #expect(problems.all.count == FormatProblems.maximumKept + 1)
        #expect(problems.all.last == .tooMany(structure: "format problems (only the first 32 are listed)", count: 1000))
    }
}

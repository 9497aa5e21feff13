/// Reads an ELF core file's (`ET_CORE`, 32- or 64-bit, either byte order) program headers and
/// notes into an `AddressSpace` and a set of facts.
///
/// `PT_LOAD` gives file range → address and protection; `PT_NOTE` gives `NT_FILE` (which file
/// each mapping holds), `NT_PRPSINFO` (process name, pid) and `NT_PRSTATUS` (one per thread: its
/// id and, on x86-64, i386, AArch64 and ARM, its stack pointer). Only the ELF header is essential:
/// broken notes or segments are noted in `problems` and the rest is still read.
/// Structures follow `elf.h` and the kernel's `elfcore.h` / `binfmt_elf.c`.
struct ElfCoreParser {
    static let magic: [UInt8] = [0x7f, 0x45, 0x4c, 0x46]  // "\x7fELF"
    private static let coreType: UInt16 = 4  // ET_CORE
    private static let programHeaderExtended: UInt16 = 0xffff  // PN_XNUM

    /// One `PT_LOAD` segment.
    private struct Segment {
        var address: Range<UInt64>
        var protection: String
        var executable: Bool
        /// The part of the segment written to the file (clipped to it).
        var fileOffset: UInt64
        var fileLength: UInt64
    }

    /// One thread from an `NT_PRSTATUS` note.
    private struct Thread {
        var id: UInt64
        var stackPointer: UInt64?
    }

    private let reader: ByteReader
    private let wide: Bool
    private let machine: UInt16
    private(set) var problems = FormatProblems()
    private(set) var facts: [String: String] = [:]
    private var programHeaderOffset: UInt64 = 0
    private var programHeaderSize: UInt64 = 0
    private var programHeaderCount: UInt64 = 0

    private var memory: [(range: Range<UInt64>, value: UInt64)] = []
    private var segments: [Segment] = []
    private var threads: [Thread] = []
    /// `NT_FILE` mappings: address range → index into `filePaths`.
    private var fileMappings: [(range: Range<UInt64>, value: Int)] = []
    /// Each mapping's offset in its file, in pages (parallel to `fileMappings`).
    private var filePageOffsets: [UInt64] = []
    private var filePaths: [String] = []
    private var notes: [(offset: UInt64, size: UInt64)] = []
    /// Note bytes still to walk. Real cores carry well under a MiB of notes (NT_FILE of a huge
    /// process a few MiB); many PT_NOTE headers naming one big region must not multiply the work.
    private var noteBudget: UInt64 = 64 << 20

    /// Reads the ELF header; throws if it is not a core file's.
    /// `fileSize`: the whole file's size when `bytes` is only its first part (see `ByteReader.extent`).
    init(_ bytes: UnsafeRawBufferPointer, fileSize: UInt64? = nil) throws(FormatError) {
        let probe = ByteReader(bytes)
        guard probe.matches(Self.magic) else { throw .invalid(structure: "ELF header", reason: "no ELF magic") }
        let elfClass = try probe.u8(at: 4, "ELF header")
        let encoding = try probe.u8(at: 5, "ELF header")
        guard elfClass == 1 || elfClass == 2 else {
            throw .invalid(structure: "ELF header", reason: "unknown class \(elfClass)")
        }
        guard encoding == 1 || encoding == 2 else {
            throw .invalid(structure: "ELF header", reason: "unknown data encoding \(encoding)")
        }
        wide = elfClass == 2
        reader = ByteReader(bytes, bigEndian: encoding == 2, extent: fileSize)
        let type = try reader.u16(at: 16, "ELF header")
        guard type == Self.coreType else {
            throw .invalid(structure: "ELF header", reason: "not a core file (e_type \(type))")
        }
        machine = try reader.u16(at: 18, "ELF header")
        programHeaderOffset = try reader.word(at: wide ? 32 : 28, wide: wide, "ELF header")
        programHeaderSize = UInt64(try reader.u16(at: wide ? 54 : 42, "ELF header"))
        var count = UInt64(try reader.u16(at: wide ? 56 : 44, "ELF header"))
        let minimumSize: UInt64 = wide ? 56 : 32
        guard count == 0 || programHeaderSize >= minimumSize else {
            throw .invalid(structure: "ELF header", reason: "program header size \(programHeaderSize) < \(minimumSize)")
        }
        if count == UInt64(Self.programHeaderExtended) {
            // More than 0xfffe segments: the real count is section header 0's sh_info.
            let sectionOffset = try reader.word(at: wide ? 40 : 32, wide: wide, "ELF header")
            guard let infoOffset = sectionOffset.addingChecked(wide ? 44 : 28) else {
                throw .outOfBounds(structure: "ELF section header 0", offset: sectionOffset, length: 0)
            }
            count = UInt64(try reader.u32(at: infoOffset, "ELF section header 0"))
        }
        guard count > 0 else { return }
        let fitting = reader.available(from: programHeaderOffset) / max(programHeaderSize, 1)
        guard fitting > 0 else {
            throw .outOfBounds(structure: "ELF program headers", offset: programHeaderOffset,
                               length: count.multipliedChecked(by: programHeaderSize) ?? UInt64.max)
        }
        if count > fitting {
            problems.note(.truncated(structure: "ELF program headers", offset: programHeaderOffset))
            count = fitting
        }
        let cap = UInt64(RangeTable<UInt64>.maximumCount)
        if count > cap {
            problems.note(.tooMany(structure: "ELF program headers", count: count))
            count = cap
        }
        programHeaderCount = count
        facts["class"] = wide ? "elf64" : "elf32"
        facts["byte.order"] = reader.bigEndian ? "big-endian" : "little-endian"
        facts["cpu"] = Self.machineName(machine)
    }

    /// Reads the program headers and notes and returns the built address space.
    mutating func parse() -> AddressSpace {
        for index in 0..<programHeaderCount {
            do throws(FormatError) {
                try parseProgramHeader(at: programHeaderOffset + index * programHeaderSize)  // inside the file
            } catch {
                problems.note(error)
            }
        }
        for note in notes {
            guard noteBudget > 0 else {
                problems.note(.tooMany(structure: "ELF note bytes", count: 64 << 20))
                break
            }
            let size = min(note.size, noteBudget)
            noteBudget -= size
            do throws(FormatError) {
                try parseNotes(offset: note.offset, size: size)
            } catch {
                problems.note(error)
            }
        }
        return buildAddressSpace()
    }

    // MARK: - Program headers

    private mutating func parseProgramHeader(at offset: UInt64) throws(FormatError) {
        let name = "ELF program header"
        let type = try reader.u32(at: offset, name)
        let flags, fileOffset, address, fileSize, memorySize: UInt64
        if wide {
            flags = UInt64(try reader.u32(at: offset + 4, name))
            fileOffset = try reader.u64(at: offset + 8, name)
            address = try reader.u64(at: offset + 16, name)
            fileSize = try reader.u64(at: offset + 32, name)
            memorySize = try reader.u64(at: offset + 40, name)
        } else {
            fileOffset = UInt64(try reader.u32(at: offset + 4, name))
            address = UInt64(try reader.u32(at: offset + 8, name))
            fileSize = UInt64(try reader.u32(at: offset + 16, name))
            memorySize = UInt64(try reader.u32(at: offset + 20, name))
            flags = UInt64(try reader.u32(at: offset + 24, name))
        }
        switch type {
        case 1:  // PT_LOAD
            // The address range is p_memsz; file bytes beyond it have no address.
            let size = memorySize > 0 ? memorySize : fileSize
            if fileSize > size {
                problems.note(.invalid(structure: "PT_LOAD", reason: "p_filesz \(fileSize) exceeds p_memsz \(size)"))
            }
            guard let end = address.addingChecked(size) else {
                throw .invalid(structure: "PT_LOAD", reason: "segment at \(HeaderText.hex(address)) runs past 2^64")
            }
            let protection = MemoryRegion.protection(read: flags & 4 != 0, write: flags & 2 != 0, execute: flags & 1 != 0)
            let length = min(fileSize, size, reader.extentAvailable(from: fileOffset))
            segments.append(Segment(address: address..<end, protection: protection, executable: flags & 1 != 0,
                                    fileOffset: fileOffset, fileLength: length))
            guard fileSize > 0 else { return }
            if fileSize > reader.extentAvailable(from: fileOffset) {
                problems.note(.outOfBounds(structure: "PT_LOAD", offset: fileOffset, length: fileSize))
            }
            // fileOffset + length <= file size: length was clipped to what is available.
            if length > 0 { memory.append((fileOffset..<(fileOffset + length), address)) }
        case 4:  // PT_NOTE
            let length = min(fileSize, reader.available(from: fileOffset))
            if length < fileSize {
                problems.note(.outOfBounds(structure: "PT_NOTE", offset: fileOffset, length: fileSize))
            }
            if length > 0, notes.count < RangeTable<UInt64>.maximumCount { notes.append((fileOffset, length)) }
        default:
            break
        }
    }

    // MARK: - Notes

    /// Walks the `Elf_Nhdr` records in `[offset, offset + size)` (inside the file). Each step
    /// advances by at least 12 bytes, so the walk ends.
    private mutating func parseNotes(offset: UInt64, size: UInt64) throws(FormatError) {
        let end = offset + size
        var cursor = offset
        while let headerEnd = cursor.addingChecked(12), headerEnd <= end {
            let nameSize = UInt64(try reader.u32(at: cursor, "ELF note"))
            let descriptionSize = UInt64(try reader.u32(at: cursor + 4, "ELF note"))
            let type = try reader.u32(at: cursor + 8, "ELF note")
            guard let descriptionStart = Self.alignedTo4(nameSize).flatMap({ headerEnd.addingChecked($0) }),
                  let descriptionEnd = descriptionStart.addingChecked(descriptionSize),
                  descriptionEnd <= end,
                  let next = Self.alignedTo4(descriptionSize).flatMap({ descriptionStart.addingChecked($0) })
            else {
                throw .truncated(structure: "ELF note", offset: cursor)
            }
            // safe: both ranges lie inside [offset, end), which lies inside the file.
            if let name = reader.slice(offset: headerEnd, length: nameSize),
               HeaderText.cString(name) == "CORE",
               let description = reader.slice(offset: descriptionStart, length: descriptionSize) {
                do throws(FormatError) {
                    try parseCoreNote(type: type, description, at: descriptionStart)
                } catch {
                    problems.note(error)
                }
            }
            cursor = next
        }
    }

    private mutating func parseCoreNote(type: UInt32, _ description: UnsafeRawBufferPointer,
                                        at offset: UInt64) throws(FormatError) {
        let note = ByteReader(description, bigEndian: reader.bigEndian)
        switch type {
        case 1: try parseStatus(note)
        case 3: try parseProcessInfo(note)
        case 0x4649_4c45: try parseFiles(note, at: offset)
        default: break
        }
    }

    /// `NT_PRSTATUS` (`struct elf_prstatus`): `pr_pid` is the thread id; `pr_reg` holds the stack
    /// pointer at a machine-specific place.
    private mutating func parseStatus(_ note: ByteReader) throws(FormatError) {
        guard threads.count < RangeTable<UInt64>.maximumCount else { return }
        let threadID = UInt64(try note.u32(at: wide ? 32 : 24, "NT_PRSTATUS"))
        var stackPointer: UInt64?
        // Offsets: pr_reg starts at 112 (64-bit) or 72 (32-bit); the index is the stack pointer's
        // slot in user_regs_struct (x86-64 rsp 19, AArch64 sp 31, i386 esp 15, ARM r13).
        switch (machine, wide) {
        case (62, true): stackPointer = try note.u64(at: 112 + 19 * 8, "NT_PRSTATUS")
        case (183, true): stackPointer = try note.u64(at: 112 + 31 * 8, "NT_PRSTATUS")
        case (3, false): stackPointer = UInt64(try note.u32(at: 72 + 15 * 4, "NT_PRSTATUS"))
        case (40, false): stackPointer = UInt64(try note.u32(at: 72 + 13 * 4, "NT_PRSTATUS"))
        default: break
        }
        threads.append(Thread(id: threadID, stackPointer: stackPointer))
    }

    /// `NT_PRPSINFO` (`struct elf_prpsinfo`). Its layout varies with the width of `uid_t` per
    /// architecture, but it always ends in `pr_fname[16]`, `pr_psargs[80]`, with `pr_pid` four
    /// ints before `pr_fname`: read from the end. `pr_psargs` is never read (it may hold secrets).
    private mutating func parseProcessInfo(_ note: ByteReader) throws(FormatError) {
        guard note.count >= 112 else {
            throw .invalid(structure: "NT_PRPSINFO", reason: "\(note.count) bytes is too short")
        }
        let nameOffset = note.count - 96
        if let name = note.slice(offset: nameOffset, length: 16) {
            let processName = HeaderText.cString(name)
            if !processName.isEmpty { facts["process.name"] = processName }
        }
        facts["pid"] = String(try note.u32(at: nameOffset - 16, "NT_PRPSINFO"))
    }

    /// `NT_FILE`: count, page size, `count` × (start, end, page offset), then `count` file names.
    private mutating func parseFiles(_ note: ByteReader, at offset: UInt64) throws(FormatError) {
        let wordSize: UInt64 = wide ? 8 : 4
        let claimed = try note.word(at: 0, wide: wide, "NT_FILE")
        let fitting = note.available(from: 2 * wordSize) / (3 * wordSize)
        var count = claimed
        if count > fitting {
            problems.note(.truncated(structure: "NT_FILE", offset: offset))
            count = fitting
        }
        let cap = UInt64(RangeTable<Int>.maximumCount - fileMappings.count)
        if count > cap {
            problems.note(.tooMany(structure: "NT_FILE", count: count))
            count = cap
        }
        var nameOffset = 2 * wordSize + count * 3 * wordSize  // <= note size: count fits
        for index in 0..<count {
            let entry = 2 * wordSize + index * 3 * wordSize
            let start = try note.word(at: entry, wide: wide, "NT_FILE")
            let end = try note.word(at: entry + wordSize, wide: wide, "NT_FILE")
            let pageOffset = try note.word(at: entry + 2 * wordSize, wide: wide, "NT_FILE")
            guard let rest = note.slice(offset: nameOffset, length: note.available(from: nameOffset)),
                  let terminator = rest.firstIndex(of: 0) else {
                throw .truncated(structure: "NT_FILE names", offset: offset + nameOffset)
            }
            // safe: terminator is an index into rest, which lies inside the note.
            let path = HeaderText.cString(UnsafeRawBufferPointer(rebasing: rest[..<terminator]))
            nameOffset += UInt64(terminator) + 1
            guard start < end else { continue }
            fileMappings.append((start..<end, filePaths.count))
            filePageOffsets.append(pageOffset)
            filePaths.append(path)
        }
    }

    // MARK: - Building

    private mutating func buildAddressSpace() -> AddressSpace {
        var space = AddressSpace()
        space.memory = RangeTable(memory)
        if space.memory.hadOverlaps {
            problems.note(.invalid(structure: "PT_LOAD", reason: "file ranges overlap"))
        }
        let segmentTable = RangeTable(segments.indices.map { (segments[$0].address, $0) })
        let mappingTable = RangeTable(fileMappings)

        // A file is a module (executable or shared library) if any of its mappings is executable,
        // or if its mapping from file offset 0 holds an ELF header. The second test is needed for
        // gdb's cores, which omit segments they did not dump (often the text); it reads 4 bytes
        // per mapped file, a page each at most.
        var modulePaths = Set<String>()
        for (index, mapping) in fileMappings.enumerated() {
            guard let entry = segmentTable.entry(containing: mapping.range.lowerBound) else { continue }
            let segment = segments[entry.value]
            if segment.executable {
                modulePaths.insert(filePaths[mapping.value])
                continue
            }
            // mapping.range.lowerBound >= segment.address.lowerBound: the entry contains it.
            let delta = mapping.range.lowerBound - segment.address.lowerBound
            if filePageOffsets[index] == 0, delta < segment.fileLength, segment.fileLength - delta >= 4,
               reader.matches(Self.magic, at: segment.fileOffset + delta) {
                modulePaths.insert(filePaths[mapping.value])
            }
        }
        let isModule = filePaths.map { modulePaths.contains($0) }
        space.modules = RangeTable(fileMappings.filter { isModule[$0.value] }.map {
            ($0.range, Optional(HeaderText.basename(filePaths[$0.value])))
        })
        space.regions = RangeTable(segments.map { segment in
            let region: MemoryRegion
            if let mapping = mappingTable.entry(containing: segment.address.lowerBound) {
                region = MemoryRegion(kind: isModule[mapping.value] ? .module : .mapped,
                                      name: HeaderText.basename(filePaths[mapping.value]),
                                      protection: segment.protection)
            } else {
                region = MemoryRegion(kind: MemoryRegion.anonymousKind(protection: segment.protection),
                                      protection: segment.protection)
            }
            return (segment.address, region)
        })
        space.stacks = RangeTable(threads.compactMap { thread in
            guard let pointer = thread.stackPointer, let segment = segmentTable.entry(containing: pointer) else {
                return nil
            }
            return (segment.range, thread.id)
        })
        facts["threads"] = String(threads.count)
        facts["segments"] = String(segments.count)
        facts["mapped.files"] = String(Set(filePaths).count)
        facts["memory.ranges"] = String(space.memory.count)
        return space
    }

    private static func alignedTo4(_ value: UInt64) -> UInt64? {
        value.addingChecked(3).map { $0 & ~3 }
    }

    /// `e_machine` names for the architectures cores come from.
    static func machineName(_ value: UInt16) -> String {
        switch value {
        case 2: "sparc"
        case 3: "x86"
        case 8: "mips"
        case 20: "ppc"
        case 21: "ppc64"
        case 22: "s390"
        case 40: "arm"
        case 43: "sparcv9"
        case 62: "amd64"
        case 183: "arm64"
        case 243: "riscv"
        case 258: "loongarch"
        default: "unknown (\(value))"
        }
    }
}

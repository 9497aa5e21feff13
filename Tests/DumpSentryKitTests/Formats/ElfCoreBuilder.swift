/// Builds small ELF core files for tests: one `PT_NOTE` segment holding the given notes, then one
/// `PT_LOAD` per segment, in either class and byte order.
struct ElfCoreBuilder {
    struct Segment {
        var address: UInt64
        /// `PF_X` 1, `PF_W` 2, `PF_R` 4.
        var flags: UInt32
        var bytes: [UInt8]
        /// Defaults to the byte count; larger for memory not written to the file.
        var memorySize: UInt64?
    }

    struct Note {
        var name: String
        var type: UInt32
        var description: [UInt8]
    }

    struct Built {
        var bytes: [UInt8]
        var segmentOffsets: [Int]
        var programHeaderOffset: Int
    }

    var wide = true
    var bigEndian = false
    var machine: UInt16 = 62  // EM_X86_64
    var segments: [Segment] = []
    var notes: [Note] = []

    private var writer: ByteWriter {
        var writer = ByteWriter()
        writer.bigEndian = bigEndian
        return writer
    }

    func build() -> Built {
        var w = writer
        let headerSize = wide ? 64 : 52
        let entrySize = wide ? 56 : 32
        let programHeaderCount = 1 + segments.count
        // Note data.
        var noteData = writer
        for note in notes {
            noteData.u32(UInt32(note.name.utf8.count + 1))
            noteData.u32(UInt32(note.description.count))
            noteData.u32(note.type)
            noteData.append(note.name)
            noteData.u8(0)
            noteData.align(4)
            noteData.append(note.description)
            noteData.align(4)
        }
        let noteOffset = headerSize + programHeaderCount * entrySize
        var dataOffset = noteOffset + noteData.count
        var segmentOffsets: [Int] = []
        for segment in segments {
            dataOffset = (dataOffset + 15) / 16 * 16
            segmentOffsets.append(dataOffset)
            dataOffset += segment.bytes.count
        }

        // ELF header.
        w.append([0x7f, 0x45, 0x4c, 0x46, wide ? 2 : 1, bigEndian ? 2 : 1, 1, 0])
        w.zeros(8)
        w.u16(4)  // ET_CORE
        w.u16(machine)
        w.u32(1)  // EV_CURRENT
        w.word(0, wide: wide)  // entry
        w.word(UInt64(headerSize), wide: wide)  // phoff
        w.word(0, wide: wide)  // shoff
        w.u32(0)  // flags
        w.u16(UInt16(headerSize))
        w.u16(UInt16(entrySize))
        w.u16(UInt16(programHeaderCount))
        w.u16(0)
        w.u16(0)
        w.u16(0)
        // Program headers: the note segment, then the loads.
        programHeader(&w, type: 4, flags: 0, offset: UInt64(noteOffset), address: 0,
                      fileSize: UInt64(noteData.count), memorySize: 0)
        for (index, segment) in segments.enumerated() {
            programHeader(&w, type: 1, flags: segment.flags, offset: UInt64(segmentOffsets[index]),
                          address: segment.address, fileSize: UInt64(segment.bytes.count),
                          memorySize: segment.memorySize ?? UInt64(segment.bytes.count))
        }
        w.append(noteData.bytes)
        for (index, segment) in segments.enumerated() {
            w.zeros(segmentOffsets[index] - w.count)
            w.append(segment.bytes)
        }
        return Built(bytes: w.bytes, segmentOffsets: segmentOffsets, programHeaderOffset: headerSize)
    }

    private func programHeader(_ w: inout ByteWriter, type: UInt32, flags: UInt32, offset: UInt64, address: UInt64,
                               fileSize: UInt64, memorySize: UInt64) {
        if wide {
            w.u32(type)
            w.u32(flags)
            w.u64(offset)
            w.u64(address)
            w.u64(0)  // paddr
            w.u64(fileSize)
            w.u64(memorySize)
            w.u64(type == 1 ? 0x1000 : 4)
        } else {
            w.u32(type)
            w.u32(UInt32(offset))
            w.u32(UInt32(address))
            w.u32(0)
            w.u32(UInt32(fileSize))
            w.u32(UInt32(memorySize))
            w.u32(flags)
            w.u32(type == 1 ? 0x1000 : 4)
        }
    }

    // MARK: - Note descriptions

    /// `NT_PRPSINFO`: 136 bytes (64-bit) or 128 (32-bit with 32-bit uids); pid four ints before
    /// `pr_fname`, which precedes the 80-byte `pr_psargs`.
    func processInfo(name: String, pid: UInt32, arguments: String = "") -> Note {
        var w = writer
        let size = wide ? 136 : 128
        w.zeros(size - 112)
        w.u32(pid)
        w.u32(1)  // ppid
        w.u32(pid)  // pgrp
        w.u32(pid)  // sid
        let fname = Array(name.utf8.prefix(15))
        w.append(fname)
        w.zeros(16 - fname.count)
        let args = Array(arguments.utf8.prefix(79))
        w.append(args)
        w.zeros(80 - args.count)
        return Note(name: "CORE", type: 3, description: w.bytes)
    }

    /// `NT_PRSTATUS` for x86-64 (336 bytes, rsp at 264) or i386 (144 bytes, esp at 132); other
    /// machines get the 64-/32-bit prefix with `pr_pid` only.
    func status(threadID: UInt32, stackPointer: UInt64) -> Note {
        var w = writer
        let size = wide ? 336 : 144
        w.zeros(wide ? 32 : 24)
        w.u32(threadID)
        w.zeros(size - w.count)
        switch (machine, wide) {
        case (62, true): w.patch64(at: 264, stackPointer)
        case (3, false): w.patch32(at: 132, UInt32(truncatingIfNeeded: stackPointer))
        default: break
        }
        return Note(name: "CORE", type: 1, description: w.bytes)
    }

    /// `NT_FILE`: count, page size, (start, end, page offset) per mapping, then the paths.
    func files(_ mappings: [(start: UInt64, end: UInt64, path: String)]) -> Note {
        var w = writer
        w.word(UInt64(mappings.count), wide: wide)
        w.word(4096, wide: wide)
        for mapping in mappings {
            w.word(mapping.start, wide: wide)
            w.word(mapping.end, wide: wide)
            w.word(0, wide: wide)
        }
        for mapping in mappings {
            w.append(mapping.path)
            w.u8(0)
        }
        return Note(name: "CORE", type: 0x4649_4c45, description: w.bytes)
    }
}

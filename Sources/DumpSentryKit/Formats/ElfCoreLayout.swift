/// The layout of an ELF core file (`ET_CORE`; 32- or 64-bit, little- or big-endian), as written
/// by the Linux kernel, `gcore` or systemd-coredump: each `PT_LOAD` segment's file bytes map to
/// its virtual addresses; `NT_FILE` names the file behind each mapping (a module if any of its
/// mappings is executable, else `mapped`); the segment holding a thread's stack pointer
/// (`NT_PRSTATUS`, x86-64, i386, AArch64, ARM) is that thread's `stack`; other anonymous memory
/// is `heap` when writable, else `private`.
///
/// A broken ELF header throws; broken program headers or notes are listed in `problems` and the
/// rest of the layout is still built. Facts: `class`, `byte.order`, `cpu`, `pid`, `process.name`
/// (`pr_fname`; the argument string is never copied, as it may hold secrets), `threads`,
/// `segments`, `mapped.files`, `memory.ranges`.
public struct ElfCoreLayout: DumpLayout {
    public var formatName: String { "elf-core" }
    public let facts: [String: String]
    public let problems: [FormatError]
    let addressSpace: AddressSpace

    /// Parses `bytes`, the whole file (e.g. a read-only memory map; only header pages are touched),
    /// or its first part when `fileSize` is larger (a stream's prefix: segments past it still map).
    public init(bytes: UnsafeRawBufferPointer, fileSize: UInt64? = nil) throws(FormatError) {
        var parser = try ElfCoreParser(bytes, fileSize: fileSize)
        addressSpace = parser.parse()
        facts = parser.facts
        problems = parser.problems.all
    }

    /// True when `bytes` starts with an ELF header whose type is `ET_CORE` (either byte order).
    public static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let reader = ByteReader(bytes)
        guard reader.matches(ElfCoreParser.magic), reader.count >= 18 else { return false }
        switch bytes[5] {  // EI_DATA
        case 1: return bytes[16] == 4 && bytes[17] == 0
        case 2: return bytes[16] == 0 && bytes[17] == 4
        default: return false
        }
    }

    public func location(ofFileOffset fileOffset: UInt64) -> DumpLocation? {
        addressSpace.location(ofFileOffset: fileOffset)
    }
}

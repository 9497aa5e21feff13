/// A Windows kernel crash dump (`PAGEDUMP` 32-bit, `PAGEDU64` 64-bit; `MEMORY.DMP`): identified,
/// with facts from its header. Its pages are physical memory — an address would need a walk of
/// the kernel's page tables — so no offset is attributed (`location` returns nil). Facts:
/// `class`, `cpu`, `cpu.count`, `os.version`, `bugcheck`, `dump.type`.
/// Header offsets follow `DUMP_HEADER32`/`DUMP_HEADER64` as published by several open dump tools.
public struct WindowsCrashDumpLayout: DumpLayout {
    public var formatName: String { "windows-crashdump" }
    public let facts: [String: String]
    public var problems: [FormatError] { [] }

    private static let signature32 = Array("PAGEDUMP".utf8)
    private static let signature64 = Array("PAGEDU64".utf8)

    /// Parses the header of `bytes`, the whole file (only the header is read).
    public init(bytes: UnsafeRawBufferPointer) throws(FormatError) {
        let reader = ByteReader(bytes)
        let wide: Bool
        if reader.matches(Self.signature64) {
            wide = true
        } else if reader.matches(Self.signature32) {
            wide = false
        } else {
            throw .invalid(structure: "crash dump header", reason: "signature is not PAGEDUMP or PAGEDU64")
        }
        let name = "crash dump header"
        let major = try reader.u32(at: 8, name)
        let minor = try reader.u32(at: 12, name)
        let machine = try reader.u32(at: wide ? 48 : 32, name)
        let processors = try reader.u32(at: wide ? 52 : 36, name)
        let bugCheck = try reader.u32(at: wide ? 56 : 40, name)
        let dumpType = try reader.u32(at: wide ? 0xf98 : 0xf88, name)
        facts = [
            "class": wide ? "64-bit" : "32-bit",
            "cpu": Self.machineName(machine),
            "cpu.count": String(processors),
            // MajorVersion is 0xf for a free build, 0xc for a checked one; MinorVersion is the build.
            "os.version": "Windows NT build \(minor)" + (major == 0xc ? " (checked)" : ""),
            "bugcheck": HeaderText.hex(UInt64(bugCheck)),
            "dump.type": Self.dumpTypeName(dumpType),
        ]
    }

    /// True when `bytes` starts with either crash dump signature.
    public static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let reader = ByteReader(bytes)
        return reader.matches(signature64) || reader.matches(signature32)
    }

    public func location(ofFileOffset fileOffset: UInt64) -> DumpLocation? { nil }

    private static func machineName(_ value: UInt32) -> String {
        switch value {
        case 0x14c: "x86"
        case 0x8664: "amd64"
        case 0xaa64: "arm64"
        case 0x1c4: "arm"
        default: "unknown (\(HeaderText.hex(UInt64(value))))"
        }
    }

    private static func dumpTypeName(_ value: UInt32) -> String {
        switch value {
        case 1: "full"
        case 2: "summary"
        case 3: "header"
        case 4: "triage"
        case 5: "bitmap-full"
        case 6: "bitmap-kernel"
        case 7: "automatic"
        case 8: "kernel-memory"
        default: "unknown (\(value))"
        }
    }
}

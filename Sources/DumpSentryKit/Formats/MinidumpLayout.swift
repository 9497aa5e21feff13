/// The layout of a minidump (`MDMP`: Windows, Breakpad, Crashpad): memory ranges from the memory
/// lists, thread stacks from the thread list, modules from the module list, and region kinds and
/// protection from the memory info list (or, for Breakpad Linux dumps, the copied `/proc/PID/maps`).
///
/// Parsing reads only the header and the streams it needs, never the memory itself. A broken
/// header or stream directory throws; a broken stream is listed in `problems` and the rest of the
/// layout is still built. Facts: `cpu`, `cpu.count`, `os`, `os.version`, `os.distribution`, `pid`,
/// `process.name`, `modules`, `threads`, `memory.ranges`, `environment.variables` (a count only:
/// command-line arguments and environment values are never copied into facts, as they may hold
/// secrets).
public struct MinidumpLayout: DumpLayout {
    public var formatName: String { "minidump" }
    public let facts: [String: String]
    public let problems: [FormatError]
    let addressSpace: AddressSpace

    /// Parses `bytes`, the whole file (e.g. a read-only memory map; only header pages are touched),
    /// or its first part when `fileSize` is larger (a stream's prefix: ranges past it still map).
    public init(bytes: UnsafeRawBufferPointer, fileSize: UInt64? = nil) throws(FormatError) {
        var parser = try MinidumpParser(ByteReader(bytes, extent: fileSize))
        addressSpace = parser.parse()
        facts = parser.facts
        problems = parser.problems.all
    }

    /// True when `bytes` starts with the minidump signature.
    public static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        ByteReader(bytes).matches(Array("MDMP".utf8))
    }

    public func location(ofFileOffset fileOffset: UInt64) -> DumpLocation? {
        addressSpace.location(ofFileOffset: fileOffset)
    }
}

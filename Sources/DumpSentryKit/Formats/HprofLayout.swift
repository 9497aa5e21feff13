/// The layout of a Java heap dump (HPROF, `JAVA PROFILE 1.0.x`, as written by `jmap` and
/// `-XX:+HeapDumpOnOutOfMemoryError`). Everything after the header is the Java heap's content
/// (objects, strings, class data), so every such offset is attributed to region `heap`, without
/// an address: HPROF records object ids, not addresses, and walking the records would read the
/// whole file. Facts: `version`, `identifier.size`, `timestamp.ms`.
public struct HprofLayout: DumpLayout {
    public var formatName: String { "hprof" }
    public let facts: [String: String]
    public var problems: [FormatError] { [] }
    /// File offset of the first record.
    let headerEnd: UInt64

    private static let prefix = Array("JAVA PROFILE ".utf8)

    /// Parses the header of `bytes`, the whole file (only the header is read).
    public init(bytes: UnsafeRawBufferPointer) throws(FormatError) {
        let reader = ByteReader(bytes, bigEndian: true)
        guard reader.matches(Self.prefix) else {
            throw .invalid(structure: "HPROF header", reason: "no JAVA PROFILE signature")
        }
        // The format name is NUL-terminated; bound the search to keep a hostile header cheap.
        guard let window = reader.slice(offset: 0, length: min(reader.count, 64)),
              let terminator = window.firstIndex(of: 0) else {
            throw .truncated(structure: "HPROF header", offset: 0)
        }
        let versionStart = Self.prefix.count
        let version = terminator > versionStart
            ? HeaderText.cString(UnsafeRawBufferPointer(rebasing: window[versionStart..<terminator]))
            : ""
        let sizeOffset = UInt64(terminator) + 1
        let identifierSize = try reader.u32(at: sizeOffset, "HPROF header")
        let timestamp = try reader.u64(at: sizeOffset + 4, "HPROF header")
        guard identifierSize == 4 || identifierSize == 8 else {
            throw .invalid(structure: "HPROF header", reason: "identifier size \(identifierSize) is not 4 or 8")
        }
        headerEnd = sizeOffset + 12
        facts = ["version": version, "identifier.size": String(identifierSize), "timestamp.ms": String(timestamp)]
    }

    /// True when `bytes` starts with the HPROF signature.
    public static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        ByteReader(bytes).matches(prefix)
    }

    public func location(ofFileOffset fileOffset: UInt64) -> DumpLocation? {
        fileOffset >= headerEnd ? DumpLocation(virtualAddress: nil, region: .heap) : nil
    }
}

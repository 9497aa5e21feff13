/// Bounds-checked reads of fixed-width integers from a dump's bytes, for header parsing.
///
/// Every offset is a file offset (`UInt64`) that came from a hostile header; every read checks
/// `offset + width <= count` without overflow and throws `FormatError.truncated` otherwise, so a
/// parser never traps on bad input. A reader lives only for the duration of one parse: layouts
/// never store it, because the bytes it lends (a memory map) may be unmapped after parsing.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    let bigEndian: Bool
    /// The whole file's size. Larger than `count` when `bytes` is only the file's first part (a
    /// stream's prefix, kept for attribution): headers are read from `bytes`, but memory ranges
    /// that lie past the prefix still exist in the file and are clipped to `extent` instead.
    let extent: UInt64

    init(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool = false, extent: UInt64? = nil) {
        self.bytes = bytes
        self.bigEndian = bigEndian
        self.extent = max(extent ?? 0, UInt64(bytes.count))
    }

    /// Bytes of the whole file from `offset` to its end (0 past the end), read or not.
    func extentAvailable(from offset: UInt64) -> UInt64 {
        offset < extent ? extent - offset : 0
    }

    /// File size in bytes.
    var count: UInt64 { UInt64(bytes.count) }

    /// True when `[offset, offset + length)` lies inside the file (overflow counts as outside).
    func contains(offset: UInt64, length: UInt64) -> Bool {
        let (end, overflow) = offset.addingReportingOverflow(length)
        return !overflow && end <= count
    }

    /// Bytes available from `offset` to the end of the file (0 past the end).
    func available(from offset: UInt64) -> UInt64 {
        offset < count ? count - offset : 0
    }

    /// A sub-buffer for `[offset, offset + length)`, or nil if it does not lie inside the file.
    func slice(offset: UInt64, length: UInt64) -> UnsafeRawBufferPointer? {
        guard contains(offset: offset, length: length) else { return nil }
        // safe: both bounds were checked against count, which is an Int, so they fit in Int.
        let start = Int(offset)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Int(length))])
    }

    /// True when the bytes at `offset` equal `expected` (false when they run past the end).
    func matches(_ expected: [UInt8], at offset: UInt64 = 0) -> Bool {
        guard let actual = slice(offset: offset, length: UInt64(expected.count)) else { return false }
        return actual.elementsEqual(expected)
    }

    func u8(at offset: UInt64, _ structure: String) throws(FormatError) -> UInt8 {
        guard contains(offset: offset, length: 1) else { throw .truncated(structure: structure, offset: offset) }
        return bytes[Int(offset)]
    }

    func u16(at offset: UInt64, _ structure: String) throws(FormatError) -> UInt16 {
        let raw: UInt16 = try load(at: offset, structure)
        return bigEndian ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw)
    }

    func u32(at offset: UInt64, _ structure: String) throws(FormatError) -> UInt32 {
        let raw: UInt32 = try load(at: offset, structure)
        return bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
    }

    func u64(at offset: UInt64, _ structure: String) throws(FormatError) -> UInt64 {
        let raw: UInt64 = try load(at: offset, structure)
        return bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw)
    }

    /// A native word of the dump: 8 bytes when `wide`, else 4 (ELF `long`, `Elf_Addr`, `Elf_Off`).
    func word(at offset: UInt64, wide: Bool, _ structure: String) throws(FormatError) -> UInt64 {
        wide ? try u64(at: offset, structure) : UInt64(try u32(at: offset, structure))
    }

    private func load<T: FixedWidthInteger>(at offset: UInt64, _ structure: String) throws(FormatError) -> T {
        guard contains(offset: offset, length: UInt64(MemoryLayout<T>.size)) else {
            throw .truncated(structure: structure, offset: offset)
        }
        // safe: the range was checked above; loadUnaligned has no alignment requirement.
        return bytes.loadUnaligned(fromByteOffset: Int(offset), as: T.self)
    }
}

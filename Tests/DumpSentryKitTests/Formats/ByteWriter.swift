/// Builds binary test fixtures: appends and patches fixed-width integers in either byte order.
struct ByteWriter {
    var bytes: [UInt8] = []
    var bigEndian = false

    var count: Int { bytes.count }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) { integer(value) }

    mutating func u32(_ value: UInt32) { integer(value) }

    mutating func u64(_ value: UInt64) { integer(value) }

    /// A 4- or 8-byte word.
    mutating func word(_ value: UInt64, wide: Bool) {
        if wide { u64(value) } else { u32(UInt32(truncatingIfNeeded: value)) }
    }

    mutating func append(_ data: [UInt8]) { bytes += data }

    mutating func append(_ text: String) { bytes += Array(text.utf8) }

    mutating func zeros(_ count: Int) { bytes += [UInt8](repeating: 0, count: count) }

    /// Pads with zeros to a multiple of `alignment`.
    mutating func align(_ alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    mutating func patch32(at offset: Int, _ value: UInt32) { patch(at: offset, value) }

    mutating func patch64(at offset: Int, _ value: UInt64) { patch(at: offset, value) }

    private mutating func integer<T: FixedWidthInteger>(_ value: T) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes += $0 }
    }

    private mutating func patch<T: FixedWidthInteger>(at offset: Int, _ value: T) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }
}

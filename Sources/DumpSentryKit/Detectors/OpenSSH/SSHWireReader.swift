/// A bounds-checked reader of the SSH wire encoding (RFC 4251: uint32, string, mpint) over a
/// slice of hostile bytes. Every read returns nil rather than step past `end`.
struct SSHWireReader {
    // Invariant: 0 <= position <= end <= bytes.count.
    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        let upper = min(max(range.upperBound, 0), bytes.count)
        self.position = min(max(range.lowerBound, 0), upper)
        self.end = upper
    }

    var isAtEnd: Bool { position >= end }

    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        position += 1
        return bytes[position - 1]
    }

    /// Skips `count` bytes; false (without moving) if fewer remain.
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= end - position else { return false }
        position += count
        return true
    }

    mutating func uint32() -> UInt32? {
        guard end - position >= 4 else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 8 | UInt32(bytes[position + offset]) }
        position += 4
        return value
    }

    /// A string's span, at most `maxLength` bytes long.
    mutating func stringRange(maxLength: Int) -> Range<Int>? {
        let saved = position
        guard let length = uint32(), Int(length) <= maxLength, Int(length) <= end - position else {
            position = saved
            return nil
        }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    mutating func string(maxLength: Int) -> [UInt8]? {
        guard let range = stringRange(maxLength: maxLength) else { return nil }
        return Array(bytes[range])
    }

    /// A non-negative mpint's magnitude (leading zero octets stripped); nil for a negative one.
    mutating func unsignedMPInt(maxLength: Int) -> [UInt8]? {
        let saved = position
        guard let value = string(maxLength: maxLength) else { return nil }
        if let first = value.first, first & 0x80 != 0 {
            position = saved
            return nil
        }
        let digits = Array(value.drop { $0 == 0 })
        return digits.isEmpty ? [0] : digits
    }
}

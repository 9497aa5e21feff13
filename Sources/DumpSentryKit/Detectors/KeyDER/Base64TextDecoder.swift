/// Decodes base64 text out of hostile bytes, byte count by byte count, skipping the line breaks
/// a key body carries: CR, LF, and the JSON escapes `\n`, `\r` and `\/`. Stops (returns nil) at
/// the first byte that is neither; never reads past its range.
struct Base64TextDecoder {
    // Invariant: range.lowerBound <= position <= end <= bytes.count.
    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    private let end: Int
    private var pending: [UInt8] = []

    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.bytes = bytes
        self.end = min(max(range.upperBound, 0), bytes.count)
        self.position = min(max(range.lowerBound, 0), end)
    }

    static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
        default: nil
        }
    }

    /// The next `count` decoded bytes, or nil if the text ends (or turns into padding) first.
    mutating func decode(count: Int) -> [UInt8]? {
        guard count >= 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            if !pending.isEmpty {
                out.append(pending.removeFirst())
                continue
            }
            var quad: [UInt8] = []
            while quad.count < 4 {
                guard let sextet = nextSextet() else { break }
                quad.append(sextet)
            }
            guard quad.count >= 2 else { return nil }
            pending.append(quad[0] << 2 | quad[1] >> 4)
            if quad.count >= 3 { pending.append(quad[1] << 4 | quad[2] >> 2) }
            if quad.count == 4 { pending.append(quad[2] << 6 | quad[3]) }
            if quad.count < 4, pending.count + out.count < count { return nil }
        }
        return out
    }

    /// The offset after the consumed text and any `=` padding that follows it.
    mutating func endIncludingPadding() -> Int {
        var index = position
        while index < end, bytes[index] == UInt8(ascii: "=") { index += 1 }
        return index
    }

    private mutating func nextSextet() -> UInt8? {
        while position < end {
            let character = bytes[position]
            if let value = Self.value(of: character) {
                position += 1
                return value
            }
            if character == 0x0a || character == 0x0d {
                position += 1
                continue
            }
            if character == UInt8(ascii: "\\"), position + 1 < end {
                let escaped = bytes[position + 1]
                if escaped == UInt8(ascii: "n") || escaped == UInt8(ascii: "r") {
                    position += 2
                    continue
                }
                if escaped == UInt8(ascii: "/") {
                    position += 2
                    return 63
                }
            }
            return nil
        }
        return nil
    }
}

/// A bounds-checked reader of DER tag-length-value elements inside one slice of hostile bytes.
///
/// Only what key structures need: single-byte tags, definite lengths of at most four length
/// bytes, and a nesting limit. Every read returns nil rather than step past `end`, so a reader can
/// never see bytes outside the slice it was made for. Offsets are indices into `bytes`.
struct DERReader {
    /// One element: its tag and where its header and content lie in the underlying buffer.
    struct Element {
        var tag: UInt8
        /// Header and content.
        var range: Range<Int>
        var contentRange: Range<Int>
    }

    /// Deepest nesting `children(of:)` allows; key structures need fewer than ten levels.
    static let maxDepth = 16

    // Invariant: 0 <= position <= end <= bytes.count.
    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    let end: Int
    private let depth: Int

    /// A reader over `range` of `bytes`, clamped to the buffer.
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, depth: Int = 0) {
        self.bytes = bytes
        let upper = min(max(range.upperBound, 0), bytes.count)
        let lower = min(max(range.lowerBound, 0), upper)
        self.position = lower
        self.end = upper
        self.depth = depth
    }

    var isAtEnd: Bool { position >= end }

    /// Parses the header at `position` without moving; nil if it is malformed or its content
    /// would run past `end`.
    func peek() -> Element? {
        guard position < end else { return nil }
        let tag = bytes[position]
        // High-tag-number form (0x1f) never occurs in the key structures read here.
        guard tag & 0x1f != 0x1f else { return nil }
        var cursor = position + 1
        guard cursor < end else { return nil }
        let first = bytes[cursor]
        cursor += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7f)
            // 0x80 is BER's indefinite length; more than four length bytes is never a key.
            guard count >= 1, count <= 4, count <= end - cursor else { return nil }
            for _ in 0..<count {
                length = (length << 8) | Int(bytes[cursor])
                cursor += 1
            }
        }
        guard length <= end - cursor else { return nil }
        return Element(tag: tag, range: position..<(cursor + length), contentRange: cursor..<(cursor + length))
    }

    /// Reads the next element, or nil (without moving) if it is malformed.
    mutating func read() -> Element? {
        guard let element = peek() else { return nil }
        position = element.range.upperBound
        return element
    }

    /// Reads the next element only if it has `tag`.
    mutating func read(tag: UInt8) -> Element? {
        guard let element = peek(), element.tag == tag else { return nil }
        position = element.range.upperBound
        return element
    }

    /// Reads an INTEGER and returns its magnitude bytes (big-endian, leading zero octets
    /// stripped); nil for a negative or empty integer, which no key component is.
    mutating func readUnsignedInteger() -> [UInt8]? {
        guard let element = peek(), element.tag == 0x02, !element.contentRange.isEmpty else { return nil }
        guard bytes[element.contentRange.lowerBound] & 0x80 == 0 else { return nil }
        position = element.range.upperBound
        var start = element.contentRange.lowerBound
        while start < element.contentRange.upperBound - 1, bytes[start] == 0 { start += 1 }
        return Array(bytes[start..<element.contentRange.upperBound])
    }

    /// Reads a small non-negative INTEGER (a version field).
    mutating func readSmallInteger() -> Int? {
        guard let element = peek(), element.tag == 0x02,
              !element.contentRange.isEmpty, element.contentRange.count <= 4 else { return nil }
        guard bytes[element.contentRange.lowerBound] & 0x80 == 0 else { return nil }
        position = element.range.upperBound
        var value = 0
        for index in element.contentRange { value = (value << 8) | Int(bytes[index]) }
        return value
    }

    /// A reader over a constructed element's content, one level deeper; nil past `maxDepth`.
    func children(of element: Element) -> DERReader? {
        guard depth < DERReader.maxDepth,
              element.contentRange.lowerBound >= 0, element.contentRange.upperBound <= end else { return nil }
        return DERReader(bytes, range: element.contentRange, depth: depth + 1)
    }

    /// A copy of an element's content bytes.
    func content(_ element: Element) -> [UInt8] {
        let lower = max(element.contentRange.lowerBound, 0)
        let upper = min(element.contentRange.upperBound, bytes.count)
        guard lower < upper else { return [] }
        return Array(bytes[lower..<upper])
    }

    /// True when an element's content equals `expected` (an OID body, say).
    func content(_ element: Element, equals expected: [UInt8]) -> Bool {
        guard element.contentRange.count == expected.count,
              element.contentRange.upperBound <= bytes.count else { return false }
        var index = element.contentRange.lowerBound
        for byte in expected {
            guard bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }
}

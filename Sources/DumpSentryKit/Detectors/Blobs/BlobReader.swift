import BigInt
import Foundation

/// A bounds-checked cursor over one key blob in hostile bytes (CNG, CryptoAPI and PVK headers are
/// little-endian words followed by byte strings whose sizes the header claims).
///
/// Every read returns nil rather than step past `end`, using overflow-checked arithmetic, so a
/// size field of 0xFFFFFFFF can neither trap nor make the reader allocate.
struct BlobReader {
    // Invariant: 0 <= offset <= end <= bytes.count.
    private let bytes: UnsafeRawBufferPointer
    /// Index in `bytes` of the next unread byte.
    private(set) var offset: Int
    let end: Int

    /// A reader starting at `start`, limited to the buffer; nil if `start` lies outside it.
    init?(_ bytes: UnsafeRawBufferPointer, at start: Int) {
        guard start >= 0, start <= bytes.count else { return nil }
        self.bytes = bytes
        self.offset = start
        self.end = bytes.count
    }

    /// Bytes left before `end`.
    var remaining: Int { end - offset }

    /// The range of the next `count` bytes, consumed; nil (and nothing consumed) if they do not fit.
    mutating func skip(_ count: Int) -> Range<Int>? {
        guard count >= 0 else { return nil }
        let (next, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, next <= end else { return nil }
        defer { offset = next }
        return offset..<next
    }

    /// A little-endian 32-bit word.
    mutating func uint32() -> UInt32? {
        guard let range = skip(4) else { return nil }
        return UInt32(bytes[range.lowerBound]) | UInt32(bytes[range.lowerBound + 1]) << 8
            | UInt32(bytes[range.lowerBound + 2]) << 16 | UInt32(bytes[range.lowerBound + 3]) << 24
    }

    /// A 32-bit word as an `Int` (always fits on the 64-bit platforms DumpSentry runs on).
    mutating func count32() -> Int? { uint32().map { Int($0) } }

    /// The next `count` bytes, copied.
    mutating func take(_ count: Int) -> [UInt8]? {
        guard let range = skip(count) else { return nil }
        return [UInt8](bytes[range])
    }

    /// An unsigned integer of `count` big-endian bytes (CNG blobs), minimal: leading zeros dropped.
    mutating func bigEndianInteger(_ count: Int) -> [UInt8]? {
        take(count).map { Array($0.drop { $0 == 0 }) }
    }

    /// An unsigned integer of `count` little-endian bytes (CryptoAPI blobs), returned big-endian
    /// and minimal, the form the other key detectors fingerprint.
    mutating func littleEndianInteger(_ count: Int) -> [UInt8]? {
        take(count).map { Array($0.reversed().drop { $0 == 0 }) }
    }

    /// A big-endian minimal byte string as a BigUInt.
    static func integer(_ bigEndian: [UInt8]) -> BigUInt { BigUInt(Data(bigEndian)) }
}

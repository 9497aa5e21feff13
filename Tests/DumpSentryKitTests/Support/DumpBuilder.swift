@testable import DumpSentryKit

/// Builds dump-like bytes: random binary, zero pages and planted text at chosen offsets.
struct DumpBuilder {
    var bytes: [UInt8]
    private var generator: SplitMix64

    init(size: Int, seed: UInt64 = 42) {
        generator = SplitMix64(seed: seed)
        var gen = generator
        bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: gen.next()) }
        generator = gen
    }

    /// Places `text` at `offset` with a NUL before and after (a C string in a heap).
    mutating func plant(_ text: String, at offset: Int, encoding: TextEncoding = .ascii) {
        var encoded: [UInt8] = []
        for byte in text.utf8 {
            switch encoding {
            case .utf16le: encoded += [byte, 0]
            case .utf16be: encoded += [0, byte]
            default: encoded.append(byte)
            }
        }
        let unit = encoding.unitWidth
        let end = offset + encoded.count
        precondition(offset >= unit && end + unit <= bytes.count)
        for i in 0..<unit { bytes[offset - unit + i] = 0; bytes[end + i] = 0 }
        bytes.replaceSubrange(offset..<end, with: encoded)
    }

    mutating func zero(_ range: Range<Int>) {
        for i in range { bytes[i] = 0 }
    }
}

/// What scrub writes over a finding's span. The span keeps its size so every offset in the dump
/// (stream directories, program headers, pointers) stays valid:
///
/// - ASCII text: `*` per byte; UTF-16LE: `*` `00` per character; UTF-16BE: `00` `*`. A run of one
///   repeated character has zero entropy and no rule's token shape, so a rescan stays clean.
/// - Binary key material (DER, blobs, OpenSSH bodies, AES schedules, key words): `0xDD` over the
///   whole structure, so no length field or header of the key survives either.
///
/// Fills do not depend on the order they are applied in: a text fill never overwrites `0xDD`
/// (text secrets are printable, so a `0xDD` inside a text span can only be a binary fill), hence
/// binary wins wherever spans overlap, in file mode and stream mode alike.
enum ScrubFill {
    static let binaryByte: UInt8 = 0xDD
    static let textByte = UInt8(ascii: "*")

    /// The fill byte at `fileOffset` of a span that starts at `spanStart`.
    @inline(__always)
    static func byte(for encoding: TextEncoding, spanStart: UInt64, fileOffset: UInt64) -> UInt8 {
        switch encoding {
        case .binary: binaryByte
        case .ascii: textByte
        case .utf16le: (fileOffset - spanStart) % 2 == 0 ? textByte : 0
        case .utf16be: (fileOffset - spanStart) % 2 == 0 ? 0 : textByte
        }
    }

    /// Overwrites the part of `finding`'s span that lies in `window`, whose byte 0 is at
    /// `windowStart` in the file. Returns the number of bytes it covered.
    @discardableResult
    static func apply(_ finding: Finding, to window: UnsafeMutableRawBufferPointer, windowStart: UInt64) -> Int {
        let windowEnd = windowStart + UInt64(window.count)
        let spanEnd = finding.offset + UInt64(finding.length)
        let from = max(finding.offset, windowStart), to = min(spanEnd, windowEnd)
        guard from < to else { return 0 }
        let isText = finding.encoding != .binary
        for fileOffset in from..<to {
            let index = Int(fileOffset - windowStart)
            if isText && window[index] == binaryByte { continue }
            window[index] = byte(for: finding.encoding, spanStart: finding.offset, fileOffset: fileOffset)
        }
        return Int(to - from)
    }
}

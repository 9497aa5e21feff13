/// Line and column of byte offsets in a text file, so a SARIF region in a log or config file can
/// point at a line (dumps have no lines; their regions carry only the byte span).
///
/// A file counts as text when its first 64 KiB hold no NUL byte and are valid UTF-8 (a multibyte
/// sequence cut at the end of the sample is allowed). The file is read a second time, after the
/// scan, up to the largest offset asked for; a file that changed in between gives wrong lines,
/// which is why the byte span stays in the report beside them.
public enum TextArtifact {
    /// 1-based line, and 1-based column in Unicode code points (SARIF `columnKind` `unicodeCodePoints`).
    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    static let sampleSize = 64 << 10
    static let blockSize = 1 << 20

    /// Positions of `offsets` in the file at `path`, or nil when the file is not text.
    public static func positions(path: String, offsets: [UInt64]) throws(SystemError) -> [UInt64: Position]? {
        let wanted = Set(offsets).sorted()
        guard let last = wanted.last else { return [:] }
        let descriptor = try FileDescriptor.openInput(path, path: path)
        defer { descriptor.close() }
        // A raw buffer rather than [UInt8]: withUnsafeMutableBytes would erase the typed throw.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        var result: [UInt64: Position] = [:]
        var next = 0                    // index into `wanted`
        var fileOffset: UInt64 = 0      // offset of buffer[0] in the file
        var line = 1
        var column = 1                  // column of the byte at `fileOffset + index`
        var first = true
        while next < wanted.count {
            let count = try descriptor.readFully(into: buffer, path: path)
            if count == 0 { break }
            if first {
                first = false
                guard looksLikeText(Array(buffer[0..<min(count, sampleSize)])) else { return nil }
            }
            for index in 0..<count {
                let here = fileOffset + UInt64(index)
                while next < wanted.count && wanted[next] == here {
                    result[here] = Position(line: line, column: column)
                    next += 1
                }
                if here >= last { break }
                let byte = buffer[index]
                if byte == 0x0a {
                    line += 1
                    column = 1
                } else if byte & 0xc0 != 0x80 {
                    column += 1   // a UTF-8 continuation byte does not start a new code point
                }
            }
            fileOffset += UInt64(count)
        }
        return result
    }

    /// No NUL, valid UTF-8 except for a sequence cut by the end of the sample.
    static func looksLikeText(_ sample: [UInt8]) -> Bool {
        if sample.contains(0) { return false }
        var bytes = sample
        // Drop a trailing incomplete sequence (at most 3 bytes) so the cut does not count as invalid.
        var trailing = 0
        while trailing < 3, let lastByte = bytes.last, lastByte & 0xc0 == 0x80 || lastByte >= 0xc0 {
            let isLead = lastByte >= 0xc0
            bytes.removeLast()
            trailing += 1
            if isLead { break }
        }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}

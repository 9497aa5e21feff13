/// DumpSentry's own magic checks on a file's first bytes, independent of libmagic: dump formats
/// (by the same checks `DumpLayoutParser` uses), compressors and archives.
public enum FileSignature {
    /// The own label of a file starting with `prefix`, or nil.
    public static func label(of prefix: UnsafeRawBufferPointer) -> FileType.Label? {
        let bytes = ByteReader(prefix)
        if MinidumpLayout.matches(prefix) { return .minidump }
        if ElfCoreLayout.matches(prefix) { return .elfCore }
        if bytes.matches([0x7f, 0x45, 0x4c, 0x46]) { return .elf }
        if HprofLayout.matches(prefix) { return .hprof }
        if WindowsCrashDumpLayout.matches(prefix) { return .windowsCrashdump }
        if bytes.matches([0x1f, 0x8b, 0x08]) { return .gzip }
        if bytes.matches([0x28, 0xb5, 0x2f, 0xfd]) { return .zstd }
        if bytes.matches([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) { return .xz }
        if isBzip2(bytes) { return .bzip2 }
        // LZ4 frame format, and the legacy format the lz4 tool still writes with -l.
        if bytes.matches([0x04, 0x22, 0x4d, 0x18]) || bytes.matches([0x02, 0x21, 0x4c, 0x18]) { return .lz4 }
        if bytes.matches([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) { return .sevenZip }
        // Local file header, empty archive (end of central directory), spanned archive marker.
        if bytes.matches([0x50, 0x4b, 0x03, 0x04]) || bytes.matches([0x50, 0x4b, 0x05, 0x06])
            || bytes.matches([0x50, 0x4b, 0x07, 0x08]) { return .zip }
        if isTar(bytes) { return .tar }
        return nil
    }

    /// `BZh` and a block size digit, then a block or end-of-stream magic.
    private static func isBzip2(_ bytes: ByteReader) -> Bool {
        guard bytes.matches(Array("BZh".utf8)), let level = bytes.slice(offset: 3, length: 1)?.first,
              (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(level) else { return false }
        return bytes.matches([0x31, 0x41, 0x59, 0x26, 0x53, 0x59], at: 4)  // π: a block
            || bytes.matches([0x17, 0x72, 0x45, 0x38, 0x50, 0x90], at: 4)  // √π: end of stream
    }

    /// POSIX/GNU tar (`ustar` at 257), or an old V7 header whose checksum adds up.
    private static func isTar(_ bytes: ByteReader) -> Bool {
        guard let header = bytes.slice(offset: 0, length: 512), header[0] != 0 else { return false }
        if bytes.matches(Array("ustar".utf8), at: 257) { return true }
        // chksum (148..<156): octal digits, then NUL or space; the sum treats the field as spaces.
        var stored = 0, digits = 0
        for byte in header[148..<156] {
            if (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) {
                stored = stored * 8 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else if byte == 0 || byte == UInt8(ascii: " ") {
                if digits > 0 { break }
            } else {
                return false
            }
        }
        guard digits > 0 else { return false }
        var sum = 0
        for (index, byte) in header.enumerated() {
            sum += (148..<156).contains(index) ? Int(UInt8(ascii: " ")) : Int(byte)
        }
        return sum == stored
    }
}

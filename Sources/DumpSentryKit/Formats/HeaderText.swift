/// Text taken from a dump header (module paths, process names): decoded leniently, with control
/// characters replaced by `?` (tabs by spaces) so that a hostile name cannot drive a terminal or break a report line.
enum HeaderText {
    /// Longest text kept from any one header field, in bytes; longer fields are cut.
    static var maximumLength: Int { 4096 }

    /// UTF-16LE code units, invalid sequences replaced.
    static func utf16LE(_ bytes: UnsafeRawBufferPointer) -> String {
        let unitCount = min(bytes.count, maximumLength * 2) / 2
        var units: [UInt16] = []
        units.reserveCapacity(unitCount)
        for index in 0..<unitCount {
            units.append(UInt16(bytes[2 * index]) | UInt16(bytes[2 * index + 1]) << 8)
        }
        return sanitized(String(decoding: units, as: UTF16.self))
    }

    /// Bytes up to the first NUL (or the end), decoded as UTF-8 with invalid sequences replaced.
    static func cString(_ bytes: UnsafeRawBufferPointer) -> String {
        let limited = bytes.prefix(maximumLength)
        let end = limited.firstIndex(of: 0) ?? limited.endIndex
        return sanitized(String(decoding: limited[limited.startIndex..<end], as: UTF8.self))
    }

    /// The last path component, for `/` and `\` separators (the whole path if it ends in one).
    static func basename(_ path: String) -> String {
        guard let separator = path.lastIndex(where: { $0 == "/" || $0 == "\\" }) else { return path }
        let name = path[path.index(after: separator)...]
        return name.isEmpty ? path : String(name)
    }

    /// Without leading and trailing spaces, tabs and carriage returns.
    static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
              let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    /// `0x…` lowercase hex, for messages.
    static func hex(_ value: UInt64) -> String {
        "0x" + String(value, radix: 16)
    }

    private static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            // A tab separates fields in /proc text: keep it as a space, not a `?`.
            scalars.append(scalar == "\t" ? " " : isControl(scalar) ? "?" : scalar)
        }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value)
    }
}

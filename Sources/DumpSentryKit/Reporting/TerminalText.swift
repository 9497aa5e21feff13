/// Makes untrusted text (file and member names, rule fields) safe to print on a terminal:
/// control characters, escape sequences and DEL become visible `\xNN` escapes.
public enum TerminalText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
                out += "\\x" + String(format2: UInt8(truncatingIfNeeded: scalar.value))
            } else if scalar == "\u{FFFD}" {
                out += "\\x??"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The same for a name's exact bytes: bytes that are not UTF-8 become `\xNN` escapes of their
    /// value (not one `\x??` for the lot), so two names that differ only there print differently.
    public static func escaped(bytes: [UInt8]) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                out += escaped(String(decoding: encoded, as: UTF8.self))
                position += encoded.count
            case .error(let length):
                for byte in bytes[position..<(position + length)] { out += "\\x" + String(format2: byte) }
                position += length
            case .emptyInput:
                return out
            }
        }
    }
}

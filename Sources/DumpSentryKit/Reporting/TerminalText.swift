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
}

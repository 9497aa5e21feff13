/// File and archive member names are bytes, not text: Linux allows any byte but `/` and NUL, and an
/// archive stores whatever its writer put there. A name is carried as a display string (invalid
/// UTF-8 shown as U+FFFD) plus, only when that string lost something, the exact bytes; reports
/// write both, so nothing about a name is lost (docs/report-format.md).
public enum NameBytes {
    /// The display form of `bytes`, and `bytes` themselves when the display form does not hold them exactly.
    public static func decode(_ bytes: [UInt8]) -> (display: String, exact: [UInt8]?) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, nil) }
        return (String(decoding: bytes, as: UTF8.self), bytes)
    }

    /// The exact bytes of a name given as its display string and the bytes kept beside it.
    public static func bytes(display: String, exact: [UInt8]?) -> [UInt8] {
        exact ?? Array(display.utf8)
    }
}

/// The encoding a secret had in the file. Offsets and lengths are always of the original bytes.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case ascii
    case utf16le
    case utf16be
    /// Binary key material (DER, CNG/CAPI blobs, AES schedules, raw key words).
    case binary

    /// Bytes per character in the file for text encodings (1 for ascii and binary).
    public var unitWidth: Int {
        switch self {
        case .utf16le, .utf16be: 2
        case .ascii, .binary: 1
        }
    }
}

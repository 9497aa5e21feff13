import Crypto

/// `sha256:` + lowercase hex of bytes: a stable identity for a secret that holds no secret.
public enum Fingerprint {
    public static func of(_ bytes: [UInt8]) -> String {
        "sha256:" + hex(SHA256.hash(data: bytes))
    }

    /// Lowercase hex of any byte sequence.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out = ""
        for byte in bytes { out += String(format2: byte) }
        return out
    }

    /// True for `sha256:` followed by 64 lowercase hex digits (the form `of` produces).
    public static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let digits = text.utf8.dropFirst(7)
        return digits.count == 64 && digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

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
}

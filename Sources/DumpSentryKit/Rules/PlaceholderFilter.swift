/// The global veto for documentation placeholders and templates, applied to every text rule's
/// secret: `AKIAIOSFODNN7EXAMPLE`, `xoxb-your-token-here`, all-`x` or all-`0` bodies, `${VAR}`,
/// `<TOKEN>`, `{{ secret }}`.
public enum PlaceholderFilter {
    /// Case-insensitive substrings that mark a placeholder.
    static let stopwords: [[UInt8]] = [
        "example", "your-", "your_", "yourtoken", "yourkey", "placeholder", "redacted", "changeme",
        "dummy", "insert", "xxxxxxxx", "********", "4ec39hqlyjwdarjtt1zdp7dc", "0123456789abcdef",
        "abcdefghijklmnop", "1234567890",
    ].map { Array($0.utf8) }

    /// Template openers: a secret holding one of these is a reference to a secret, not a secret.
    static let templateMarkers: [[UInt8]] = ["${", "{{", "#{"].map { Array($0.utf8) }
    /// Openers that are a template only when a name follows (`%(name)s`, `$(command`): random
    /// secrets such as Django keys contain `%(^` or `$(!` by chance.
    static let namedTemplateMarkers: [[UInt8]] = ["$(", "%("].map { Array($0.utf8) }

    public static func isPlaceholder(_ secret: [UInt8]) -> Bool {
        guard !secret.isEmpty else { return true }
        let lowered = secret.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }
        for word in stopwords where lowered.firstRange(of: word) != nil { return true }
        for marker in templateMarkers where secret.firstRange(of: marker) != nil { return true }
        for marker in namedTemplateMarkers {
            var rest = secret[...]
            while let range = rest.firstRange(of: marker) {
                if range.upperBound < secret.endIndex, isNameStart(secret[range.upperBound]) { return true }
                rest = secret[range.upperBound...]
            }
        }
        if secret.first == 0x3c && secret.last == 0x3e { return true }   // <TOKEN>
        return isMostlyOneCharacter(secret)
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte) || byte == 0x5f
    }

    /// All-`x`/all-`0` bodies after a prefix: one character making up most of the secret.
    static func isMostlyOneCharacter(_ secret: [UInt8]) -> Bool {
        guard secret.count >= 8 else { return false }
        var counts = [Int](repeating: 0, count: 256)
        for byte in secret { counts[Int(byte)] += 1 }
        let top = counts.max() ?? 0
        return top * 10 >= secret.count * 6
    }
}

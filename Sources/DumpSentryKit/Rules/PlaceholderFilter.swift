/// The global veto for documentation placeholders and templates, applied to every text rule's
/// secret: `AKIAIOSFODNN7EXAMPLE`, `xoxb-your-token-here`, all-`x` bodies, `${VAR}`, `<TOKEN>`,
/// `{{ secret }}`.
///
/// Two kinds of evidence, kept apart because they deserve different trust:
/// - markers: words, masks and template syntax a person writes to say "not a value" (`example`,
///   `changeme`, `xxxxxxxx`, `dop_v1_0000…`, `${`). Always a veto.
/// - shapes: counting runs, alphabet runs, one character (other than a mask character such as
///   `0` or `x`) making up most of the secret. A guess that the value was typed by hand; a rule
///   whose format carries a fixed literal of its own (`NRAK-`, `AKIA`, `…AZDO…`) may report such
///   a secret at low confidence instead (`on_placeholder_shape: lower`), because there the format
///   already says "this is a token".
public enum PlaceholderFilter {
    /// Why a secret looks like a placeholder.
    public struct Reason: Sendable, Hashable {
        /// Which kind of evidence it is.
        public enum Kind: Sendable, Hashable {
            case marker
            case shape
        }

        public var kind: Kind
        /// Short text for a finding's `placeholder` detail (`counting run`, `alphabet run`, `one character`).
        public var description: String
    }

    /// Case-insensitive substrings that mark a placeholder: words, masks and documentation values.
    static let stopwords: [[UInt8]] = [
        "example", "your-", "your_", "yourtoken", "yourkey", "placeholder", "redacted", "changeme",
        "dummy", "insert", "xxxxxxxx", "********", "4ec39hqlyjwdarjtt1zdp7dc",
    ].map { Array($0.utf8) }

    /// Case-insensitive runs that suggest a hand-typed value (shape evidence, not a marker).
    static let countingRuns: [[UInt8]] = ["0123456789abcdef", "1234567890"].map { Array($0.utf8) }
    static let alphabetRuns: [[UInt8]] = ["abcdefghijklmnop"].map { Array($0.utf8) }

    /// Template openers: a secret holding one of these is a reference to a secret, not a secret.
    static let templateMarkers: [[UInt8]] = ["${", "{{", "#{"].map { Array($0.utf8) }
    /// Openers that are a template only when a name follows (`%(name)s`, `$(command`): random
    /// secrets such as Django keys contain `%(^` or `$(!` by chance.
    static let namedTemplateMarkers: [[UInt8]] = ["$(", "%("].map { Array($0.utf8) }

    public static func isPlaceholder(_ secret: [UInt8]) -> Bool { reason(secret) != nil }

    /// The strongest reason `secret` looks like a placeholder (a marker before a shape), or nil.
    public static func reason(_ secret: [UInt8]) -> Reason? {
        guard !secret.isEmpty else { return Reason(kind: .marker, description: "empty") }
        let lowered = secret.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }
        for word in stopwords where lowered.firstRange(of: word) != nil {
            return Reason(kind: .marker, description: "stopword")
        }
        for marker in templateMarkers where secret.firstRange(of: marker) != nil {
            return Reason(kind: .marker, description: "template")
        }
        for marker in namedTemplateMarkers {
            var rest = secret[...]
            while let range = rest.firstRange(of: marker) {
                if range.upperBound < secret.endIndex, isNameStart(secret[range.upperBound]) {
                    return Reason(kind: .marker, description: "template")
                }
                rest = secret[range.upperBound...]
            }
        }
        if secret.first == 0x3c && secret.last == 0x3e { return Reason(kind: .marker, description: "template") }   // <TOKEN>
        for run in countingRuns where lowered.firstRange(of: run) != nil {
            return Reason(kind: .shape, description: "counting run")
        }
        for run in alphabetRuns where lowered.firstRange(of: run) != nil {
            return Reason(kind: .shape, description: "alphabet run")
        }
        if let dominant = dominantCharacter(secret) {
            // `0`, `x`, `*`, `#` are what people type to blank a value out (`dop_v1_000…`): a mask.
            // Any other character (`aaaa…`) is only a shape.
            return maskCharacters.contains(dominant)
                ? Reason(kind: .marker, description: "mask")
                : Reason(kind: .shape, description: "one character")
        }
        return nil
    }

    static let maskCharacters: Set<UInt8> = Set("0xX*#".utf8)

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte) || byte == 0x5f
    }

    /// The character making up most (≥ 60%) of a secret of 8 bytes or more (all-`a`/all-`0`
    /// bodies after a prefix), or nil.
    static func dominantCharacter(_ secret: [UInt8]) -> UInt8? {
        guard secret.count >= 8 else { return nil }
        var counts = [Int](repeating: 0, count: 256)
        for byte in secret { counts[Int(byte)] += 1 }
        guard let top = counts.indices.max(by: { counts[$0] < counts[$1] }),
              counts[top] * 10 >= secret.count * 6 else { return nil }
        return UInt8(top)
    }
}

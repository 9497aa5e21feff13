/// A text rule: a pattern whose capture group is the secret, with the examples that prove it.
///
/// Rule ids are lowercase and dotted (`github.pat-classic`) and stay stable once shipped:
/// baselines and allowlists refer to them.
public struct Rule: Sendable, Hashable, Identifiable {
    /// What a doubt about the secret (a failed structural validation, a placeholder shape) does to a finding.
    public enum InvalidAction: String, Sendable, Hashable {
        /// Keep the finding with confidence `low`.
        case lower
        /// Drop the finding.
        case drop
    }

    public var id: String
    public var name: String
    public var severity: Severity
    /// PCRE2 syntax; Vectorscan compiles it too (or a prefilter of it).
    public var pattern: String
    /// Capture group holding the secret; 0 means the whole match.
    public var secretGroup: Int
    public var minEntropy: Double?
    public var validator: String?
    public var onInvalid: InvalidAction
    /// What a placeholder shape (counting run, alphabet run, one dominant character; see
    /// `PlaceholderFilter`) does to a finding. `drop` unless the rule's format carries a fixed
    /// literal of its own, which is evidence enough to report the secret at low confidence.
    public var onPlaceholderShape: InvalidAction
    /// A looser pattern Vectorscan looks for instead of `pattern` (`anchor:`): every match of
    /// `pattern` must end where a match of the anchor ends (a suffix of `pattern` is the usual
    /// choice). PCRE2 then confirms `pattern` in a window as wide as `pattern`'s longest match.
    /// For rules whose leading context (a `user=` line before a `password=` line) costs
    /// Vectorscan far more than the part that ends the match.
    public var anchor: String?
    /// PCRE2 patterns over the secret; a match vetoes the finding.
    public var allowlistRegexes: [String]
    /// Case-insensitive substrings of the secret that veto the finding.
    public var stopwords: [String]
    public var examples: [String]
    public var negativeExamples: [String]
    public var references: [String]
    /// File the rule came from (`rules/cloud.yaml`, `<bundled>/cloud.yaml`, a gitleaks config).
    public var sourceFile: String

    public init(id: String, name: String, severity: Severity, pattern: String, secretGroup: Int = 1,
                minEntropy: Double? = nil, validator: String? = nil, onInvalid: InvalidAction = .lower,
                onPlaceholderShape: InvalidAction = .drop, anchor: String? = nil,
                allowlistRegexes: [String] = [], stopwords: [String] = [], examples: [String] = [],
                negativeExamples: [String] = [], references: [String] = [], sourceFile: String = "<inline>") {
        self.id = id
        self.name = name
        self.severity = severity
        self.pattern = pattern
        self.secretGroup = secretGroup
        self.minEntropy = minEntropy
        self.validator = validator
        self.onInvalid = onInvalid
        self.onPlaceholderShape = onPlaceholderShape
        self.anchor = anchor
        self.allowlistRegexes = allowlistRegexes
        self.stopwords = stopwords
        self.examples = examples
        self.negativeExamples = negativeExamples
        self.references = references
        self.sourceFile = sourceFile
    }

    /// The id format every rule must have.
    public static func isValidID(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { byte in
                (0x61...0x7a).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2d || byte == 0x5f
            }
        }
    }
}

/// A text rule ready to match: its PCRE2 code, allowlist codes, engine and match window.
struct CompiledRule: Sendable {
    let rule: Rule
    let engine: RuleEngine
    let code: PCRE2Code
    let allowlist: [PCRE2Code]
    let validator: SecretValidator?
    /// Longest match the rule can produce, in bytes: how far before a hit's end PCRE2 looks.
    let window: Int
    /// Whether `window` is the rule's true maximum width (false: unbounded pattern, capped).
    let windowIsExact: Bool
    let stopwords: [[UInt8]]
}

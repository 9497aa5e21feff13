/// A finding inside one chunk, before the pipeline gives it a path and absolute offsets.
struct ChunkFinding: Sendable {
    var ruleID: String
    var ruleName: String
    var severity: Severity
    var confidence: Confidence
    /// Buffer-relative span of the secret in the original bytes.
    var range: Range<Int>
    var encoding: TextEncoding
    var secret: [UInt8]
    var key: KeyInfo?
    var details: [String: String]
}

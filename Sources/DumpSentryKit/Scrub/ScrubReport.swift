/// What a scrub replaced and whether the rescan of its output came back clean. Holds findings
/// (with their secrets, as every `Finding` does), but `json()` writes only rule, span, encoding
/// and fingerprint: a scrub report never carries a secret or a preview of one.
public struct ScrubReport: Sendable {
    public var input: String
    /// The output path, or `-` for standard output.
    public var output: String
    public var bytes: UInt64
    /// Every span overwritten, sorted by offset then rule id.
    public var replacements: [Finding]
    /// Findings that could not be overwritten because their span began in bytes already written
    /// (only a chunk overlap shorter than a detector's structure could cause it). Never silent.
    public var unscrubbed: [Finding]
    /// Findings the baseline or allowlist accepts, left in place (none with `--all`).
    public var kept: [Finding] = []
    /// What the rescan of the output found at or above `failOn`, accepted findings aside.
    public var remaining: [Finding]
    /// True when the whole output was rescanned without errors.
    public var verified: Bool
    /// Why the rescan did not cover the output, when `verified` is false.
    public var verificationProblems: [ScanDiagnostic]
    public var failOn: Severity
    public var seconds: Double
    /// Things worth saying that change nothing about the verdict (stale temporaries removed).
    public var notes: [String] = []

    /// Scrubbed and proved clean: the only outcome that may exit 0.
    public var isClean: Bool { verified && remaining.isEmpty && unscrubbed.isEmpty }

    /// The `--report` document: `{tool, input, output, bytes, clean, verified, fail_on,
    /// replacements: [{member?, rule_id, offset, length, encoding, fingerprint}], kept, unscrubbed,
    /// remaining}`. `member` names an archive member; offsets are then into the decompressed member.
    public func json() -> JSONValue {
        func entry(_ finding: Finding) -> JSONValue {
            .object((finding.member.map { [("member", JSONValue.string($0))] } ?? []) + [
                ("rule_id", .string(finding.ruleID)),
                ("severity", .string(finding.severity.rawValue)),
                ("offset", .uint(finding.offset)),
                ("length", .int(Int64(finding.length))),
                ("encoding", .string(finding.encoding.rawValue)),
                ("fingerprint", .string(finding.fingerprint)),
            ])
        }
        return .object([
            ("tool", .string(DumpSentry.name)),
            ("input", .string(input)),
            ("output", .string(output)),
            ("bytes", .uint(bytes)),
            ("clean", .bool(isClean)),
            ("verified", .bool(verified)),
            ("fail_on", .string(failOn.rawValue)),
            ("seconds", .double((seconds * 1000).rounded() / 1000)),
            ("replacements", .array(replacements.map(entry))),
            ("kept", .array(kept.map(entry))),
            ("unscrubbed", .array(unscrubbed.map(entry))),
            ("remaining", .array(remaining.map(entry))),
            ("verification_problems", .array(verificationProblems.map { .string($0.description) })),
        ])
    }
}

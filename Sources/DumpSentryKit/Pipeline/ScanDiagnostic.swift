/// Something about an input the report must say: an error (input not fully scanned, exit
/// status 2) or a note (a symlink or FIFO skipped inside a directory walk).
public struct ScanDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var isError: Bool

    public init(path: String, message: String, isError: Bool) {
        self.path = path
        self.message = message
        self.isError = isError
    }

    public var description: String { "\(path): \(message)" }
}

/// What was scanned of one input.
public struct SourceSummary: Sendable, Hashable {
    public var path: String
    /// The archive member (nested: joined with `!`), nil for a file or a bare compressed stream.
    public var member: String? = nil
    public var bytes: UInt64
    public var findings: Int
    /// Identified type (libmagic and own checks), when known.
    public var fileType: String?
    /// Dump format facts (format name, process, modules), when the layout parsed.
    public var layout: [String: String]
    /// True if the input changed (size, mtime, truncation) while it was scanned.
    public var changed: Bool
}

/// Everything a scan produced, sorted deterministically.
public struct ScanOutcome: Sendable {
    /// Sorted by (path, member, offset, rule id), duplicates removed.
    public var findings: [Finding]
    public var sources: [SourceSummary]
    public var diagnostics: [ScanDiagnostic]
    public var bytes: UInt64
    public var seconds: Double
    /// Vectorscan hits PCRE2 did not confirm, by rule id (only non-zero entries).
    public var unconfirmedHits: [String: Int]

    public var errors: [ScanDiagnostic] { diagnostics.filter(\.isError) }
}

/// Something about an input the report must say: an error (input not fully scanned, exit
/// status 2) or a note (a symlink or FIFO skipped inside a directory walk).
public struct ScanDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// The path's exact bytes when `path` does not hold them (a name that is not UTF-8); see ``NameBytes``.
    public var pathBytes: [UInt8]?
    public var message: String
    public var isError: Bool

    public init(path: String, pathBytes: [UInt8]? = nil, message: String, isError: Bool) {
        self.path = path
        self.pathBytes = pathBytes
        self.message = message
        self.isError = isError
    }

    public var description: String { "\(path): \(message)" }

    /// The exact bytes of the path.
    public var exactPath: [UInt8] { NameBytes.bytes(display: path, exact: pathBytes) }
}

/// What was scanned of one input.
public struct SourceSummary: Sendable, Hashable {
    public var path: String
    /// The archive member (nested: joined with `!`), nil for a file or a bare compressed stream.
    public var member: String? = nil
    /// Exact bytes of `path` and `member` when those strings do not hold them; see ``NameBytes``.
    public var pathBytes: [UInt8]? = nil
    public var memberBytes: [UInt8]? = nil
    public var bytes: UInt64
    public var findings: Int
    /// Identified type (libmagic and own checks), when known.
    public var fileType: String?
    /// Dump format facts (format name, process, modules), when the layout parsed.
    public var layout: [String: String]
    /// True if the input changed (size, mtime, truncation) while it was scanned.
    public var changed: Bool

    /// The exact bytes of the path and of the member name (nil for no member).
    public var exactPath: [UInt8] { NameBytes.bytes(display: path, exact: pathBytes) }
    public var exactMember: [UInt8]? { member.map { NameBytes.bytes(display: $0, exact: memberBytes) } }
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
    /// Findings removed by policy (baseline, allowlist, skipped paths) after the scan; reports say how many.
    public var suppressed: Int = 0
    /// Public keys harvested from the scanned files, with the offset each was first seen at
    /// (scrub hands them to the rescan of its output, which skips the chunks that held them).
    var harvested: [(key: KnownPublicKey, offset: UInt64)] = []

    public var errors: [ScanDiagnostic] { diagnostics.filter(\.isError) }
}

/// A detector for binary key material. Detectors do not scan bytes themselves: each declares
/// anchors (byte patterns compiled into the same Vectorscan database as the text rules), and the
/// matcher calls `inspect` with the chunk and the anchor hit's end offset.
///
/// Contract: `inspect` must bounds-check everything (the bytes are hostile), must not allocate
/// without bound, and returns every structure it recognises starting near the anchor — including
/// ones whose math fails, with `validated: false` and low confidence.
public protocol BinaryDetector: Sendable {
    /// The rules this detector reports under (ids, names, severities, examples for `rules list`).
    var rules: [DetectorRule] { get }
    /// Vectorscan patterns (end offset reported) that locate candidate structures.
    var anchors: [DetectorAnchor] { get }
    /// Longest structure the detector can report, in bytes: the pipeline's chunk overlap covers it.
    var maxStructureLength: Int { get }
    /// Parses the structure an anchor points at. `anchorEnd` is the offset in `bytes` just past the
    /// anchor match; `anchorIndex` indexes `anchors`.
    func inspect(_ bytes: UnsafeRawBufferPointer, anchorEnd: Int, anchorIndex: Int) -> [DetectedStructure]
}

/// A rule implemented in Swift rather than as a pattern.
public struct DetectorRule: Sendable, Hashable {
    public var id: String
    public var name: String
    public var severity: Severity
    public var references: [String]

    public init(id: String, name: String, severity: Severity, references: [String] = []) {
        self.id = id
        self.name = name
        self.severity = severity
        self.references = references
    }
}

/// A byte pattern that anchors a detector, in Vectorscan syntax (e.g. `\x30\x82..\x02\x01\x00`).
public struct DetectorAnchor: Sendable, Hashable {
    public var pattern: String
    /// Bytes at most between the anchor's end and the start of the structure it anchors
    /// (the structure may begin before the anchor: `inspect` gets the whole chunk).
    public var note: String

    public init(pattern: String, note: String = "") {
        self.pattern = pattern
        self.note = note
    }
}

/// A structure a detector recognised: its span in the inspected bytes and what it is.
public struct DetectedStructure: Sendable, Hashable {
    public var ruleID: String
    /// Span in the buffer passed to `inspect`.
    public var range: Range<Int>
    public var confidence: Confidence
    public var key: KeyInfo?
    /// The bytes that identify the secret for the fingerprint (e.g. the private exponent or scalar);
    /// defaults to the whole structure.
    public var secret: [UInt8]

    public init(ruleID: String, range: Range<Int>, confidence: Confidence, key: KeyInfo?, secret: [UInt8]) {
        self.ruleID = ruleID
        self.range = range
        self.confidence = confidence
        self.key = key
        self.secret = secret
    }
}

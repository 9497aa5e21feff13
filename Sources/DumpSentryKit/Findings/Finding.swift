/// One secret found in one input. Offsets are absolute byte offsets in the file (or, for a
/// compressed stream or archive member, in its decompressed bytes).
///
/// `secret` holds the decoded secret so that `--show-secrets` and scrub can use it; reporters
/// never print it unless asked, and use `preview` instead.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var ruleName: String
    public var severity: Severity
    public var confidence: Confidence
    /// The input path as given or found by the walker.
    public var path: String
    /// The archive member path (`a.zip!inner.tar!core`), nil for a plain file or bare stream.
    public var member: String?
    /// Exact bytes of `path` and `member` when those strings do not hold them (names that are not
    /// UTF-8 show U+FFFD there); nil when the string is exact. See ``NameBytes``.
    public var pathBytes: [UInt8]?
    public var memberBytes: [UInt8]?
    /// Byte span of the secret itself (the capture group) in the original encoding.
    public var offset: UInt64
    public var length: Int
    public var encoding: TextEncoding
    /// `sha256:` + hex of the decoded secret bytes: the same secret in two encodings has one fingerprint.
    public var fingerprint: String
    /// Shannon entropy of the decoded secret, bits per byte.
    public var entropy: Double
    /// The decoded secret bytes. Never reported unless `--show-secrets`.
    public var secret: [UInt8]
    public var key: KeyInfo?
    public var location: DumpLocation?
    /// Facts a validator extracted (JWT `alg`, `kid`, `iss`, `exp`, …). Never secret material.
    public var details: [String: String]

    public init(ruleID: String, ruleName: String, severity: Severity, confidence: Confidence = .high,
                path: String, member: String? = nil, pathBytes: [UInt8]? = nil, memberBytes: [UInt8]? = nil, offset: UInt64, length: Int, encoding: TextEncoding,
                secret: [UInt8], key: KeyInfo? = nil, location: DumpLocation? = nil, details: [String: String] = [:]) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.confidence = confidence
        self.path = path
        self.member = member
        self.pathBytes = pathBytes
        self.memberBytes = memberBytes
        self.offset = offset
        self.length = length
        self.encoding = encoding
        self.secret = secret
        self.fingerprint = Fingerprint.of(secret)
        self.entropy = ShannonEntropy.of(secret)
        self.key = key
        self.location = location
        self.details = details
    }

    /// At most the first 4 characters of the secret, then `…`; binary secrets show hex.
    public var preview: String {
        if encoding == .binary {
            return secret.prefix(2).map { String(format2: $0) }.joined() + "…"
        }
        let head = secret.prefix(4).map { byte -> Character in
            (0x20...0x7e).contains(byte) ? Character(UnicodeScalar(byte)) : "."
        }
        return String(head) + "…"
    }

    /// The exact bytes of the input's path and of the member name (nil for no member).
    public var exactPath: [UInt8] { NameBytes.bytes(display: path, exact: pathBytes) }
    public var exactMember: [UInt8]? { member.map { NameBytes.bytes(display: $0, exact: memberBytes) } }

    /// The secret as text, for `--show-secrets` (hex for binary material).
    public var secretText: String {
        if encoding == .binary { return secret.map { String(format2: $0) }.joined() }
        return String(decoding: secret, as: UTF8.self)
    }
}

extension String {
    /// Two lowercase hex digits.
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self.init([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
    }
}

/// Renders a scan as one SARIF 2.1.0 log (one run), for code-scanning dashboards such as GitHub's.
///
/// Shape (docs/report-format.md): `tool.driver.rules` lists every rule that produced a result,
/// with `properties.security-severity` on GitHub's 0–10 scale; each result names the kind of
/// secret and where it lies (never the secret, at most its preview unless `--show-secrets`),
/// carries `partialFingerprints["dumpsentry/v1"]` = `fingerprint:rule-id` (stable across runs,
/// paths and offsets, so a dashboard tracks one secret as one alert), and a region with
/// `byteOffset`/`byteLength`. Dump attribution and key facts go in result `properties`.
///
/// `textPositions`: for findings in text files (logs, configs), the line and column of each
/// offset (`TextArtifact`, computed by the caller: reporters never read inputs); such regions get
/// `startLine`/`startColumn` beside the byte span.
///
/// `githubMode`: GitHub code scanning rejects results without `region.startLine`. Dumps have no
/// lines, so in this mode every region also gets `startLine: 1` — a placeholder that keeps the
/// upload valid; the byte span stays the exact location.
public struct SarifReporter: Sendable {
    public var settings: ReportSettings
    public var githubMode: Bool
    /// Rule metadata by id (name, severity, references), from the rule set that ran.
    public var catalog: [String: RuleDescription]
    /// Line and column of finding offsets, by path, for text artifacts.
    public var textPositions: [String: [UInt64: TextArtifact.Position]] = [:]

    /// What SARIF needs to know about one rule.
    public struct RuleDescription: Sendable, Hashable {
        public var id: String
        public var name: String
        public var severity: Severity
        public var references: [String]

        public init(id: String, name: String, severity: Severity, references: [String]) {
            self.id = id
            self.name = name
            self.severity = severity
            self.references = references
        }
    }

    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let fingerprintKey = "dumpsentry/v1"

    public init(settings: ReportSettings, ruleSet: RuleSet, githubMode: Bool = false) {
        var catalog: [String: RuleDescription] = [:]
        for rule in ruleSet.rules {
            catalog[rule.id] = RuleDescription(id: rule.id, name: rule.name, severity: rule.severity, references: rule.references)
        }
        for rule in ruleSet.detectorRules {
            catalog[rule.id] = RuleDescription(id: rule.id, name: rule.name, severity: rule.severity, references: rule.references)
        }
        self.settings = settings
        self.githubMode = githubMode
        self.catalog = catalog
    }

    public func document(_ outcome: ScanOutcome) -> String {
        // Rules in id order; a finding's rule unknown to the catalog (cannot happen with the rule
        // set that ran, but the catalog is a value the caller may replace) is described from the finding.
        var described: [String: RuleDescription] = [:]
        for finding in outcome.findings where described[finding.ruleID] == nil {
            described[finding.ruleID] = catalog[finding.ruleID]
                ?? RuleDescription(id: finding.ruleID, name: finding.ruleName, severity: finding.severity, references: [])
        }
        let ruleIDs = described.keys.sorted()
        var ruleIndex: [String: Int] = [:]
        for (index, id) in ruleIDs.enumerated() { ruleIndex[id] = index }

        let driver: JSONValue = .object([
            ("name", .string(DumpSentry.name)),
            ("version", .string(settings.toolVersion)),
            ("semanticVersion", .string(settings.toolVersion)),
            ("informationUri", .string(DumpSentry.informationURI)),
            ("rules", .array(ruleIDs.compactMap { described[$0].map(ruleValue) })),
        ])
        let notifications: [JSONValue] = outcome.errors.map { diagnostic in
            .object([
                ("level", .string("error")),
                ("message", .object([("text", .string("\(diagnostic.path): \(diagnostic.message)"))])),
                ("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(Self.uri(path: diagnostic.exactPath, member: nil)))])),
                ]))])])),
            ])
        }
        let invocation: JSONValue = .object([
            ("executionSuccessful", .bool(outcome.errors.isEmpty)),
            ("toolExecutionNotifications", .array(notifications)),
        ])
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([invocation])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(outcome.findings.map { resultValue($0, ruleIndex: ruleIndex[$0.ruleID] ?? 0) })),
        ])
        let log: JSONValue = .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.pretty() + "\n"
    }

    /// GitHub's `security-severity` (0–10): critical ≥ 9, high 7–8.9, medium 4–6.9, low < 4.
    public static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        }
    }

    /// SARIF `level`: critical and high fail a code-scanning gate as errors.
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// A URI reference for a path as given: relative paths stay relative (percent-encoded),
    /// absolute ones become `file://` URIs. An archive member is appended after `!`.
    public static func uri(path: String, member: String?) -> String {
        uri(path: Array(path.utf8), member: member.map { Array($0.utf8) })
    }

    /// The same for a name's exact bytes: percent-encoding each byte keeps a name that is not
    /// UTF-8 lossless (RFC 3986 decoding gives the bytes back).
    public static func uri(path: [UInt8], member: [UInt8]?) -> String {
        var uri = path.first == 0x2f ? "file://" + percentEncoded(path) : percentEncoded(path)
        if let member { uri += "!" + percentEncoded(member) }
        return uri
    }

    /// Percent-encodes every byte outside RFC 3986 `unreserved` and `/`, so spaces, `%`, `#`, `?`,
    /// `!`, `:` and control characters in hostile file names cannot change the URI's meaning.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case 0x41...0x5a, 0x61...0x7a, 0x30...0x39, 0x2d, 0x2e, 0x5f, 0x7e, 0x2f:
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += "%" + String(format2: byte).uppercased()
            }
        }
        return out
    }

    private func ruleValue(_ rule: RuleDescription) -> JSONValue {
        let help = rule.references.first { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? DumpSentry.informationURI
        var tags: [JSONValue] = [.string("security"), .string("secret")]
        if rule.id.hasPrefix("key.") { tags.append(.string("private-key")) }
        return .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(rule.name))])),
            ("fullDescription", .object([("text", .string("\(rule.name): a secret of this kind lies in the artifact; rotate it and keep the artifact inside the boundary."))])),
            ("helpUri", .string(help)),
            ("help", .object([("text", .string("Rotate the leaked secret, then remove or scrub the artifact. Reference: \(help)"))])),
            ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
            ("properties", .object([
                ("security-severity", .string(Self.securitySeverity(rule.severity))),
                ("severity", .string(rule.severity.rawValue)),
                ("tags", .array(tags)),
            ])),
        ])
    }

    private func resultValue(_ finding: Finding, ruleIndex: Int) -> JSONValue {
        var place = finding.path
        if let member = finding.member { place += "!" + member }
        var position = "at byte offset \(finding.offset) (\(finding.length) bytes, \(finding.encoding.rawValue)) of \(place)"
        if let address = finding.location?.virtualAddress {
            position += ", virtual address 0x" + String(address, radix: 16)
            if let module = finding.location?.module { position += " in \(module)" }
        }
        let message = "\(finding.ruleName) (\(finding.ruleID)) \(position); preview \(finding.preview), \(finding.fingerprint)"

        var region: [(String, JSONValue)] = []
        if finding.member == nil, let position = textPositions[finding.path]?[finding.offset] {
            region.append(("startLine", .int(Int64(position.line))))
            region.append(("startColumn", .int(Int64(position.column))))
        } else if githubMode {
            region.append(("startLine", .int(1)))
            region.append(("startColumn", .int(1)))
        }
        region.append(("byteOffset", .uint(finding.offset)))
        region.append(("byteLength", .int(Int64(finding.length))))

        var properties: [(String, JSONValue)] = [
            ("severity", .string(finding.severity.rawValue)),
            ("confidence", .string(finding.confidence.rawValue)),
            ("encoding", .string(finding.encoding.rawValue)),
            ("fingerprint", .string(finding.fingerprint)),
            ("preview", .string(finding.preview)),
            ("entropy", .double((finding.entropy * 1000).rounded() / 1000)),
            ("path", .string(finding.path)),
        ]
        if let member = finding.member { properties.append(("member", .string(member))) }
        properties += FindingJSON.exactNames(pathBytes: finding.pathBytes, memberBytes: finding.memberBytes)
        if settings.showSecrets { properties.append(("secret", .string(finding.secretText))) }
        if let key = finding.key { properties.append(("key", FindingJSON.keyValue(key))) }
        if let location = finding.location { properties.append(("location", FindingJSON.locationValue(location))) }
        if !finding.details.isEmpty {
            properties.append(("details", .object(finding.details.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }

        return .object([
            ("ruleId", .string(finding.ruleID)),
            ("ruleIndex", .int(Int64(ruleIndex))),
            ("level", .string(Self.level(finding.severity))),
            ("message", .object([("text", .string(message))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", .object([("uri", .string(Self.uri(path: finding.exactPath, member: finding.exactMember)))])),
                ("region", .object(region)),
            ]))])])),
            ("partialFingerprints", .object([(Self.fingerprintKey, .string("\(finding.fingerprint):\(finding.ruleID)"))])),
            ("properties", .object(properties)),
        ])
    }
}
